import Foundation
import RecordFormats

/// Every failure of a Syncro API call, with the request it belongs to and the server's own messages.
///
/// Syncro answers errors in at least nine body shapes (as seen on live accounts and in the OpenAPI document); ``messages(in:)`` reads
/// them all into plain sentences, so callers never look at bodies.
package struct SyncroAPIError: Error, Sendable, LocalizedError {
    package enum Kind: String, Sendable, Equatable {
        /// 401 whose body is Syncro's permission message: the token is valid but lacks a permission.
        case permissionDenied
        /// 401 otherwise: the token is missing, wrong, expired or revoked.
        case unauthorized
        case notFound
        /// 400 or 422: the request was understood and refused.
        case validationFailed
        /// 429 after every retry.
        case rateLimited
        /// 5xx, or an HTML proxy page, after every retry.
        case serverError
        /// An HTML gateway time-out left to the caller (pagination halves the page size).
        case gatewayTimeout
        /// A body that is not the JSON the endpoint documents.
        case unexpectedResponse
        /// The server could not be reached; the request was not sent.
        case unreachable
        /// A write that may or may not have happened: a POST that met a 5xx, a dropped connection or a time-out.
        case outcomeUnknown
        /// A read that met a dropped connection or time-out after every retry.
        case connectionLost
        case responseTooLarge
    }

    package var kind: Kind
    package var method: HTTPRequest.Method
    package var path: String
    package var status: Int?
    /// What Syncro itself said (from the response body); empty when nothing answered.
    package var messages: [String]
    /// What went wrong on the way when there was no answer to read (`the connection was refused`).
    package var reason: String?
    /// The host (and port) the request was for, named when nothing answered there.
    package var host: String?

    package init(
        kind: Kind, method: HTTPRequest.Method, path: String, status: Int? = nil, messages: [String] = [],
        reason: String? = nil, host: String? = nil
    ) {
        self.kind = kind
        self.method = method
        self.path = path
        self.status = status
        self.messages = messages
        self.reason = reason
        self.host = host
    }

    /// `GET /tickets`: the request the error belongs to, without query values.
    package var endpoint: String { "\(method.rawValue) \(path)" }

    package var errorDescription: String? {
        var said = messages.isEmpty ? "" : " (Syncro said: \(messages.joined(separator: "; ")))"
        if let reason { said += " (\(reason))" }
        switch kind {
        case .permissionDenied:
            return
                "\(endpoint) was refused with 401\(said): the API token lacks the permission for this endpoint; add it to the token's custom permissions in Syncro."
        case .unauthorized:
            return
                "\(endpoint) was refused with 401\(said): the API token was not accepted; check that it was copied completely and has not expired."
        case .notFound:
            return "\(endpoint) answered 404\(said): the record does not exist or the token's user cannot see it."
        case .validationFailed:
            return "\(endpoint) was rejected with \(status ?? 422)\(said)."
        case .rateLimited:
            return
                "\(endpoint) was still rate-limited (429) after every retry: another client may share this IP address; lower --rate-limit and run again."
        case .serverError:
            return
                "\(endpoint) failed with HTTP \(status.map(String.init) ?? "5xx") after every retry\(said): Syncro may be having trouble; run again later."
        case .gatewayTimeout:
            return "\(endpoint) timed out at Syncro's gateway (HTML 504): ask for fewer records per page."
        case .unexpectedResponse:
            return
                "\(endpoint) answered HTTP \(status.map(String.init) ?? "?") with a body that is not the expected JSON\(said): check that the base URL points at a Syncro API."
        case .unreachable:
            return
                "\(endpoint) could not be sent: nothing answered at \(host ?? "the API address")\(said); check the "
                + "subdomain or base URL, and that this machine can reach that host (DNS, proxy, firewall)."
        case .outcomeUnknown:
            return "\(endpoint) may or may not have been carried out\(said): look in Syncro before sending it again."
        case .connectionLost:
            return "\(endpoint) lost its connection after every retry\(said): check the network and run again."
        case .responseTooLarge:
            return "\(endpoint) returned a response larger than the client accepts\(said)."
        }
    }

    /// The human messages in any of Syncro's error body shapes; empty when the body holds none.
    package static func messages(in body: JSONValue) -> [String] {
        guard case .object(let object) = body else {
            if case .string(let text) = body { return [text] }
            return []
        }
        var found: [String] = []
        for key in ["error", "message", "errors"] {
            guard let value = object[key] else { continue }
            found.append(contentsOf: flatten(value))
        }
        if !found.isEmpty { return found }
        // A bare field map: {"customer_id": ["can't be blank"], "date": ["can't be blank"]}.
        for (field, value) in object where field != "params" && field != "success" && field != "record" {
            for message in flatten(value) { found.append("\(field) \(message)") }
        }
        return found
    }

    private static func flatten(_ value: JSONValue) -> [String] {
        switch value {
        case .string(let text): return text.isEmpty ? [] : [text]
        case .array(let items): return items.flatMap(flatten)
        case .object(let object):
            return object.flatMap { field, value in flatten(value).map { "\(field) \($0)" } }
        case .number(let text): return [text]
        case .bool, .null: return []
        }
    }

    /// The exact message Syncro sends when a token lacks a permission.
    package static let permissionMessage = "Not authorized. Please ask account admin to update your group permissions."
}
