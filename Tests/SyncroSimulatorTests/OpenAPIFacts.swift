import Foundation
import RecordFormats
import Testing

/// The facts the conformance tests need from Syncro's official OpenAPI document, kept in the repository as
/// `Fixtures/openapi-shapes.json` so that a clone tests without the document.
///
/// One entry per documented response, keyed `METHOD /path STATUS`: for a success status, the response example's
/// shape (every field name and nesting as documented, each string, number and boolean replaced by `""`, `0` and
/// `false`, so only its JSON type remains); for an error status, the documented error body itself, which the
/// simulator must return word for word. Where the document gives a JSON schema instead of an example, the shape
/// is made from the schema (nullable or multi-type values become `null`: anything goes).
///
/// `OpenAPIFactsTests` remakes the fixture from the document when the document is beside the repository, and
/// fails when the two differ; `RECORD_OPENAPI_FACTS=1` writes the remade fixture instead.
enum OpenAPIFacts {
    static let fixturePath = Harness.repositoryRoot.appendingPathComponent(
        "Tests/SyncroSimulatorTests/Fixtures/openapi-shapes.json"
    ).path

    /// Where the project's workspace keeps the official document, beside the repository (absent in a user's
    /// clone). Built from its components: nothing in the repository needs it.
    static let documentPath: String = ["..", "shared", "reference", "syncro-openapi.json"]
        .reduce(Harness.repositoryRoot) { $0.appendingPathComponent($1) }.standardized.path

    static let shapes: [String: JSONValue] = {
        guard let data = FileManager.default.contents(atPath: fixturePath),
            let object = (try? JSONValue.parse(data))?.objectValue
        else { return [:] }
        return Dictionary(uniqueKeysWithValues: object.map { ($0.key, $0.value) })
    }()

    /// The documented response of `method path status`, as the fixture holds it.
    static func example(_ path: String, _ method: String, _ status: String = "200") throws -> JSONValue {
        let key = "\(method.uppercased()) \(path) \(status)"
        return try #require(shapes[key], "\(key) is not in \(fixturePath)")
    }

    /// The fixture's entries remade from the OpenAPI document, in the document's order.
    static func shapes(ofDocument document: JSONValue) -> JSONObject {
        var shapes = JSONObject()
        for (path, operations) in document["paths"]?.objectValue ?? [:] {
            for (method, operation) in operations.objectValue ?? [:] {
                for (status, response) in operation["responses"]?.objectValue ?? [:] {
                    guard let media = response["content"]?.objectValue?.values.first,
                        let example = documentedExample(media)
                    else { continue }
                    let shape = status.hasPrefix("2") ? typesOnly(example) : example
                    shapes.appendUnchecked("\(method.uppercased()) \(path) \(status)", shape)
                }
            }
        }
        return shapes
    }

    private static func documentedExample(_ media: JSONValue) -> JSONValue? {
        if let example = media["example"] { return example }
        if let first = media["examples"]?.objectValue?.values.first?["value"] { return first }
        return media["schema"].map(exampleFromSchema)
    }

    /// `value` with every scalar replaced by the plain value of its JSON type.
    static func typesOnly(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null: .null
        case .bool: .bool(false)
        case .number: .number("0")
        case .string: .string("")
        case .array(let elements): .array(elements.map(typesOnly))
        case .object(let object): .object(JSONObject(object.map { ($0.key, typesOnly($0.value)) }))
        }
    }

    /// An example value standing for a JSON schema: nullable or multi-type values become null (anything goes).
    static func exampleFromSchema(_ schema: JSONValue) -> JSONValue {
        if schema["nullable"] == true || schema["type"]?.arrayValue != nil { return nil }
        switch schema["type"]?.stringValue {
        case "integer", "number": return 0
        case "string": return ""
        case "boolean": return false
        case "array": return []
        default:
            guard let properties = schema["properties"]?.objectValue else { return [:] }
            return .object(JSONObject(properties.map { ($0.key, exampleFromSchema($0.value)) }))
        }
    }
}

@Suite("OpenAPI facts fixture")
struct OpenAPIFactsTests {
    @Test("the fixture is present and holds the endpoints the simulator serves")
    func fixturePresent() throws {
        #expect(OpenAPIFacts.shapes.count > 150, "read \(OpenAPIFacts.fixturePath)")
        for key in ["GET /tickets 200", "GET /tickets/{id} 200", "GET /contacts 401", "PUT /tickets/{id} 422"] {
            #expect(OpenAPIFacts.shapes[key] != nil, "\(key)")
        }
        // A success example keeps its names and types, never the document's sample values.
        let tickets = try OpenAPIFacts.example("/tickets", "get")
        #expect(tickets["tickets"]?.arrayValue?.first?["subject"] == "")
    }

    @Test(
        "the fixture equals the facts of the OpenAPI document beside the repository",
        .enabled(
            if: FileManager.default.fileExists(atPath: OpenAPIFacts.documentPath),
            "the official OpenAPI document is not beside this clone; the committed fixture stands"
        )
    )
    func fixtureMatchesDocument() throws {
        let data = try #require(FileManager.default.contents(atPath: OpenAPIFacts.documentPath))
        let remade = JSONValue.object(OpenAPIFacts.shapes(ofDocument: try JSONValue.parse(data)))
        let text = remade.serialized(pretty: true) + "\n"
        if ProcessInfo.processInfo.environment["RECORD_OPENAPI_FACTS"] == "1" {
            try text.write(toFile: OpenAPIFacts.fixturePath, atomically: true, encoding: .utf8)
            return
        }
        let committed = try String(contentsOfFile: OpenAPIFacts.fixturePath, encoding: .utf8)
        #expect(
            committed == text,
            "the fixture is out of date: RECORD_OPENAPI_FACTS=1 swift test --filter OpenAPIFactsTests remakes it")
    }
}
