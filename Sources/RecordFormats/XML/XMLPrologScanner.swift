/// Finds a `<!DOCTYPE` in the bytes before the root element, before libxml2 sees them.
///
/// Refusing DTDs when libxml2 reports the DOCTYPE node is too late for some attacks: by then it has parsed the
/// internal subset, and entity declarations are checked as they are parsed. Scanning the prolog as it streams
/// by lets the reader stop before any declaration is parsed, and report the exact line and column.
struct XMLPrologScanner {
    private enum State {
        case text
        case open
        case instruction
        case instructionQuestion
        case bang
        case bangDash
        case comment
        case commentDash
        case commentDashDash
        case done
    }

    private var state = State.text
    private var line = 1
    private var column = 1
    private var openLine = 1
    private var openColumn = 1

    /// Whether the root element has been reached (nothing more to watch).
    var isDone: Bool { state == .done }

    /// Scans the next bytes; returns the line and column of a `<!DOCTYPE` (or any `<!` other than a comment).
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int)? {
        for byte in bytes {
            switch state {
            case .done:
                return nil
            case .text:
                if byte == UInt8(ascii: "<") {
                    state = .open
                    openLine = line
                    openColumn = column
                }
            case .open:
                switch byte {
                case UInt8(ascii: "?"): state = .instruction
                case UInt8(ascii: "!"): state = .bang
                default: state = .done
                }
            case .instruction:
                if byte == UInt8(ascii: "?") { state = .instructionQuestion }
            case .instructionQuestion:
                if byte == UInt8(ascii: ">") {
                    state = .text
                } else if byte != UInt8(ascii: "?") {
                    state = .instruction
                }
            case .bang:
                guard byte == UInt8(ascii: "-") else { return (openLine, openColumn) }
                state = .bangDash
            case .bangDash:
                guard byte == UInt8(ascii: "-") else { return (openLine, openColumn) }
                state = .comment
            case .comment:
                if byte == UInt8(ascii: "-") { state = .commentDash }
            case .commentDash:
                state = byte == UInt8(ascii: "-") ? .commentDashDash : .comment
            case .commentDashDash:
                if byte == UInt8(ascii: ">") {
                    state = .text
                } else if byte != UInt8(ascii: "-") {
                    state = .comment
                }
            }
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return nil
    }
}
