import AsyncHTTPClient
import RecordFormats
import SyncroSimulator
import Testing

@Suite("Faults and latency")
struct FaultTests {
    @Test("A fault spec parses into probabilities")
    func parse() throws {
        let spec = try FaultSpec.parse("429=0.02,500=0.01,drop=0.01,html504=0.005,slow=0.01")
        #expect(
            spec.probabilities == [.rateLimited: 0.02, .serverError: 0.01, .drop: 0.01, .html504: 0.005, .slow: 0.01])
        #expect(try FaultSpec.parse("").isEmpty)
        #expect(try FaultSpec.parse(" 500 = 1 ").fault(forDraw: 0.99) == .serverError)
        #expect(spec.fault(forDraw: 0.5) == nil)
        #expect(spec.fault(forDraw: 0.0) == .rateLimited)
    }

    @Test(
        "Bad fault specs fail with one clear sentence",
        arguments: [
            "500", "teapot=0.1", "500=abc", "500=1.5", "500=0.1,500=0.2", "500=0.6,drop=0.6", "500=0.1,,drop=0.1",
        ]
    )
    func badSpecs(text: String) {
        #expect(throws: SimulatorInputError.self) { try FaultSpec.parse(text) }
        do {
            _ = try FaultSpec.parse(text)
        } catch {
            let message = "\(error)"
            #expect(message.hasSuffix("."))
            #expect(message.contains("fault spec"))
        }
    }

    @Test("Scripted faults fail the next matching requests with each kind")
    func scripted() async throws {
        try await Harness.withSimulator { client in
            let set = try await client.control(
                "POST", "/_sim/faults",
                body: [
                    "faults": [
                        ["kind": "500", "count": 2, "path": "/api/v1/tickets"],
                        ["kind": "html504", "path": "/api/v1/customers*"],
                        ["kind": "429", "method": "GET", "path": "/api/v1/products"],
                    ]
                ]
            )
            #expect(set.status == 200)
            #expect(try await client.get("/users").status == 200)
            let first = try await client.get("/tickets")
            #expect(first.status == 500)
            #expect(first.json?["error"] != nil)
            #expect(try await client.get("/tickets").status == 500)
            #expect(try await client.get("/tickets").status == 200)
            let gateway = try await client.get("/customers?page=2")
            #expect(gateway.status == 504)
            #expect(gateway.contentType == "text/html")
            #expect(gateway.text.contains("504 Gateway Time-out"))
            #expect(try await client.get("/products").status == 429)
            #expect(try await client.control("GET", "/_sim/faults").json == ["faults": []])
        }
    }

    @Test("Bad scripted faults are 422")
    func badScripted() async throws {
        try await Harness.withSimulator { client in
            let result = try await client.control("POST", "/_sim/faults", body: ["kind": "explode"])
            #expect(result.status == 422)
        }
    }

    @Test("drop closes the connection without a response")
    func drop() async throws {
        try await Harness.withSimulator { client in
            _ = try await client.control(
                "POST", "/_sim/faults", body: ["kind": "drop", "path": "/api/v1/tickets/1001"])
            await #expect(throws: (any Error).self) { try await client.get("/tickets/1001") }
            #expect(try await client.get("/tickets/1001").status == 200)
        }
    }

    @Test("dropAfterWrite applies the write, then drops the connection")
    func dropAfterWrite() async throws {
        try await Harness.withSimulator { client in
            _ = try await client.control(
                "POST", "/_sim/faults", body: ["kind": "dropAfterWrite", "method": "POST", "path": "/api/v1/tickets/*"]
            )
            await #expect(throws: (any Error).self) {
                try await client.send(
                    "POST", "/tickets/1009/comment", body: ["subject": "Update", "body": "Loaner ready."])
            }
            let comments = try #require(try await client.get("/tickets/1009/comments").json?["comments"]?.arrayValue)
            #expect(comments.last?["body"] == "Loaner ready.")
            let log = try #require(try await client.control("GET", "/_sim/requests").json?.arrayValue)
            let entry = try #require(log.first { $0["method"] == "POST" })
            #expect(entry["fault"] == "dropAfterWrite")
            #expect(entry["status"] == 200)
        }
    }

    @Test("Random faults follow the seed; slow and latency go through the injected sleep")
    func randomFaults() async throws {
        let spec = try FaultSpec.parse("500=0.5,slow=0.5")
        func statuses() async throws -> [Int] {
            try await Harness.withSimulator(
                configuration: Harness.configured {
                    $0.faults = spec
                    $0.randomSeed = 7
                    $0.latencyMilliseconds = 5...10
                    $0.sleep = { _ in }
                }
            ) { client in
                var result: [Int] = []
                for _ in 0..<20 { result.append(try await client.get("/users").status) }
                return result
            }
        }
        let first = try await statuses()
        #expect(first.contains(500))
        #expect(first.contains(200))
        #expect(try await statuses() == first)
    }
}
