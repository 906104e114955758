import RecordFormats
import SyncroCatalog

extension ConnectionCheck {
    /// `check --entities`: whether this token can export each entity of the catalog, one request each.
    ///
    /// A list entity is probed with its first page of one record; comments with the detail of the first ticket
    /// (or of id 0, where 404 still proves the permission); tags, which come from the tickets' and customers' rows,
    /// follow those two probes without a request of their own. A result's name is the entity's file name and its
    /// detail names the Syncro permission it needs.
    package func runEntities() async -> Report {
        var results: [Result] = []
        var firstTicketID = 0
        var refused: Set<ExportEntity> = []
        for entity in ExportEntity.allCases {
            let definition = entity.definition
            let needs = definition.permissions.map { "\"\($0)\"" }.joined(separator: " or ")
            let probe: Probe
            switch definition.source {
            case .derivedTags:
                let missing = [ExportEntity.tickets, .customers].filter(refused.contains)
                results.append(
                    Result(
                        name: entity.rawValue, method: "", path: "(from tickets and customers)",
                        status: missing.isEmpty ? .ok : .failed, httpStatus: nil,
                        detail: missing.isEmpty
                            ? "can export"
                            : "cannot export without \(missing.map(\.rawValue).joined(separator: " and "))",
                        advice: missing.isEmpty ? nil : .permissionDenied
                    )
                )
                continue
            case .ticketComments:
                probe = Probe(name: entity.rawValue, method: .get, path: "/tickets/\(firstTicketID)")
            case .list, .ticketsWithDetails, .userPairs:
                let list = ListRequest(entity)
                var query = list.query
                if list.isPaged { query += [("page", "1"), ("per_page", "1")] }
                probe = Probe(name: entity.rawValue, method: .get, path: list.path, query: query)
            }
            let run = await run(probe, notFoundProvesPermission: definition.source == .ticketComments)
            var result = run.result
            switch run.outcome {
            case .success(let body):
                if entity == .tickets, let id = body["tickets"]?.arrayValue?.first?["id"]?.intValue {
                    firstTicketID = id
                }
                result.detail = "can export"
                if let scope = definition.scope {
                    result.detail += "; without \"\(scope.permission)\" Syncro returns \(scope.without)"
                }
            case .failure(let error):
                refused.insert(entity)
                if error.kind == .permissionDenied, !needs.isEmpty {
                    result.detail = "cannot export: 401, the token lacks \(needs)"
                }
            }
            if definition.source == .ticketComments { result.path = "/tickets/{id}" }
            results.append(result)
        }
        return Report(baseURL: client.endpoint.baseURL, subdomain: client.endpoint.subdomain, results: results)
    }
}
