/// One token of a JSON text as `JSONEventReader` yields it: a container boundary, an object key or a scalar.
package enum JSONEvent: Sendable, Hashable {
    case objectStart
    case objectEnd
    case arrayStart
    case arrayEnd
    /// An object member's key; the member's value follows as the next event(s).
    case key(String)
    /// A string, number (literal text kept), boolean or null.
    case scalar(JSONValue)
}
