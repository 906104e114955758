import Foundation
import RecordFormats

/// A record as the API returned it, every field kept, with typed access to the fields the tool reasons about.
package protocol SyncroRecord: Sendable, Hashable {
    /// The record exactly as received, in wire order.
    var json: JSONObject { get }
    init(json: JSONObject)
}

extension SyncroRecord {
    package var id: Int? { json["id"]?.intValue }

    package func string(_ key: String) -> String? { json[key]?.stringValue }
    package func int(_ key: String) -> Int? { json[key]?.intValue }
    package func bool(_ key: String) -> Bool? { json[key]?.boolValue }
    package func time(_ key: String) -> Date? { json[key]?.stringValue.flatMap(Timestamp.parse) }

    package func strings(_ key: String) -> [String] {
        json[key]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    package func ints(_ key: String) -> [Int] {
        json[key]?.arrayValue?.compactMap(\.intValue) ?? []
    }

    package func records<Child: SyncroRecord>(_ key: String, as type: Child.Type = Child.self) -> [Child] {
        json[key]?.arrayValue?.compactMap { $0.objectValue.map(Child.init(json:)) } ?? []
    }
}

/// A record of an entity the tool only copies (invoices, time entries, ...): its fields as received, nothing typed.
package struct PlainRecord: SyncroRecord {
    package let json: JSONObject
    package init(json: JSONObject) { self.json = json }
}
