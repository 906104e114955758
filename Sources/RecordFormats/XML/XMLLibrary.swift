import CLibXML2

/// One-time set-up of libxml2, shared by the XML reader and writer.
enum XMLLibrary {
    /// Swift runs a static initialiser exactly once, even across threads, which is what `xmlInitParser` needs.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Initialises libxml2 on first use; later calls do nothing.
    static func ensureInitialized() {
        _ = initialized
    }
}
