import Foundation

/// libxml2 refused to write part of an XML file (out of memory, or a name that is not valid XML).
package struct XMLWriteError: LocalizedError, CustomStringConvertible, Sendable, Equatable {
    package var path: String
    package var message: String

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    package var errorDescription: String? { description }
    package var description: String { "Could not write the XML file \(path): \(message)." }
}
