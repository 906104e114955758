/// How big a generated dataset is and which seed makes it, parsed from `customers=200,tickets=5000,seed=7`.
///
/// | key | meaning | default |
/// |---|---|---|
/// | `customers` | customers (about 5% disabled) | 50 |
/// | `contacts` | average contacts per customer | 2 |
/// | `tickets` | tickets | 500 |
/// | `comments` | average comments per ticket (at least 1: the description) | 4 |
/// | `assets` | assets | 100 |
/// | `users` | users, including the integration user 118 | 6 |
/// | `products` | products | 20 |
/// | `seed` | the random seed; the same spec always gives the same bytes | 1 |
package struct GeneratorSpec: Sendable, Hashable {
    package var customers = 50
    package var contactsPerCustomer = 2
    package var tickets = 500
    package var commentsPerTicket = 4
    package var assets = 100
    package var users = 6
    package var products = 20
    package var seed: UInt64 = 1

    package init() {}

    package init(
        customers: Int = 50,
        tickets: Int = 500,
        comments: Int = 4,
        assets: Int = 100,
        seed: UInt64 = 1
    ) {
        self.customers = customers
        self.tickets = tickets
        self.commentsPerTicket = comments
        self.assets = assets
        self.seed = seed
    }

    /// Parses `key=value` pairs separated by commas; unknown keys and bad numbers are errors.
    package static func parse(_ text: String) throws -> GeneratorSpec {
        var spec = GeneratorSpec()
        let keys = "customers, contacts, tickets, comments, assets, users, products or seed"
        for rawEntry in text.split(separator: ",") {
            let entry = String(rawEntry).trimmed
            guard !entry.isEmpty else { continue }
            let parts = entry.split(separator: "=", maxSplits: 1).map { String($0).trimmed }
            guard parts.count == 2 else {
                throw SimulatorInputError(
                    "The generator spec entry \"\(entry)\" is not KEY=NUMBER; write it like \"tickets=5000\".")
            }
            let (key, valueText) = (parts[0], parts[1])
            if key == "seed" {
                guard let seed = UInt64(valueText) else {
                    throw SimulatorInputError(
                        "The generator spec entry \"\(entry)\" has the seed \"\(valueText)\"; "
                            + "use a non-negative integer."
                    )
                }
                spec.seed = seed
                continue
            }
            guard let value = Int(valueText), value >= 0, value <= 10_000_000 else {
                throw SimulatorInputError(
                    "The generator spec entry \"\(entry)\" has the count \"\(valueText)\"; "
                        + "use an integer from 0 to 10000000."
                )
            }
            switch key {
            case "customers": spec.customers = value
            case "contacts": spec.contactsPerCustomer = value
            case "tickets": spec.tickets = value
            case "comments": spec.commentsPerTicket = value
            case "assets": spec.assets = value
            case "users": spec.users = value
            case "products": spec.products = value
            default:
                throw SimulatorInputError(
                    "The generator spec entry \"\(entry)\" names the unknown key \"\(key)\"; use \(keys).")
            }
        }
        if spec.tickets > 0 || spec.assets > 0, spec.customers == 0 {
            throw SimulatorInputError(
                "The generator spec \"\(text)\" asks for tickets or assets without customers; add customers=N."
            )
        }
        return spec
    }
}
