/// An endpoint that newer Syncro accounts serve and older ones answer 404 to, so the simulator can serve an account
/// without it (`simulate --without ticket_comments`).
package enum OptionalEndpoint: String, Sendable, Hashable, CaseIterable {
    /// `GET /ticket_comments`, the bulk comments list of the newer API.
    case ticketComments = "ticket_comments"

    /// The endpoints named by `values`, each a name or a comma-separated list of names (`--without` given once or
    /// repeated); blanks between commas are skipped.
    package static func parse(_ values: [String]) throws -> Set<OptionalEndpoint> {
        var endpoints = Set<OptionalEndpoint>()
        for name in values.flatMap({ $0.split(separator: ",") }).map({ String($0).trimmed }) where !name.isEmpty {
            guard let endpoint = OptionalEndpoint(rawValue: name.lowercased()) else {
                let accepted = allCases.map(\.rawValue).joined(separator: ", ")
                throw SimulatorInputError(
                    "\"\(name)\" is not an endpoint the simulator can leave out; the accepted values are \(accepted)."
                )
            }
            endpoints.insert(endpoint)
        }
        return endpoints
    }
}
