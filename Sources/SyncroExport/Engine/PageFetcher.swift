import SyncroAPI

/// Runs requests (pages, details) with a bounded number in flight; the client's limiter spaces their starts.
struct PageFetcher: Sendable {
    let client: SyncroClient
    /// Requests in flight at once.
    let concurrency: Int

    /// Runs `work` for every item with at most `concurrency` in flight.
    func forEach<Item: Sendable>(_ items: [Item], _ work: @escaping @Sendable (Item) async throws -> Void) async throws
    {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var iterator = items.makeIterator()
            var running = 0
            while running < concurrency, let item = iterator.next() {
                group.addTask { try await work(item) }
                running += 1
            }
            while try await group.next() != nil {
                if let item = iterator.next() { group.addTask { try await work(item) } }
            }
        }
    }
}
