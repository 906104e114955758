import RecordFormats
import Testing

@Suite("Atomic file writer")
struct AtomicFileWriterTests {
    @Test("the file appears under its final name only after commit, with its size and SHA-256")
    func commitRenames() throws {
        let directory = try TemporaryDirectory()
        let writer = try AtomicFileWriter(path: directory.file("tickets.csv"))
        try writer.write("ab")
        try writer.write([UInt8(ascii: "c")])
        #expect(try directory.contents().count == 1)
        #expect(try directory.contents().first?.hasPrefix(".tickets.csv.partial-") == true)
        #expect(!(try directory.contents().contains("tickets.csv")))
        let summary = try writer.commit(records: 1)
        #expect(try directory.contents() == ["tickets.csv"])
        #expect(try directory.read("tickets.csv") == Array("abc".utf8))
        #expect(summary.bytes == 3)
        #expect(summary.records == 1)
        #expect(summary.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(writer.sha256Hex == summary.sha256)
        #expect(writer.bytesWritten == 3)
    }

    @Test("abandon and dropping without commit both leave nothing behind, and keep an existing file")
    func abandonDeletes() throws {
        let directory = try TemporaryDirectory()
        try directory.write("tickets.csv", Array("old".utf8))
        let writer = try AtomicFileWriter(path: directory.file("tickets.csv"))
        try writer.write("new")
        writer.abandon()
        writer.abandon()
        #expect(try directory.contents() == ["tickets.csv"])
        do {
            let dropped = try AtomicFileWriter(path: directory.file("tickets.csv"))
            try dropped.write(String(repeating: "x", count: 10_000))
            try dropped.flush()
            #expect(try directory.contents().count == 2)
        }
        #expect(try directory.contents() == ["tickets.csv"])
        #expect(try directory.read("tickets.csv") == Array("old".utf8))
    }

    @Test("writes larger than the buffer are flushed in pieces and hashed exactly")
    func largeWrites() throws {
        let directory = try TemporaryDirectory()
        let writer = try AtomicFileWriter(path: directory.file("big.bin"), bufferSize: 4096)
        var expected: [UInt8] = []
        for round in 0..<300 {
            let piece = (0..<(round * 7 % 5000)).map { UInt8(truncatingIfNeeded: $0 &+ round) }
            expected += piece
            if round.isMultiple(of: 2) {
                try writer.write(piece)
            } else {
                try writer.appendToBuffer { $0.append(contentsOf: piece) }
            }
        }
        let summary = try writer.commit()
        #expect(try directory.read("big.bin") == expected)
        #expect(summary.bytes == expected.count)
        #expect(summary.sha256 == SHA256.hexDigest(of: expected))
    }

    @Test("a missing directory is a clear error naming the path")
    func missingDirectory() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("absent/tickets.csv")
        #expect {
            _ = try AtomicFileWriter(path: path)
        } throws: { error in
            guard let error = error as? FileIOError else { return false }
            return error.description.contains("absent/.tickets.csv.partial-")
        }
    }

    @Test("the buffered reader returns chunks and lines, with or without a final newline")
    func bufferedReader() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("lines.txt", Array("one\r\ntwo\n\nlast".utf8))
        let reader = try BufferedFileReader(path: path, chunkSize: 3)
        var lines: [String] = []
        while let line = try reader.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["one\r", "two", "", "last"])

        let memory = BufferedFileReader(bytes: Array("a\nb\n".utf8), chunkSize: 1)
        var chunk: [UInt8] = []
        var total: [UInt8] = []
        while try memory.readChunk(into: &chunk) { total += chunk }
        #expect(total == Array("a\nb\n".utf8))
    }
}
