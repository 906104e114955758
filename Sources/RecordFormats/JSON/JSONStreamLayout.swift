/// How a stream of JSON records is laid out in a file.
package enum JSONStreamLayout: Sendable, Hashable {
    /// One top-level array, one record per line: `[\n{...},\n{...}\n]\n` (an empty one is `[]\n`).
    case array
    /// JSON Lines: one compact value per line, LF-terminated.
    case lines
}
