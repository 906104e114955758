import Foundation
import RecordFormats

/// The setup guide's "Test Connection": one read-only probe per permission the integration needs.
///
/// Detail permissions are probed on the first record of the matching list, or on id 0 when the list is empty:
/// Syncro checks the permission before looking the record up, so 404 there still proves the permission. Write
/// permissions are probed only with ``Options/probeWritesTicketID``, and then with deliberately invalid bodies that
/// Syncro must reject with 422 after the permission check, so nothing is ever written.
package struct ConnectionCheck: Sendable {
    package struct Options: Sendable {
        package var probeWritesTicketID: Int?
        package init(probeWritesTicketID: Int? = nil) { self.probeWritesTicketID = probeWritesTicketID }
    }

    /// The outcome of one probe.
    package struct Result: Sendable, Equatable {
        package enum Status: String, Sendable {
            case ok, failed
            case notVerifiable = "not_verifiable"
        }

        /// The Syncro permission name, or a description for the identity and user checks.
        package var name: String
        /// The setup guide's wording of the permission, when it differs (Customers are "Organizations" there).
        package var guideName: String?
        package var method: String
        package var path: String
        package var status: Status
        package var httpStatus: Int?
        /// What was found: the account on success, Syncro's answer on failure.
        package var detail: String
        package var advice: TroubleshootingAdvice?
    }

    /// Every probe, plus the verdict.
    package struct Report: Sendable {
        package var baseURL: String
        package var subdomain: String?
        package var results: [Result]
        /// True when every verifiable check passed.
        package var passed: Bool { !results.contains { $0.status == .failed } }
    }

    let client: SyncroClient
    let options: Options

    package init(client: SyncroClient, options: Options = .init()) {
        self.client = client
        self.options = options
    }

    struct Probe {
        var name: String
        var guideName: String?
        var method: HTTPRequest.Method
        var path: String
        var query: [(String, String)] = []
        var body: JSONValue? = nil
        /// For write probes: the status that proves the permission (422: refused by validation, after authorization).
        var expectsValidationFailure = false
    }

    package func run() async -> Report {
        var results: [Result] = []
        var subdomain = client.endpoint.subdomain

        let meProbe = Probe(name: "Authentication (token identity)", method: .get, path: "/me")
        let me = await run(meProbe)
        if case .success(let body) = me.outcome, let object = body.objectValue {
            let identity = Me(json: object)
            subdomain = identity.subdomain ?? subdomain
            var detail = "token of \(identity.userName ?? "an unnamed user")"
            if let email = identity.userEmail { detail += " <\(email)>" }
            if let name = identity.subdomain { detail += ", account \(name)" }
            results.append(me.result.with(detail: detail))
        } else {
            results.append(me.result)
            if case .failure(let error) = me.outcome, error.kind == .unreachable {
                // Nothing answers at this address: every other probe would only repeat this line.
                return Report(baseURL: client.endpoint.baseURL, subdomain: subdomain, results: results)
            }
        }

        let listProbes: [(list: Probe, detail: Probe, key: String, detailPath: (Int) -> String)] = [
            (
                Probe(name: "Tickets - List/Search", method: .get, path: "/tickets", query: [("per_page", "1")]),
                Probe(name: "Tickets - View Details", method: .get, path: "/tickets/{id}"), "tickets",
                { "/tickets/\($0)" }
            ),
            (
                Probe(
                    name: "Customers - List/Search", guideName: "Organizations: List/Search", method: .get,
                    path: "/customers", query: [("per_page", "1")]),
                Probe(
                    name: "Customers - View Detail", guideName: "Organizations: View Detail", method: .get,
                    path: "/customers/{id}"),
                "customers", { "/customers/\($0)" }
            ),
            (
                Probe(name: "Assets - List/Search", method: .get, path: "/customer_assets", query: [("per_page", "1")]),
                Probe(name: "Assets - View Details", method: .get, path: "/customer_assets/{id}"), "assets",
                { "/customer_assets/\($0)" }
            ),
        ]
        for entry in listProbes {
            let list = await run(entry.list)
            results.append(list.result)
            var firstID = 0
            if case .success(let body) = list.outcome, let id = body[entry.key]?.arrayValue?.first?["id"]?.intValue {
                firstID = id
            }
            var detailProbe = entry.detail
            detailProbe.path = entry.detailPath(firstID)
            let detail = await run(detailProbe, notFoundProvesPermission: firstID == 0)
            results.append(detail.result)
        }
        results.append(
            await run(
                Probe(name: "Products - List/Search", method: .get, path: "/products", query: [("per_page", "1")])
            ).result)
        let users = await run(Probe(name: "Users (list technicians)", method: .get, path: "/users"))
        if case .success(let body) = users.outcome {
            let count = body["users"]?.arrayValue?.count ?? 0
            results.append(users.result.with(detail: "\(count) user\(count == 1 ? "" : "s")"))
        } else {
            results.append(users.result)
        }

        let writeProbes = [
            Probe(
                name: "Tickets - Create", method: .post, path: "/tickets", body: .object([:]),
                expectsValidationFailure: true),
            Probe(
                name: "Tickets - Edit", method: .put, path: "/tickets/\(options.probeWritesTicketID ?? 0)",
                body: ["subject": ""], expectsValidationFailure: true
            ),
            Probe(
                name: "Ticket Comments - New", guideName: "Ticket Comments: New", method: .post,
                path: "/tickets/\(options.probeWritesTicketID ?? 0)/comment", body: ["do_not_email": true],
                expectsValidationFailure: true
            ),
        ]
        for probe in writeProbes {
            if options.probeWritesTicketID == nil {
                results.append(
                    Result(
                        name: probe.name, guideName: probe.guideName, method: probe.method.rawValue,
                        path: probe.path.replacingOccurrences(of: "/0", with: "/{id}"), status: .notVerifiable,
                        httpStatus: nil,
                        detail:
                            "not verifiable read-only (--probe-writes TICKET_ID tests it without writing)",
                        advice: nil
                    )
                )
            } else {
                results.append(await run(probe).result)
            }
        }

        // Every probe refused as unauthorized, /me included (it needs no permission): the token itself is rejected.
        let refused = results.filter { $0.httpStatus == 401 }
        if !refused.isEmpty, refused.count == results.filter({ $0.status != .notVerifiable }).count {
            results = results.map { $0.status == .failed ? $0.with(advice: .authenticationFailed) : $0 }
        }
        return Report(baseURL: client.endpoint.baseURL, subdomain: subdomain, results: results)
    }

    struct ProbeRun {
        var result: Result
        var outcome: Swift.Result<JSONValue, SyncroAPIError>
    }

    func run(_ probe: Probe, notFoundProvesPermission: Bool = false) async -> ProbeRun {
        let request = HTTPRequest(
            method: probe.method, path: probe.path, query: probe.query, body: probe.body?.serializedBytes
        )
        var result = Result(
            name: probe.name, guideName: probe.guideName, method: probe.method.rawValue, path: probe.path, status: .ok,
            httpStatus: 200, detail: "OK", advice: nil
        )
        do {
            let body = try await client.send(request)
            if probe.expectsValidationFailure {
                // Syncro accepted an invalid write: nothing should have been written, but say so loudly.
                result.detail = "Syncro accepted a deliberately invalid request; check the ticket in Syncro"
            }
            return ProbeRun(result: result, outcome: .success(body))
        } catch let error as SyncroAPIError {
            result.httpStatus = error.status
            let said = error.messages.joined(separator: "; ")
            switch error.kind {
            case .validationFailed where probe.expectsValidationFailure:
                result.detail = "permission present (the probe was refused by validation, as intended: \(said))"
            case .notFound where notFoundProvesPermission || probe.expectsValidationFailure:
                result.detail = "permission present (no record to read)"
            case .permissionDenied:
                result.status = .failed
                result.detail = "401: \(said.isEmpty ? "not authorized" : said)"
                result.advice = .permissionDenied
            case .unauthorized:
                result.status = .failed
                result.detail = "401: \(said.isEmpty ? "not authorized" : said)"
                result.advice = .authenticationFailed
            case .notFound, .unexpectedResponse:
                result.status = .failed
                result.detail =
                    "HTTP \(error.status.map(String.init) ?? "?"): \(said.isEmpty ? "not a Syncro API answer" : said)"
                result.advice = .invalidSubdomain
            case .unreachable, .connectionLost, .outcomeUnknown, .responseTooLarge:
                result.status = .failed
                result.detail = error.errorDescription ?? "network error"
                result.advice =
                    error.kind == .unreachable && client.endpoint.subdomain != nil ? .invalidSubdomain : .network
            case .rateLimited, .serverError, .gatewayTimeout, .validationFailed:
                result.status = .failed
                result.detail = error.errorDescription ?? "HTTP \(error.status ?? 0)"
                result.advice = .network
            }
            return ProbeRun(result: result, outcome: .failure(error))
        } catch {
            result.status = .failed
            result.httpStatus = nil
            result.detail = "\(error)"
            result.advice = .network
            return ProbeRun(
                result: result,
                outcome: .failure(
                    SyncroAPIError(
                        kind: .connectionLost, method: probe.method, path: probe.path, messages: ["\(error)"]))
            )
        }
    }
}

extension ConnectionCheck.Result {
    func with(detail: String) -> Self {
        var copy = self
        copy.detail = detail
        return copy
    }

    func with(advice: TroubleshootingAdvice) -> Self {
        var copy = self
        copy.advice = advice
        return copy
    }
}
