import Foundation

/// The probabilities of random failures injected into API requests (`--faults`).
///
/// The text form is a comma-separated list of `KIND=PROBABILITY`, for example
/// `429=0.02,500=0.01,drop=0.01,html504=0.005,slow=0.01`. One uniform draw per request picks at most one fault,
/// so the probabilities must add up to at most 1.
package struct FaultSpec: Sendable, Hashable {
    /// One kind of injected failure.
    package enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// A 429 with the rate-limit body, as if the limit were reached.
        case rateLimited = "429"
        /// A 500 with a JSON error body.
        case serverError = "500"
        /// The connection is closed without any response.
        case drop
        /// A 504 with a text/html "Gateway Time-out" page, as a proxy in front of Syncro sends it.
        case html504
        /// The response is held back for `SimulatorConfiguration.slowFaultDelay`.
        case slow
        /// The request is applied (a write takes effect), then the connection is closed without a response,
        /// so the client cannot know the outcome.
        case dropAfterWrite

        /// The kind named by `name`, also accepting `drop-after-write` and the case names.
        package init?(name: String) {
            switch name.lowercased() {
            case "429", "ratelimited": self = .rateLimited
            case "500", "servererror": self = .serverError
            case "drop": self = .drop
            case "html504", "504": self = .html504
            case "slow": self = .slow
            case "dropafterwrite", "drop-after-write", "drop_after_write": self = .dropAfterWrite
            default: return nil
            }
        }
    }

    /// The probability of each kind, between 0 and 1.
    package var probabilities: [Kind: Double]

    package init(_ probabilities: [Kind: Double] = [:]) {
        self.probabilities = probabilities
    }

    /// Whether no fault can ever be drawn.
    package var isEmpty: Bool { probabilities.values.allSatisfy { $0 <= 0 } }

    /// The fault selected by a uniform draw in `0..<1`, or nil for none.
    ///
    /// Kinds take consecutive slices of the unit interval in `Kind.allCases` order, so one seed always gives the
    /// same sequence of faults.
    package func fault(forDraw draw: Double) -> Kind? {
        var upper = 0.0
        for kind in Kind.allCases {
            guard let probability = probabilities[kind], probability > 0 else { continue }
            upper += probability
            if draw < upper { return kind }
        }
        return nil
    }

    /// Parses `429=0.02,500=0.01,drop=0.01,html504=0.005,slow=0.01`; an empty text means no faults.
    package static func parse(_ text: String) throws -> FaultSpec {
        var probabilities: [Kind: Double] = [:]
        let kinds = "429, 500, drop, html504, slow or dropAfterWrite"
        for rawEntry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let entry = rawEntry.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty {
                if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                throw SimulatorInputError(
                    "The fault spec \"\(text)\" has an empty entry; separate KIND=PROBABILITY pairs with single commas."
                )
            }
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw SimulatorInputError(
                    "The fault spec entry \"\(entry)\" is not KIND=PROBABILITY; write it like \"500=0.01\"."
                )
            }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard let kind = Kind(name: name) else {
                throw SimulatorInputError(
                    "The fault spec entry \"\(entry)\" names the unknown kind \"\(name)\"; use \(kinds)."
                )
            }
            let valueText = parts[1].trimmingCharacters(in: .whitespaces)
            guard let value = Double(valueText), value.isFinite, value >= 0, value <= 1 else {
                throw SimulatorInputError(
                    "The fault spec entry \"\(entry)\" has the probability \"\(valueText)\"; use a number from 0 to 1."
                )
            }
            guard probabilities[kind] == nil else {
                throw SimulatorInputError(
                    "The fault spec \"\(text)\" names \"\(name)\" twice; give each kind once."
                )
            }
            probabilities[kind] = value
        }
        let total = probabilities.values.reduce(0, +)
        guard total <= 1 + 1e-9 else {
            throw SimulatorInputError(
                "The fault spec \"\(text)\" adds up to \(total), more than 1; lower the probabilities."
            )
        }
        return FaultSpec(probabilities)
    }
}
