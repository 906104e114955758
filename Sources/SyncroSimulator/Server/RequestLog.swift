import RecordFormats

/// The log of API requests behind `GET /_sim/requests`, oldest first, bounded to the latest `capacity` entries.
package actor RequestLog {
    private let capacity: Int
    private var entries: [JSONValue] = []

    package init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    package func append(_ entry: JSONValue) {
        entries.append(entry)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }

    package func all() -> [JSONValue] {
        entries
    }

    package func clear() {
        entries = []
    }
}
