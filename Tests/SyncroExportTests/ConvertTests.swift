import Foundation
import RecordFormats
import SyncroCatalog
import SyncroExport
import SyncroSimulator
import TestSupport
import Testing

/// `ExportConverter`: round trips on a real export of the simulator and on a hand-made file of edge cases, and
/// the refusals (bad names, snapshots, broken files) that must leave nothing behind.
@Suite("Convert")
struct ConvertTests {
    static let generated = SimulatorDataset.generate(
        GeneratorSpec(customers: 10, tickets: 60, comments: 2, assets: 12, seed: 5))

    /// A fresh directory for one test; the caller removes it.
    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("convert-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Exports every entity, the billing and service records included.
    private func export(_ account: SimulatedAccount, to directory: String, format: ExportFormat) async throws {
        var options = ExportOptions(outputDirectory: directory)
        options.format = format
        options.entities = ExportEntity.allCases
        let frozen = options
        _ = try await account.withClient(token: SampleTokens.migration) { client in
            try await Exporter(client: client, options: frozen).run()
        }
    }

    @discardableResult
    private func convert(_ input: String, _ output: String, format: ExportFormat? = nil, excel: Bool = false) throws
        -> ExportConverter.Result
    {
        try ExportConverter(options: ConvertOptions(input: input, output: output, format: format, excelCSV: excel))
            .run()
    }

    /// Every record of an export file, through the format's own streaming reader.
    private func records(_ path: String, entity: ExportEntity) throws -> [JSONObject] {
        let name = try #require(ExportFileName(path: path))
        let reader = try ExportRecordReader(path: path, entity: entity, format: name.format)
        var result: [JSONObject] = []
        while let record = try reader.next() { result.append(record) }
        return result
    }

    private func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The names in a directory, hidden ones included, sorted.
    private func contents(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    // MARK: Round trips

    @Test("a real export round-trips: JSON Lines ↔ JSON ↔ XML exactly, and CSV byte for byte")
    func realExportRoundTrips() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let root = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let lines = root + "/jsonl"
            let csv = root + "/csv"
            try await export(account, to: lines, format: .jsonl)
            try await export(account, to: csv, format: .csv)
            let work = root + "/work"
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: false)

            for entity in ExportEntity.allCases {
                let name = entity.rawValue
                let original = "\(lines)/\(name).jsonl"
                let expected = try records(original, entity: entity)
                #expect(!expected.isEmpty, "\(name)")

                // JSON Lines → JSON → JSON Lines: the same records, and the same bytes.
                let json = try convert(original, "\(work)/\(name).json").files[0]
                #expect(json.records == expected.count)
                #expect(try records(json.path, entity: entity) == expected, "\(name)")
                try convert(json.path, "\(work)/\(name)-again.jsonl")
                #expect(try bytes("\(work)/\(name)-again.jsonl") == bytes(original), "\(name)")

                // JSON → XML → JSON: equal records; XML → JSON Lines: the original bytes.
                try convert(json.path, "\(work)/\(name).xml")
                #expect(try records("\(work)/\(name).xml", entity: entity) == expected, "\(name)")
                try convert("\(work)/\(name).xml", "\(work)/from-xml-\(name).json")
                #expect(try records("\(work)/from-xml-\(name).json", entity: entity) == expected, "\(name)")
                #expect(try bytes("\(work)/from-xml-\(name).json") == bytes(json.path), "\(name)")
                try convert("\(work)/\(name).xml", "\(work)/from-xml-\(name).jsonl")
                #expect(try bytes("\(work)/from-xml-\(name).jsonl") == bytes(original), "\(name)")

                // JSON → CSV is what the export itself wrote as CSV; CSV → JSON → CSV gives the same bytes.
                try convert(json.path, "\(work)/\(name).csv")
                #expect(try bytes("\(work)/\(name).csv") == bytes("\(csv)/\(name).csv"), "\(name)")
                try convert("\(work)/\(name).csv", "\(work)/from-csv-\(name).json")
                try convert("\(work)/from-csv-\(name).json", "\(work)/again-\(name).csv")
                #expect(try bytes("\(work)/again-\(name).csv") == bytes("\(work)/\(name).csv"), "\(name)")
                // and through XML as well.
                try convert("\(work)/\(name).csv", "\(work)/from-csv-\(name).xml")
                try convert("\(work)/from-csv-\(name).xml", "\(work)/via-xml-\(name).csv")
                #expect(try bytes("\(work)/via-xml-\(name).csv") == bytes("\(work)/\(name).csv"), "\(name)")
                #expect(try records("\(work)/from-csv-\(name).json", entity: entity).count == expected.count)
            }

            // CSV cells come back typed by their columns.
            let ticket = try #require(try records("\(work)/from-csv-tickets.json", entity: .tickets).first)
            let exported = try records("\(lines)/tickets.jsonl", entity: .tickets)
            #expect(ticket["id"] == exported.first?["id"])
            #expect(ticket["id"]?.intValue != nil)
            #expect(ticket["tag_list"]?.arrayValue != nil)
            #expect(ticket["properties"]?.objectValue != nil)
            let comments = try records("\(work)/from-csv-comments.json", entity: .comments)
            #expect(comments.contains { $0["hidden"] == .bool(true) })
            #expect(comments.allSatisfy { $0["ticket_id"]?.intValue != nil })
            // Nothing but finished files in the work directory.
            #expect(try !contents(work).contains { $0.hasPrefix(".") })
        }
    }

    @Test("a directory converts into a new directory with its own manifest, and back to the same bytes")
    func directories() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let root = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let lines = root + "/jsonl"
            try await export(account, to: lines, format: .jsonl)

            let result = try convert(lines, root + "/xml", format: .xml)
            #expect(result.files.count == ExportEntity.allCases.count)
            let names = try contents(root + "/xml")
            #expect(names == (ExportEntity.allCases.map { "\($0.rawValue).xml" } + ["manifest.json"]).sorted())
            #expect(try contents(root).sorted() == ["jsonl", "xml"])

            let manifest = try JSONValue.parse(bytes(root + "/xml/manifest.json"))
            #expect(manifest["converted_from"] == .string(lines))
            #expect(manifest["format"] == "xml")
            let files = try #require(manifest["files"]?.arrayValue)
            #expect(files.count == ExportEntity.allCases.count)
            for file in files {
                let name = try #require(file["name"]?.stringValue)
                let data = try bytes("\(root)/xml/\(name)")
                #expect(file["sha256"] == .string(SHA256.hexDigest(of: data)))
                #expect(file["bytes"]?.intValue == data.count)
            }
            #expect(files.first?["records"]?.intValue == 60)

            // Into an existing directory: the files appear beside what is there, and equal the export's bytes.
            let back = root + "/back"
            try FileManager.default.createDirectory(atPath: back, withIntermediateDirectories: false)
            try Data("keep".utf8).write(to: URL(fileURLWithPath: back + "/notes.txt"))
            try convert(root + "/xml", back, format: .jsonl)
            #expect(
                try contents(back)
                    == (ExportEntity.allCases.map { "\($0.rawValue).jsonl" } + ["manifest.json", "notes.txt"]).sorted())
            for entity in ExportEntity.allCases {
                let name = "\(entity.rawValue).jsonl"
                #expect(try bytes("\(back)/\(name)") == bytes("\(lines)/\(name)"), "\(name)")
            }
        }
    }

    /// Records a spreadsheet, an XML writer and a CSV parser each find awkward.
    static let edgeCases = #"""
        [
        {"id": 1, "number": 1001, "subject": "Comma, \"quote\" and\nnewline\r\nCRLF\ttab", "status": "New", "priority": null, "customer_id": 12345678901234567890, "properties": {"Billable": "Yes", "a,b": "x", "RAM (GB)": 16, "Ünïcode ✓": "日本語", "Empty": null, "Blank": ""}, "tag_list": ["a", "b,c", ""], "asset_ids": [], "attachments": [{"name": "x.pdf", "size": 1.50}], "created_at": "2026-11-29T10:00:00.000Z", "due_date": "", "weird key": true, "xmlish": {"nested": [1, -0, 1e5, 2.5E-3, null, {"deep": [[]]}]}, "control": "bell\u0007end", "formula": "=SUM(A1)", "emoji": "🎟️"},
        {"id": 2, "subject": "", "status": "Resolved", "properties": {}, "tag_list": null, "parent_id": "not-a-number", "ticket_type_id": "nan", "location_id": "0042", "user_id": -7},
        {"id": 3, "number": 1003, "subject": "  spaces around  ", "properties": {"Billable": "No", "Empty": null}, "contact_fullname": "-5"}
        ]

        """#

    @Test("a hand-made file of edge cases round-trips through every format")
    func edgeCases() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let source = root + "/edge-tickets.json"
        try Data(Self.edgeCases.utf8).write(to: URL(fileURLWithPath: source))
        let original = try records(source, entity: .tickets)
        #expect(original.count == 3)

        try convert(source, root + "/a.xml")
        // The output name needs no entity when the input's name has one.
        #expect(try records(root + "/a.xml", entity: .tickets) == original)
        try convert(root + "/a.xml", root + "/a-tickets.jsonl")
        #expect(try records(root + "/a-tickets.jsonl", entity: .tickets) == original)
        try convert(root + "/a-tickets.jsonl", root + "/b-tickets.json")
        #expect(try records(root + "/b-tickets.json", entity: .tickets) == original)

        try convert(source, root + "/c-tickets.csv")
        try convert(root + "/c-tickets.csv", root + "/d-tickets.json")
        try convert(root + "/d-tickets.json", root + "/e-tickets.csv")
        let csv = try bytes(root + "/c-tickets.csv")
        #expect(try bytes(root + "/e-tickets.csv") == csv)

        // Custom fields that are empty in every record get no column; the others follow the documented ones.
        let header = String(decoding: csv.prefix { $0 != 0x0A }, as: UTF8.self)
        #expect(
            header.hasSuffix(
                #",attachments,properties.Billable,properties.RAM (GB),"properties.a,b",properties.Ünïcode ✓"#))
        #expect(!header.contains("Empty") && !header.contains("Blank"))

        let typed = try records(root + "/d-tickets.json", entity: .tickets)
        #expect(typed[0]["subject"] == original[0]["subject"])
        #expect(typed[0]["priority"] == .null)
        #expect(typed[0]["customer_id"] == .number("12345678901234567890"))
        #expect(typed[0]["tag_list"] == ["a", "b,c", ""])
        #expect(typed[0]["attachments"] == original[0]["attachments"])
        #expect(typed[0]["due_date"] == .null)
        #expect(
            typed[0]["properties"]
                == ["Billable": "Yes", "RAM (GB)": "16", "a,b": "x", "Ünïcode ✓": "日本語"])
        #expect(typed[0]["weird key"] == nil)
        #expect(typed[1]["properties"] == [:])
        #expect(typed[1]["parent_id"] == "not-a-number")
        #expect(typed[1]["ticket_type_id"] == "nan")
        #expect(typed[1]["location_id"] == "0042")
        #expect(typed[1]["user_id"] == .number("-7"))
        #expect(typed[2]["subject"] == "  spaces around  ")
        #expect(typed[2]["contact_fullname"] == "-5")
    }

    @Test("a file converts into an existing directory under its own stem")
    func fileIntoDirectory() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let source = root + "/2026-11-29-tickets.json"
        try Data(Self.edgeCases.utf8).write(to: URL(fileURLWithPath: source))
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: false)
        let result = try convert(source, root + "/out", format: .xml)
        #expect(result.files.map(\.path) == [root + "/out/2026-11-29-tickets.xml"])
        #expect(result.files.first?.records == 3)
        #expect(result.manifestPath == nil)
        #expect(try contents(root + "/out") == ["2026-11-29-tickets.xml"])
        // The directory must exist: a file is never converted into a directory it would have to create.
        #expect(throws: ConvertError.outputDirectoryMissing(root + "/new")) {
            try convert(source, root + "/new", format: .xml)
        }
    }

    @Test("the Excel profile writes a byte-order mark, CRLF and neutralised formulas")
    func excelProfile() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let source = root + "/tickets.json"
        try Data(Self.edgeCases.utf8).write(to: URL(fileURLWithPath: source))
        try convert(source, root + "/tickets.csv", excel: true)
        let csv = try bytes(root + "/tickets.csv")
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: csv, as: UTF8.self)
        #expect(text.contains("attachments,properties.Billable,properties.RAM (GB),"))
        #expect(text.contains("\r\n"))
        #expect(text.contains(",'-5,"))
        #expect(text.contains(",-7,"))
        // The Excel dialect reads back too (its neutralised cells keep their quote mark).
        try convert(root + "/tickets.csv", root + "/back-tickets.json")
        #expect(try records(root + "/back-tickets.json", entity: .tickets)[2]["contact_fullname"] == "'-5")
    }

    // MARK: Names and plans

    @Test(
        "the entity comes from the file name, the format from the extension",
        arguments: [
            ("tickets.csv", ExportEntity.tickets, ExportFormat.csv),
            ("2026-11-29-tickets.json", .tickets, .json),
            ("nightly_comments.jsonl", .comments, .jsonl),
            ("/exports/Customers.XML", .customers, .xml),
            ("old-users-products.json", .products, .json),
        ])
    func names(path: String, entity: ExportEntity, format: ExportFormat) throws {
        let name = try #require(ExportFileName(path: path))
        #expect(name.entity == entity)
        #expect(name.format == format)
    }

    @Test("names that give no entity or no format")
    func badNames() {
        #expect(ExportFileName(path: "tickets.txt") == nil)
        #expect(ExportFileName(path: "tickets") == nil)
        #expect(ExportFileName(path: ".csv") == nil)
        #expect(ExportFileName(path: "widgets.csv")?.entity == nil)
        #expect(ExportFileName(path: "ticketsx.csv")?.entity == nil)
        #expect(ExportFileName(path: "2026-11-29-tickets.json")?.renamed(to: .xml) == "2026-11-29-tickets.xml")
    }

    @Test("usage mistakes are refused before anything is written, as usage errors")
    func usage() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let tickets = root + "/tickets.json"
        try Data("[]\n".utf8).write(to: URL(fileURLWithPath: tickets))
        try Data("[]\n".utf8).write(to: URL(fileURLWithPath: root + "/widgets.json"))
        try Data("[]\n".utf8).write(to: URL(fileURLWithPath: root + "/tickets.txt"))

        func refusal(_ input: String, _ output: String, format: ExportFormat? = nil) -> ConvertError? {
            #expect(throws: ConvertError.self) { try convert(input, output, format: format) }
        }
        #expect(refusal(root + "/tickets.txt", root + "/tickets.csv") == .unknownExtension(root + "/tickets.txt"))
        #expect(refusal(tickets, root + "/tickets.tsv") == .unknownExtension(root + "/tickets.tsv"))
        #expect(refusal(root + "/widgets.json", root + "/out.csv") == .unknownEntity(root + "/widgets.json"))
        #expect(refusal(tickets, root + "/out") == .formatRequired(root + "/out"))
        #expect(refusal(root, root + "/out") == .formatRequired(root + "/out"))
        #expect(
            refusal(tickets, root + "/tickets.csv", format: .xml)
                == .formatConflict(root + "/tickets.csv", format: .xml))
        #expect(
            refusal(tickets, root + "/customers.csv")
                == .entityMismatch(
                    input: tickets, inputEntity: .tickets, output: root + "/customers.csv", outputEntity: .customers))
        #expect(refusal(tickets, root + "/./tickets.json") == .sameLocation(root + "/./tickets.json"))
        #expect(refusal(root, root, format: .csv) == .sameLocation(root))
        #expect(
            refusal(root, root + "/x.json", format: .csv) == .directoryIntoFile(input: root, output: root + "/x.json"))
        for error in [ConvertError.unknownExtension("a"), .unknownEntity("a"), .formatRequired("a")] {
            #expect(error.isUsage)
        }

        // Mistakes in the files are errors, not usage.
        #expect(refusal(root + "/missing.json", root + "/out.csv") == .inputMissing(root + "/missing.json"))
        #expect(refusal(tickets, root + "/no/such/tickets.csv") == .outputDirectoryMissing(root + "/no/such"))
        #expect(ConvertError.inputMissing("a").isUsage == false)
        #expect(try contents(root) == ["tickets.json", "tickets.txt", "widgets.json"])

        // The messages are one sentence that says what is accepted.
        let extensionMessage = ConvertError.unknownExtension("x.txt").errorDescription ?? ""
        #expect(extensionMessage.contains(".csv, .json, .jsonl, .xml"))
        let entityMessage = ConvertError.unknownEntity("x.json").errorDescription ?? ""
        #expect(entityMessage.contains("tickets, comments, customers, contacts, assets, tags, users, products"))
    }

    @Test("a Support Fusion snapshot is recognised and refused in each of its forms")
    func snapshots() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let json = root + "/tickets.json"
        try Data(#"  {"generated_by": "sf", "schema" : "sf-syncro-snapshot", "schema_version": "1.0"}"#.utf8)
            .write(to: URL(fileURLWithPath: json))
        let xml = root + "/snapshot.xml"
        try Data(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- exported by Support Fusion -->
            <sfSnapshot schema="sf-syncro-snapshot" schemaVersion="1.0"></sfSnapshot>
            """.utf8
        ).write(to: URL(fileURLWithPath: xml))
        let directory = root + "/csv-snapshot"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        for name in ["snapshot.csv", "tickets.csv"] {
            try Data("schema\nsf-syncro-snapshot\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/\(name)"))
        }
        for (input, format) in [
            (json, ExportFormat?.none), (xml, nil), (directory, .json), (directory + "/tickets.csv", nil),
            (directory + "/snapshot.csv", nil),
        ] {
            let output = format == nil ? root + "/out-tickets.jsonl" : root + "/out"
            let error = #expect(throws: ConvertError.self) { try convert(input, output, format: format) }
            #expect(error == .snapshotInput(input))
            #expect(error?.errorDescription?.contains("belongs to a Support Fusion snapshot, not an export") == true)
        }
        #expect(try contents(root) == ["csv-snapshot", "snapshot.xml", "tickets.json"])
        // Whole snapshots go to the snapshot converter instead; one file of a CSV snapshot is not one.
        #expect(SnapshotSniffer.isSnapshot(json))
        #expect(SnapshotSniffer.isSnapshot(xml))
        #expect(SnapshotSniffer.isSnapshot(directory))
        #expect(!SnapshotSniffer.isSnapshot(directory + "/tickets.csv"))
        #expect(!SnapshotSniffer.isSnapshot(root + "/missing.json"))
    }

    // MARK: Broken input

    /// Broken files of each format and the line their error must name.
    static let brokenFiles: [(name: String, text: String, line: Int, code: String)] = [
        ("tickets.json", "[\n{\"id\": 1},\n{\"id\": 2, \"subject\": \"cut", 3, "json.syntax"),
        ("tickets.jsonl", "{\"id\": 1}\n{\"id\": 2, \"sub\n", 2, "json.syntax"),
        (
            "tickets.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records entity=\"tickets\">\n  <ticket>\n"
                + "    <id type=\"number\">1</id>\n  </ticket>\n  <ticket>\n    <id type=\"number\">2</i",
            7, "xml.syntax"
        ),
        ("tickets.csv", "id,number,subject\n1,1001,first\n2,1002\n3,1003,third\n", 3, "csv.missing-column"),
        ("tickets.csv", "id,number,subject\n1,1001,first\n2,1002,\"open\n", 3, "csv.unterminated-quote"),
        ("comments.json", "{\"id\": 1}", 1, "json.not-array"),
        (
            "comments.xml",
            "<?xml version=\"1.0\"?>\n<records entity=\"comments\">\n  <ticket><id>1</id></ticket>\n</records>\n",
            3, "xml.structure"
        ),
    ]

    @Test("a broken file is an error naming its line, and nothing appears at the output", arguments: 0..<7)
    func brokenInput(index: Int) throws {
        let broken = Self.brokenFiles[index]
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = "\(root)/\(broken.name)"
        try Data(broken.text.utf8).write(to: URL(fileURLWithPath: input))
        let entity = try #require(ExportFileName(path: input)?.entity)
        for format in ExportFormat.allCases {
            let output = "\(root)/out/\(entity.rawValue).\(format.fileExtension)"
            try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
            let error = #expect(throws: RecordFileError.self) { try convert(input, output) }
            #expect(error?.path == input)
            #expect(error?.line == broken.line, "\(broken.name) → \(format): \(String(describing: error))")
            #expect(error?.code == broken.code, "\(String(describing: error))")
            #expect(try contents(root + "/out").isEmpty, "\(format)")
        }
        // A directory holding the broken file is not created at all.
        try Data("[]\n".utf8).write(to: URL(fileURLWithPath: root + "/users.json"))
        #expect(throws: RecordFileError.self) { try convert(root, root + "/converted", format: .csv) }
        #expect(try contents(root).filter { $0 != "out" } == [broken.name, "users.json"].sorted())
    }

    @Test("an XML file whose root names another entity is refused")
    func xmlEntityMismatch() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = root + "/tickets.xml"
        try Data("<?xml version=\"1.0\"?>\n<records entity=\"customers\"></records>\n".utf8)
            .write(to: URL(fileURLWithPath: input))
        let error = #expect(throws: ConvertError.self) { try convert(input, root + "/tickets.json") }
        #expect(error == .contentEntityMismatch(input, named: .tickets, holds: "customers"))
        #expect(try contents(root) == ["tickets.xml"])
    }

    @Test("empty exports convert to empty files of every format")
    func emptyFiles() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("[]\n".utf8).write(to: URL(fileURLWithPath: root + "/tags.json"))
        try convert(root + "/tags.json", root + "/tags.csv")
        #expect(try bytes(root + "/tags.csv") == Array("entity_type,entity_id,tag,source\n".utf8))
        try convert(root + "/tags.csv", root + "/tags.xml")
        try convert(root + "/tags.xml", root + "/tags.jsonl")
        #expect(try bytes(root + "/tags.jsonl").isEmpty)
        try convert(root + "/tags.jsonl", root + "/again-tags.json")
        #expect(try bytes(root + "/again-tags.json") == Array("[]\n".utf8))
    }
}
