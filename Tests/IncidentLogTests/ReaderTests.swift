import Foundation
import Testing
@testable import IncidentLog

@Suite("Reader")
struct ReaderTests {
    private func lines(_ path: String) -> [[UInt8]] { TestFiles.lines(TestFiles.bytes(path)) }

    @Test func emptyFile() {
        let path = TestFiles.directory() + "/e.jsonl"
        TestFiles.write("", to: path)
        #expect(throws: LogReadError.empty(path: path)) { try IncidentLogReader.read(path: path) }
    }

    @Test func notALog() {
        let directory = TestFiles.directory()
        let samples: [[UInt8]] = [
            Array("# A runbook\n\n## Step\n".utf8),
            Array("[1,2,3]\n".utf8),
            Array("{\"format\":\"something-else\",\"format_version\":1}\n".utf8),
            Array("{\"seq\":1}\n".utf8),
            [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0xFF],
            Array("\n\n".utf8),
            Array("{not json".utf8),
        ]
        for (index, bytes) in samples.enumerated() {
            let path = directory + "/n\(index)"
            TestFiles.write(bytes, to: path)
            #expect(throws: LogReadError.notALog(path: path), "sample \(index)") { try IncidentLogReader.read(path: path) }
            #expect(IncidentLogVerifier.verify(path: path) == .unreadable(.notALog(path: path)))
        }
        #expect(LogReadError.notALog(path: "x").description.contains("not a runbook incident log"))
    }

    @Test func newerFormatIsRefusedWithAClearMessage() {
        let path = TestFiles.directory() + "/new.jsonl"
        TestFiles.write(#"{"format":"runbook-incident-log","format_version":2,"whatever":"changed"}"# + "\n{\"v2\":true}\n", to: path)
        #expect(throws: LogReadError.newerFormat(version: 2, path: path)) { try IncidentLogReader.read(path: path) }
        do {
            _ = try IncidentLogReader.read(path: path)
        } catch {
            #expect(error.description == "\(path):1: written by a newer runbook (format 2); this one reads format 1")
        }
    }

    @Test func badHeaderFieldsNameTheField() {
        let path = TestFiles.directory() + "/h.jsonl"
        var header = Samples.header().jsonValue
        guard case .object(var members) = header else { return }
        members.removeAll { $0.0 == "session_id" }
        header = .object(members)
        TestFiles.write(header.serialized() + "\n", to: path)
        #expect(throws: LogReadError.badLine(path: path, line: 1, reason: "header has no \"session_id\" (expected a string)")) {
            try IncidentLogReader.read(path: path)
        }
        TestFiles.write(#"{"format":"runbook-incident-log","format_version":"1"}"# + "\n", to: path)
        #expect(throws: LogReadError.badLine(path: path, line: 1, reason: "header \"format_version\" is \"1\" (expected a positive integer)")) {
            try IncidentLogReader.read(path: path)
        }
    }

    @Test func tornLastLineIsReportedAndIgnored() throws {
        let path = TestFiles.directory() + "/t.jsonl"
        try Samples.log(at: path, events: 4)
        let complete = TestFiles.bytes(path)
        let expected = try IncidentLogReader.read(path: path).events
        let lastLine = lines(path).last ?? []
        // A half-written line, a complete event that lost its newline, and unparseable bytes without newline.
        for tail in [Array(lastLine.prefix(30)), lastLine, Array("garbage {{".utf8)] {
            TestFiles.write(complete + tail, to: path)
            let contents = try IncidentLogReader.read(path: path)
            #expect(contents.events == expected)
            #expect(contents.tornTail)
            #expect(contents.warnings == [LogWarning(line: 6, message: "line 6 is incomplete (no newline at the end: the writer stopped mid-line); ignored")])
        }
    }

    @Test func tornHeaderIsAnError() {
        let path = TestFiles.directory() + "/t.jsonl"
        let header = Samples.header().encodedLine()
        TestFiles.write(Array(header.prefix(50)), to: path)
        #expect(throws: LogReadError.badLine(path: path, line: 1, reason: "the header line is incomplete (no newline at the end: the writer stopped while creating the log)")) {
            try IncidentLogReader.read(path: path)
        }
        TestFiles.write(header, to: path)
        #expect(throws: LogReadError.badLine(path: path, line: 1, reason: "the header line has no newline at the end (the writer stopped while creating the log)")) {
            try IncidentLogReader.read(path: path)
        }
    }

    @Test func corruptMiddleLineThrowsOrIsSkipped() throws {
        let path = TestFiles.directory() + "/c.jsonl"
        try Samples.log(at: path, events: 6)
        var fileLines = lines(path)
        fileLines[3] = Array(fileLines[3].prefix(25)) + Array("#broken".utf8)
        TestFiles.write(TestFiles.joined(fileLines), to: path)
        do {
            _ = try IncidentLogReader.read(path: path)
            Issue.record("expected badLine")
        } catch {
            guard case .badLine(let file, let line, let reason) = error else { Issue.record("\(error)"); return }
            #expect(file == path)
            #expect(line == 4)
            #expect(reason.hasPrefix("line is not valid JSON: "))
            #expect(error.description.hasPrefix("\(path):4: line is not valid JSON: "))
        }
        let skipped = try IncidentLogReader.read(path: path, skipBad: true)
        #expect(skipped.events.map(\.seq) == [1, 2, 4, 5, 6])
        #expect(skipped.warnings.first?.line == 4)
        #expect(skipped.warnings.first?.message.hasPrefix("skipped: line is not valid JSON") == true)
        #expect(skipped.warnings.last == LogWarning(line: 5, message: "seq 4 follows 2 (1 event missing)"))
        #expect(!skipped.tornTail)
    }

    @Test func missingOrMistypedEventFieldsNameTheField() throws {
        let path = TestFiles.directory() + "/m.jsonl"
        try Samples.log(at: path, events: 3)
        let original = lines(path)
        let cases: [(String, String, String)] = [
            (#""seq":2,"#, "", "event has no \"seq\" (expected an integer >= 1)"),
            (#""seq":2"#, #""seq":"2""#, "event \"seq\" is \"2\" (expected an integer >= 1)"),
            (#""type":"#, #""kind":"#, "event has no \"type\" (expected a string)"),
            (#""mono":0.100"#, #""mono":-1"#, "event \"mono\" is -1 (expected seconds as a number >= 0)"),
            (#""time":"2026-11-25T"#, #""time":"2026-11-25 "#, "time"),
            (#""prev":""#, #""prev":"x"#, ""),
        ]
        for (find, replace, reason) in cases {
            var fileLines = original
            let text = fileLines[2].utf8String
            #expect(text.contains(find), "\(find)")
            fileLines[2] = Array(text.replacingOccurrences(of: find, with: replace).utf8)
            TestFiles.write(TestFiles.joined(fileLines), to: path)
            do {
                _ = try IncidentLogReader.read(path: path)
                Issue.record("expected badLine for \(find)")
            } catch {
                guard case .badLine(_, let line, let found) = error else { Issue.record("\(error)"); continue }
                #expect(line == 3)
                switch reason {
                case "": #expect(found.hasPrefix("event \"prev\" is \"x"))
                case "time": #expect(found.hasPrefix("event \"time\" is \"2026-11-25 19:") && found.hasSuffix("(expected a UTC time like 2026-11-25T19:20:35.456Z)"))
                default: #expect(found == reason)
                }
            }
        }
    }

    @Test func unknownTypesAreAccepted() throws {
        let path = TestFiles.directory() + "/u.jsonl"
        let writer = try IncidentLogWriter.create(at: path, header: Samples.header())
        for type in ["x-new-thing", "", "ünïcode type", "section-enter"] { try writer.append(type: type, payload: nil) }
        try writer.close()
        let contents = try IncidentLogReader.read(path: path)
        #expect(contents.events.map(\.type) == ["x-new-thing", "", "ünïcode type", "section-enter"])
        #expect(contents.warnings.isEmpty)
    }

    @Test func seqGapsAndRepeatsAreWarnings() throws {
        let path = TestFiles.directory() + "/s.jsonl"
        try Samples.log(at: path, events: 6)
        var fileLines = lines(path)
        func setSeq(_ index: Int, _ seq: Int) {
            let text = fileLines[index].utf8String
            let old = text.prefix(while: { $0 != "," })
            fileLines[index] = Array(text.replacingOccurrences(of: String(old), with: "{\"seq\":\(seq)").utf8)
        }
        setSeq(1, 2)  // first event not 1
        setSeq(3, 2)  // repeat
        setSeq(4, 9)  // gap
        setSeq(5, 3)  // backwards
        TestFiles.write(TestFiles.joined(fileLines), to: path)
        let contents = try IncidentLogReader.read(path: path)
        #expect(contents.events.map(\.seq) == [2, 2, 2, 9, 3, 6])
        #expect(contents.warnings == [
            LogWarning(line: 2, message: "first event has seq 2, expected 1"),
            LogWarning(line: 3, message: "seq 2 repeats the previous event's seq"),
            LogWarning(line: 4, message: "seq 2 repeats the previous event's seq"),
            LogWarning(line: 5, message: "seq 9 follows 2 (6 events missing)"),
            LogWarning(line: 6, message: "seq 3 goes backwards after 9"),
            LogWarning(line: 7, message: "seq 6 follows 3 (2 events missing)"),
        ])
    }

    @Test func streamingMatchesReadAndStopsOnCallbackErrors() throws {
        let path = TestFiles.directory() + "/st.jsonl"
        try Samples.log(at: path, events: 6)
        var streamed: [LogEvent] = []
        let summary = try IncidentLogReader.forEachEvent(path: path) { streamed.append($0) }
        let contents = try IncidentLogReader.read(path: path)
        #expect(streamed == contents.events)
        #expect(summary.eventCount == 6)
        #expect(summary.lastEvent == contents.events.last)
        #expect(summary.header == contents.header)
        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try IncidentLogReader.forEachEvent(path: path) { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }

    @Test func longLinesAcrossReadBuffersAndIOErrors() throws {
        let directory = TestFiles.directory()
        let path = directory + "/l.jsonl"
        let writer = try IncidentLogWriter.create(at: path, header: Samples.header())
        var random = SplitMix64(seed: 1)
        var expected: [[UInt8]] = []
        for size in [3 << 20, 10, 1 << 20, 700_001] {  // lines far larger than the 1 MiB read buffer
            let data = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            expected.append(data)
            writer.appendOutput(command: "c", bytes: data)
            try writer.flush()
        }
        try writer.close()
        let events = try IncidentLogReader.read(path: path).events
        #expect(events.map { $0.outputData?.data.count } == [1 << 20, 1 << 20, 1 << 20, 10, 1 << 20, 700_001])
        #expect(events.flatMap { $0.outputData?.data ?? [] } == expected.flatMap { $0 })
        #expect(throws: LogReadError.self) { try IncidentLogReader.read(path: directory + "/missing.jsonl") }
        #expect(throws: LogReadError.self) { try IncidentLogReader.read(path: directory) }
    }
}
