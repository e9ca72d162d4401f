import Foundation
import Testing
@testable import IncidentLog

@Suite("Header and event lines")
struct LogRecordTests {
    @Test func headerLineHasDocumentedKeyOrder() {
        var header = Samples.header()
        header.extra = [:]
        header.runbookSource = "# T\n"
        let line = header.encodedLine().utf8String
        #expect(line == ##"{"format":"runbook-incident-log","format_version":1,"tool_version":"0.1.0","session_id":"k3j9x2","mode":"live","runbook_path":"playbooks/demo.md","runbook_sha256":""## + header.runbookSHA256 + ##"","runbook_source":"# T\n","host":"host-1","user":"alice","terminal":{"rows":24,"cols":80},"started_at":"2026-11-25T19:20:35.123Z"}"##)
        #expect(header.runbookSHA256 == SHA256.hex(Array(Samples.source.utf8)))
        header.extra = ["z": 1, "a": ["nested": true]]
        #expect(header.encodedLine().utf8String.hasSuffix(#","started_at":"2026-11-25T19:20:35.123Z","extra":{"a":{"nested":true},"z":1}}"#))
    }

    @Test func headerRoundTrips() throws {
        let directory = TestFiles.directory()
        var headers = [Samples.header()]
        var second = Samples.header(sessionID: "zz9zz9")
        second.terminal = nil
        second.extra = [:]
        second.runbookSource = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self) + "\"\\ 漢字 🚀"
        headers.append(second)
        for (index, header) in headers.enumerated() {
            let path = directory + "/h\(index).jsonl"
            try IncidentLogWriter.create(at: path, header: header).close()
            let contents = try IncidentLogReader.read(path: path)
            #expect(contents.header == header)
            #expect(contents.events.isEmpty)
            #expect(contents.warnings.isEmpty)
            #expect(IncidentLogVerifier.verify(path: path) == .ok(events: 0))
        }
    }

    @Test func headerFromBytesHashesTheBytesAsRead() {
        let bytes: [UInt8] = Array("# Caf".utf8) + [0xE9] + Array("\n".utf8)  // Latin-1 é
        let header = LogHeader(toolVersion: "0.1.0", sessionID: "abc123", mode: "live", runbookPath: "x.md",
                               sourceBytes: bytes, sourceText: "# Café\n", terminal: nil, startedAt: Date())
        #expect(header.runbookSHA256 == SHA256.hex(bytes))
        #expect(header.runbookSource == "# Café\n")
        #expect(!LogHeader.systemHost().isEmpty)
        #expect(!LogHeader.systemUser().isEmpty)
    }

    @Test func eventLineLayout() {
        let event = LogEvent(seq: 1, time: Date(timeIntervalSince1970: 1_795_634_435.456), mono: 0.333,
                             type: "section-enter", payload: ["section": "2.1"], prev: String(repeating: "a", count: 64))
        #expect(event.encodedLine().utf8String
            == #"{"seq":1,"time":"2026-11-25T19:20:35.456Z","mono":0.333,"type":"section-enter","payload":{"section":"2.1"},"prev":""# + String(repeating: "a", count: 64) + #""}"#)
        var late = event
        late.mono = 3725.5
        #expect(late.encodedLine().utf8String.contains(#""mono":3725.500,"#))
    }

    @Test func outputPayloadIsLossless() {
        let raw: [UInt8] = [0x1B, 0x5D, 0x30, 0x3B, 0x07, 0x0D, 0x80, 0xFF, 0x0A]
        let event = LogEvent(seq: 3, time: Date(), mono: 1, type: LogEvent.outputType,
                             payload: LogEvent.outputPayload(command: "c3", data: raw), prev: String(repeating: "0", count: 64))
        #expect(event.payload == ["command": "c3", "data": .string(Base64.encode(raw))])
        #expect(event.outputData?.command == "c3")
        #expect(event.outputData?.data == raw)
        var other = event
        other.type = "note"
        #expect(other.outputData == nil)
    }

    @Test func timestampsFormatAndParse() {
        let date = Date(timeIntervalSince1970: 1_795_634_435.123)
        #expect(Timestamp.format(date) == "2026-11-25T19:20:35.123Z")
        #expect(Timestamp.parse("2026-11-25T19:20:35.123Z") == date)
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 951_782_400.999)) == "2000-02-29T00:00:00.999Z")
        #expect(Timestamp.parse("2026-11-25T19:20:35Z") == Date(timeIntervalSince1970: 1_795_634_435))
        #expect(Timestamp.parse("2026-11-25T19:20:35.1234567Z") == date)
        for bad in ["", "2026-11-25", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-25T19:20:35.123+01:00",
                    "2026-11-25 19:20:35Z", "2026-11-25T19:20:35.Z", "２０２６-11-25T19:20:35Z"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
        // Millisecond truncation is stable through the log's round trip.
        var random = SplitMix64(seed: 5)
        for _ in 0..<2000 {
            let millis = Int64(random.next() % 4_000_000_000_000)
            let stamped = Timestamp.truncatedToMilliseconds(Date(timeIntervalSince1970: Double(millis) / 1000 + 0.0004))
            #expect(Timestamp.parse(Timestamp.format(stamped)) == stamped)
            #expect(Timestamp.truncatedToMilliseconds(stamped) == stamped)
        }
    }

    @Test func errorDescriptionsNameFileAndLine() {
        #expect(LogReadError.notALog(path: "a.jsonl").description.contains("a.jsonl:1: not a runbook incident log"))
        #expect(LogReadError.empty(path: "a.jsonl").description.contains("a.jsonl: the file is empty"))
        #expect(LogReadError.newerFormat(version: 2, path: "a.jsonl").description
            == "a.jsonl:1: written by a newer runbook (format 2); this one reads format 1")
        #expect(LogReadError.badLine(path: "a.jsonl", line: 7, reason: "event has no \"seq\"").description == "a.jsonl:7: event has no \"seq\"")
        #expect(LogWriteError.alreadyExists(path: "b").description.hasPrefix("b: "))
        #expect(VerifyResult.broken(line: 6, reason: "x").description == "line 6: x")
        #expect(LogWarning(line: 3, message: "m").description == "line 3: m")
    }
}
