/// A JSON object that keeps its members in wire order.
///
/// Records have a few dozen keys, so lookups scan linearly; that is faster than hashing at this size and keeps
/// the order an export must reproduce.
package struct JSONObject: Sendable, Hashable {
    package private(set) var keys: [String]
    package private(set) var values: [JSONValue]

    package init() {
        keys = []
        values = []
    }

    /// An object from key–value pairs in order; a repeated key keeps its first position and its last value.
    package init(_ pairs: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    /// An object of `keys` and their `values`, in order, sharing the storage of both arrays; the keys must be
    /// distinct and as many as the values (what `keys` and `values` of another object are).
    package init(keys: [String], values: [JSONValue]) {
        precondition(keys.count == values.count, "an object needs one value per key")
        self.keys = keys
        self.values = values
    }

    package var count: Int { keys.count }
    package var isEmpty: Bool { keys.isEmpty }

    /// The value of `key`. Setting replaces in place, appends a new key, and removes the key when set to nil.
    package subscript(key: String) -> JSONValue? {
        get {
            guard let index = keys.firstIndex(of: key) else { return nil }
            return values[index]
        }
        set {
            if let index = keys.firstIndex(of: key) {
                if let newValue {
                    values[index] = newValue
                } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// Appends a member without looking for an existing key; for writers that know the key is new.
    package mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
    }

    /// A copy holding only the listed keys, in the listed order (missing keys are skipped).
    package func selecting(_ wanted: [String]) -> JSONObject {
        var result = JSONObject()
        for key in wanted {
            if let value = self[key] { result.appendUnchecked(key, value) }
        }
        return result
    }
}

extension JSONObject: Sequence {
    package struct Iterator: IteratorProtocol {
        fileprivate let object: JSONObject
        fileprivate var index = 0

        package mutating func next() -> (key: String, value: JSONValue)? {
            guard index < object.keys.count else { return nil }
            defer { index += 1 }
            return (object.keys[index], object.values[index])
        }
    }

    package func makeIterator() -> Iterator { Iterator(object: self) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    package init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
