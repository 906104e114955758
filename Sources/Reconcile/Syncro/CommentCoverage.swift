/// How much of Syncro's comment history an export holds, which decides what can be said about missing comments.
package enum CommentCoverage: String, Sendable, Hashable {
    /// Every comment of every exported ticket: a comment not found is missing.
    case complete
    /// Only some comments (an export with `--comments first`): found comments are compared, absent ones are not
    /// reported as missing.
    case partial
    /// No comments at all: comments are not compared.
    case none
}
