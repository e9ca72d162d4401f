import Foundation
import Testing
@testable import IncidentLog

@Suite("LogIndex")
struct LogIndexTests {
    /// A log with sections, commands, output (one event bigger than a read chunk), checks and notes.
    private func richLog(clock: ManualClock = ManualClock()) throws -> String {
        let path = TestFiles.directory() + "/rich.jsonl"
        let writer = try IncidentLogWriter.create(at: path, header: Samples.header(), clock: clock.logClock)
        try writer.append(type: "session-start", payload: ["mode": "live", "runbook_title": "Demo", "front": "test"])
        clock.advance(0.5)
        try writer.append(type: "section-enter", payload: ["section": "1", "title": "Étape"])
        try writer.append(type: "command-start", payload: ["command": "L5", "line": 5, "text": "echo hi"])
        for round in 0..<5 {
            clock.advance(0.25)
            writer.appendOutput(command: "L5", bytes: [0x1B, 0x5B, 0x31, 0x6D, 0xFF, 0xC3] + Array("out \(round)\r\n".utf8))
            try writer.flush()
        }
        writer.appendOutput(command: "L5", bytes: [UInt8](repeating: 0x41, count: 1_500_000))
        try writer.flush()
        try writer.append(type: "command-end", payload: ["command": "L5", "exit_code": 0])
        try writer.append(type: "check", payload: ["item": "k1", "text": "done"])
        try writer.append(type: "variable-set", payload: ["name": "A", "value": "1", "secret": false])
        try writer.append(type: "note", payload: ["text": "ok"])
        try writer.append(type: "custom-thing", payload: [:])
        try writer.append(type: "session-end", payload: ["reason": "completed"])
        try writer.close()
        return path
    }

    @Test func entriesMatchTheReaderAndTheFileBytes() throws {
        let path = try richLog()
        let index = try LogIndex.build(path: path)
        let contents = try IncidentLogReader.read(path: path)
        let lines = TestFiles.lines(TestFiles.bytes(path))
        #expect(index.header == contents.header)
        #expect(index.warnings.isEmpty)
        #expect(index.entries.count == contents.events.count)
        for (i, (entry, event)) in zip(index.entries, contents.events).enumerated() {
            #expect(entry.seq == event.seq)
            #expect(entry.mono == event.mono)
            #expect(entry.kind == LogIndex.EventKind(type: event.type))
            let bytes = TestFiles.bytes(path)[Int(entry.offset)..<Int(entry.offset) + Int(entry.length)]
            #expect(Array(bytes) == lines[i + 1])
            #expect(try index.event(i) == event)
            #expect(index.lineNumber(i) == i + 2)
        }
        #expect(index.entries.map(\.kind).contains(.output))
        #expect(index.entries.last?.kind == .sessionEnd)
        #expect(index.entries.contains { $0.kind == .other })
        #expect(index.entries.filter { $0.kind == .output }.count == 7)  // 5 small + the big one split in 2
    }

    @Test func outputLinesTakeTheFastPathAndOtherKeyOrdersStillIndex() throws {
        let path = try richLog()
        var lines = TestFiles.lines(TestFiles.bytes(path))
        let outputLines = lines.filter { $0.utf8String.contains("\"type\":\"output\"") }
        #expect(!outputLines.isEmpty)
        for line in outputLines {
            #expect(line.withUnsafeBytes { OutputLineScanner.scan($0) } != nil)
        }
        // The same output event with its keys in another order: parsed fully, same entry.
        let original = try #require(lines.firstIndex { $0.utf8String.contains("\"type\":\"output\"") })
        let event = try JSONValueParser.parse(lines[original])
        guard case .object(let members) = event else { Issue.record("not an object"); return }
        let reordered = JSONValue.object(members.reversed())
        lines[original] = Array(reordered.serialized().utf8)
        #expect(lines[original].withUnsafeBytes { OutputLineScanner.scan($0) } == nil)
        TestFiles.write(TestFiles.joined(lines), to: path)
        let index = try LogIndex.build(path: path)
        let entry = index.entries[original - 1]
        #expect(entry.kind == .output)
        #expect(try index.event(original - 1).outputData != nil)
        #expect(entry.seq == original)
    }

    @Test func lastIndexFindsTheLastEventAtOrBeforeATime() throws {
        let clock = ManualClock()
        let path = TestFiles.directory() + "/t.jsonl"
        let writer = try IncidentLogWriter.create(at: path, header: Samples.header(), clock: clock.logClock)
        clock.advance(1)
        try writer.append(type: "note", payload: ["text": "a"])         // 0: mono 1
        clock.advance(1)
        try writer.append(type: "note", payload: ["text": "b"])         // 1: mono 2
        try writer.append(type: "note", payload: ["text": "c"])         // 2: mono 2
        try writer.append(type: "note", payload: ["text": "d"])         // 3: mono 2
        clock.advance(3)
        try writer.append(type: "note", payload: ["text": "e"])         // 4: mono 5
        try writer.close()
        let index = try LogIndex.build(path: path)
        #expect(index.entries.map(\.mono) == [1, 2, 2, 2, 5])
        #expect(index.lastIndex(atOrBefore: 0.999) == nil)
        #expect(index.lastIndex(atOrBefore: -1) == nil)
        #expect(index.lastIndex(atOrBefore: 1) == 0)
        #expect(index.lastIndex(atOrBefore: 1.5) == 0)
        #expect(index.lastIndex(atOrBefore: 2) == 3)
        #expect(index.lastIndex(atOrBefore: 4.999) == 3)
        #expect(index.lastIndex(atOrBefore: 5) == 4)
        #expect(index.lastIndex(atOrBefore: 1e9) == 4)
    }

    @Test func boundariesAreTheStepEvents() throws {
        let index = try LogIndex.build(path: try richLog())
        let expected = index.entries.indices.filter { index.entries[$0].kind.isStepBoundary }
        #expect(index.boundaries == expected)
        #expect(index.boundaries.map { index.entries[$0].kind } == [.sectionEnter, .commandStart, .commandEnd, .check, .note])
        #expect(!LogIndex.EventKind.output.isStepBoundary)
        #expect(LogIndex.EventKind.decision.isStepBoundary && LogIndex.EventKind.uncheck.isStepBoundary)
    }

    @Test func tornLastLineIsAWarningAndLeftOutUntilComplete() throws {
        let path = try richLog()
        let complete = TestFiles.bytes(path)
        let lines = TestFiles.lines(complete)
        TestFiles.write(Array(complete.dropLast(20)), to: path)
        var index = try LogIndex.build(path: path)
        #expect(index.entries.count == lines.count - 2)
        #expect(index.warnings == ["line \(lines.count): line \(lines.count) is incomplete (no newline at the end: the writer stopped mid-line); ignored"])
        #expect(try index.refresh() == 0)
        // The writer finishes the line: refresh takes it and the warning goes.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(complete.suffix(20)))
        try handle.close()
        #expect(try index.refresh() == 1)
        #expect(index.entries.count == lines.count - 1)
        #expect(index.warnings.isEmpty)
    }

    @Test func badMiddleLineNamesTheLineOrIsSkipped() throws {
        let path = try richLog()
        var lines = TestFiles.lines(TestFiles.bytes(path))
        lines[3] = Array("{\"seq\":3,\"time\":oops".utf8)
        TestFiles.write(TestFiles.joined(lines), to: path)
        #expect {
            try LogIndex.build(path: path)
        } throws: { error in
            guard case LogReadError.badLine(let file, let line, let reason) = error else { return false }
            return file == path && line == 4 && reason.contains("not valid JSON")
        }
        let index = try LogIndex.build(path: path, skipBad: true)
        #expect(index.entries.count == lines.count - 2)
        #expect(index.warnings.contains { $0.hasPrefix("line 4: skipped: line is not valid JSON") })
        #expect(index.warnings.contains { $0.hasPrefix("line 5: seq 4 follows 2") })
        #expect(index.lineNumber(1) == 3)
        #expect(index.lineNumber(2) == 5)
        #expect(try index.event(2).seq == 4)
    }

    @Test func outputLineDamagedInsideItsDataIsFoundWhenRead() throws {
        let path = try richLog()
        var lines = TestFiles.lines(TestFiles.bytes(path))
        let target = try #require(lines.firstIndex { $0.utf8String.contains("\"type\":\"output\"") })
        let dataStart = try #require(lines[target].utf8String.range(of: "\"data\":\"")).upperBound
        let offset = lines[target].utf8String.utf8.distance(from: lines[target].utf8String.startIndex, to: dataStart)
        lines[target][offset + 2] = UInt8(ascii: "\"")
        TestFiles.write(TestFiles.joined(lines), to: path)
        let index = try LogIndex.build(path: path)
        #expect(throws: LogReadError.self) { try index.event(target - 1) }
        do {
            _ = try index.event(target - 1)
        } catch {
            #expect("\(error)".hasPrefix("\(path):\(target + 1): line is not valid JSON"))
        }
    }

    @Test func emptyNonLogAndNewerFormatAreClearErrors() {
        let directory = TestFiles.directory()
        let empty = directory + "/empty.jsonl"
        TestFiles.write("", to: empty)
        #expect(throws: LogReadError.empty(path: empty)) { try LogIndex.build(path: empty) }
        let markdown = directory + "/book.md"
        TestFiles.write("# A runbook\n\n## Step\n", to: markdown)
        #expect(throws: LogReadError.notALog(path: markdown)) { try LogIndex.build(path: markdown) }
        let binary = directory + "/bin"
        TestFiles.write([0x7F, 0x45, 0x4C, 0x46, 0, 0xFF], to: binary)
        #expect(throws: LogReadError.notALog(path: binary)) { try LogIndex.build(path: binary) }
        let newer = directory + "/new.jsonl"
        TestFiles.write(#"{"format":"runbook-incident-log","format_version":9}"# + "\n", to: newer)
        #expect(throws: LogReadError.newerFormat(version: 9, path: newer)) { try LogIndex.build(path: newer) }
        let missing = directory + "/missing.jsonl"
        #expect(throws: LogReadError.self) { try LogIndex.build(path: missing) }
        #expect(throws: LogReadError.self) { try LogIndex.build(path: directory) }
    }

    @Test func eventOutOfRangeOrAfterTheFileShrankIsAnError() throws {
        let path = try richLog()
        var index = try LogIndex.build(path: path)
        #expect(throws: LogReadError.self) { try index.event(index.entries.count) }
        #expect(throws: LogReadError.self) { try index.event(-1) }
        truncate(path, 100)
        #expect(throws: LogReadError.self) { try index.event(index.entries.count - 1) }
        #expect(throws: LogReadError.self) { try index.refresh() }
    }

    @Test func refreshFollowsAWriterInAnotherThread() throws {
        let path = TestFiles.directory() + "/follow.jsonl"
        nonisolated(unsafe) let writer = try IncidentLogWriter.create(at: path, header: Samples.header())
        let total = 150
        let done = ManagedFlag()
        let thread = Thread {
            defer { done.set() }
            for round in 0..<total {
                // Large output events so a reader can catch a line half-written.
                // append() writes the buffered output as its own event first: two lines, one fsync.
                writer.appendOutput(command: "c", bytes: [UInt8](repeating: UInt8(round % 200 + 32), count: round % 3 == 0 ? 300_000 : 700))
                try? writer.append(type: round % 2 == 0 ? "check" : "note", payload: ["text": .string("round \(round)")])
            }
        }
        var index = try LogIndex.build(path: path)
        thread.start()
        var refreshes = 0
        var checked = 0
        while true {
            let finished = done.isSet
            let added = try index.refresh()
            refreshes += 1
            #expect(added >= 0)
            #expect(index.entries.count == checked + added)
            for i in checked..<index.entries.count {
                let event = try index.event(i)  // every indexed line is complete and valid
                #expect(event.seq == i + 1)
                #expect(index.entries[i].kind == LogIndex.EventKind(type: event.type))
            }
            checked = index.entries.count
            if finished { break }
        }
        try writer.close()
        _ = try index.refresh()
        #expect(index.entries.count == total * 2)
        #expect(index.warnings.isEmpty)
        #expect(refreshes > 1)
    }
}

/// A flag set by one thread and read by another.
private final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
