import RecordFormats
import SyncroCatalog

/// The page a list request asks for, resolved against the endpoint's default size and the `per_page` limit.
///
/// `page` is 1-based; a missing, non-numeric or non-positive `page` means 1. A page past the end is not an error:
/// it yields an empty slice and the usual `meta`, as Syncro answers 200 with an empty array.
package struct PageRequest: Sendable, Hashable {
    package var page: Int
    package var perPage: Int

    package init(page: Int, perPage: Int) {
        self.page = page
        self.perPage = perPage
    }

    /// The page of `query` for an endpoint whose default size is `defaultSize`.
    package init(_ query: QueryParameters, defaultSize: Int, configuration: SimulatorConfiguration) {
        let requestedPage = query.int("page") ?? 1
        page = max(1, requestedPage)
        var size = defaultSize
        if configuration.honoursPerPage, let requested = query.int("per_page"), requested > 0 {
            size = min(requested, configuration.perPageMaximum)
        }
        perPage = max(1, size)
    }

    /// The items of this page.
    package func slice<Element>(_ items: [Element]) -> ArraySlice<Element> {
        let (start, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        guard !overflow, start < items.count else { return [] }
        return items[start..<min(items.count, start + perPage)]
    }

    /// The number of pages for `total` items; 0 when there are none.
    package func totalPages(_ total: Int) -> Int {
        (total + perPage - 1) / perPage
    }

    /// The `meta` object with `keys` for `total` items, or nil when `keys` is empty.
    package func meta(total: Int, keys: [EntityDefinition.MetaKey]) -> JSONValue? {
        guard !keys.isEmpty else { return nil }
        var meta = JSONObject()
        for key in keys {
            switch key {
            case .totalPages: meta.appendUnchecked(key.rawValue, .int(totalPages(total)))
            case .totalEntries: meta.appendUnchecked(key.rawValue, .int(total))
            case .perPage: meta.appendUnchecked(key.rawValue, .int(perPage))
            case .page: meta.appendUnchecked(key.rawValue, .int(page))
            }
        }
        return .object(meta)
    }

    /// `{"<key>": [items of this page], "meta": {…}}`; `total` is the number of items before paging.
    package func body(_ key: String, total: Int, items: [JSONValue], keys: [EntityDefinition.MetaKey]) -> JSONValue {
        var object = JSONObject()
        object.appendUnchecked(key, .array(items))
        if let meta = meta(total: total, keys: keys) { object.appendUnchecked("meta", meta) }
        return .object(object)
    }
}
