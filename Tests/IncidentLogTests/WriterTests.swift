import Foundation
import Testing
@testable import IncidentLog

@Suite("Writer")
struct WriterTests {
    @Test func createsFileWith0600AndDirectoriesWith0700() throws {
        let root = TestFiles.directory()
        let path = root + "/state/runbook/sessions/x.jsonl"
        let writer = try IncidentLogWriter.create(at: path, header: Samples.header())
        #expect(TestFiles.mode(path) == 0o600)
        #expect(TestFiles.mode(root + "/state") == 0o700)
        #expect(TestFiles.mode(root + "/state/runbook/sessions") == 0o700)
        try writer.close()
        // Exactly one line, the header, and no temporary files left beside it.
        #expect(TestFiles.lines(TestFiles.bytes(path)) == [Samples.header().encodedLine()])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/state/runbook/sessions") == ["x.jsonl"])
    }

    @Test func namedTemporaryFallbackCreatesAtomicallyToo() throws {
        let directory = TestFiles.directory()
        let path = directory + "/n.jsonl"
        let fd = try FileIO.createWithContents(path, Array("line\n".utf8), allowUnnamed: false)
        close(fd)
        #expect(TestFiles.bytes(path) == Array("line\n".utf8))
        #expect(TestFiles.mode(path) == 0o600)
        #expect(throws: LogWriteError.alreadyExists(path: path)) {
            _ = try FileIO.createWithContents(path, Array("other\n".utf8), allowUnnamed: false)
        }
        #expect(throws: LogWriteError.alreadyExists(path: path)) {
            _ = try FileIO.createWithContents(path, Array("other\n".utf8), allowUnnamed: true)
        }
        #expect(TestFiles.bytes(path) == Array("line\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["n.jsonl"])
    }

    @Test func neverOverwritesAndLocksAgainstASecondWriter() throws {
        let path = TestFiles.directory() + "/a.jsonl"
        let writer = try IncidentLogWriter.create(at: path, header: Samples.header())
        #expect(throws: LogWriteError.alreadyExists(path: path)) {
            try IncidentLogWriter.create(at: path, header: Samples.header())
        }
        #expect(throws: LogWriteError.locked(path: path)) { try IncidentLogWriter.reopen(at: path) }
        try writer.close()
        let (again, _) = try IncidentLogWriter.reopen(at: path)
        try again.close()
    }

    @Test func appendReturnsWhatTheReaderReadsBack() throws {
        let clock = ManualClock()
        let path = TestFiles.directory() + "/a.jsonl"
        let writer = try IncidentLogWriter.create(at: path, header: Samples.header(), clock: clock.logClock)
        clock.advance(0.3333)
        let first = try writer.append(type: "section-enter", payload: ["section": "1", "title": "Préparer \"tout\""])
        clock.advance(1.25)
        let second = try writer.append(type: "some-future-type", payload: [1, 2, ["deep": nil]])
        try writer.close()
        #expect(first.seq == 1 && second.seq == 2)
        #expect(first.mono == 0.333)
        #expect(second.mono == 1.583)
        #expect(Timestamp.format(first.time) == "2026-11-25T19:20:35.456Z")
        #expect(first.prev == SHA256.hex(Samples.header().encodedLine()))
        let contents = try IncidentLogReader.read(path: path)
        #expect(contents.events == [first, second])
        #expect(second.prev == SHA256.hex(TestFiles.lines(TestFiles.bytes(path))[1]))
        #expect(IncidentLogVerifier.verify(path: path) == .ok(events: 2))
    }

    @Test func outputWrittenBeforeAStateEventPrecedesIt() throws {
        let clock = ManualClock()
        let path = TestFiles.directory() + "/a.jsonl"
        let writer = try IncidentLogWriter.create(at: path, header: Samples.header(), clock: clock.logClock)
        try writer.append(type: "command-start", payload: ["command": "c1"])
        writer.appendOutput(command: "c1", bytes: Array("one\r\n".utf8))
        writer.appendOutput(command: "c2", bytes: [0xFF, 0x00])
        writer.appendOutput(command: "c1", bytes: Array("two\u{1B}[0m".utf8))
        #expect(try writer.flushIfDue() == false)  // not due yet: nothing written
        #expect(writer.bufferedOutputBytes == 14)
        try writer.append(type: "command-end", payload: ["command": "c1", "exit": 0])
        #expect(writer.bufferedOutputBytes == 0)
        writer.appendOutput(command: "c3", bytes: Array("tail".utf8))
        try writer.close()
        let events = try IncidentLogReader.read(path: path).events
        #expect(events.map(\.type) == ["command-start", "output", "output", "command-end", "output"])
        #expect(events.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(events[1].outputData?.command == "c1")
        #expect(events[1].outputData?.data == Array("one\r\ntwo\u{1B}[0m".utf8))
        #expect(events[2].outputData?.command == "c2")
        #expect(events[2].outputData?.data == [0xFF, 0x00])
        #expect(events[4].outputData?.data == Array("tail".utf8))
        #expect(IncidentLogVerifier.verify(path: path) == .ok(events: 5))
    }

    @Test func flushIfDueThresholds() throws {
        let clock = ManualClock()
        let path = TestFiles.directory() + "/a.jsonl"
        let writer = try IncidentLogWriter.create(at: path, header: Samples.header(), clock: clock.logClock)
        #expect(try writer.flushIfDue() == false)  // nothing buffered
        clock.advance(0.5)
        #expect(try writer.flushIfDue() == false)  // still nothing buffered
        writer.appendOutput(command: "c1", bytes: [1, 2, 3])
        #expect(try writer.flushIfDue() == true)  // >= 100 ms since the last flush: written at once
        writer.appendOutput(command: "c1", bytes: [4])
        clock.advance(0.099)
        #expect(try writer.flushIfDue() == false)  // 99 ms
        #expect(try writer.flushIfDue(now: clock.mono + 0.0005) == false)  // 99.5 ms, explicit time
        clock.advance(0.0015)
        #expect(try writer.flushIfDue() == true)  // 100.5 ms
        writer.appendOutput(command: "c1", bytes: [UInt8](repeating: 7, count: IncidentLogWriter.flushThreshold - 1))
        #expect(try writer.flushIfDue() == false)  // 64 KiB - 1, no time passed
        writer.appendOutput(command: "c2", bytes: [8])
        #expect(try writer.flushIfDue() == true)  // 64 KiB reached
        #expect(writer.bufferedOutputBytes == 0)
        try writer.close()
        let events = try IncidentLogReader.read(path: path).events
        #expect(events.map { $0.outputData?.data.count ?? -1 } == [3, 1, IncidentLogWriter.flushThreshold - 1, 1])
        #expect(events.map(\.mono) == [0.5, 0.601, 0.601, 0.601])
    }

    @Test func hugeOutputIsSplitIntoBoundedEvents() throws {
        let path = TestFiles.directory() + "/a.jsonl"
        let writer = try IncidentLogWriter.create(at: path, header: Samples.header())
        var random = SplitMix64(seed: 11)
        let data = (0..<(2 * IncidentLogWriter.maximumOutputEventBytes + 5)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        writer.appendOutput(command: "c9", bytes: data)
        try writer.flush()
        try writer.close()
        let events = try IncidentLogReader.read(path: path).events
        #expect(events.count == 3)
        #expect(events.flatMap { $0.outputData?.data ?? [] } == data)
    }

    @Test func resumeContinuesSeqMonoAndChain() throws {
        let clock = ManualClock()
        let path = TestFiles.directory() + "/a.jsonl"
        try Samples.log(at: path, clock: clock, events: 4)
        let before = try IncidentLogReader.read(path: path)
        clock.advance(60)
        let (writer, contents) = try IncidentLogWriter.reopen(at: path, clock: ManualClock(wall: clock.logClock.wall(), mono: 5).logClock)
        #expect(contents == before)
        #expect(writer.nextSeq == 5)
        #expect(writer.header == Samples.header())
        let resumed = try writer.append(type: "session-resume", payload: [:])
        writer.appendOutput(command: "c7", bytes: [0x41])
        try writer.close()
        #expect(resumed.seq == 5)
        #expect(resumed.prev == SHA256.hex(TestFiles.lines(TestFiles.bytes(path))[4]))
        // mono continues from wall time since started_at (0.2 s of events + 60 s pause).
        #expect(resumed.mono == 60.2)
        let after = try IncidentLogReader.read(path: path)
        #expect(after.events.count == 6)
        #expect(after.warnings.isEmpty)
        #expect(IncidentLogVerifier.verify(path: path) == .ok(events: 6))
    }

    @Test func reopenCutsATornLineAndRecordsIt() throws {
        let path = TestFiles.directory() + "/a.jsonl"
        try Samples.log(at: path, events: 4)
        let complete = TestFiles.bytes(path)
        let torn = Array(#"{"seq":5,"time":"2026-11-25T19:2"#.utf8)
        TestFiles.write(complete + torn, to: path)
        #expect(IncidentLogVerifier.verify(path: path) == .broken(line: 6, reason: "line 6 is incomplete (no newline at the end: the writer stopped mid-line); the 4 events before it verify"))
        let (writer, contents) = try IncidentLogWriter.reopen(at: path)
        #expect(contents.tornTail)
        #expect(contents.warnings.map(\.line) == [6])
        #expect(contents.events.count == 5)
        let record = try #require(contents.events.last)
        #expect(record.type == IncidentLogWriter.tornTailEventType)
        #expect(record.seq == 5)
        #expect(record.payload["line"] == .int(6))
        #expect(record.payload["bytes"] == .int(Int64(torn.count)))
        #expect(record.payload["data"]?.decodeBytes == torn)
        try writer.append(type: "after", payload: nil)
        try writer.close()
        #expect(IncidentLogVerifier.verify(path: path) == .ok(events: 6))
        let reread = try IncidentLogReader.read(path: path)
        #expect(!reread.tornTail)
        #expect(Array(reread.events.prefix(5)) == contents.events)
    }

    @Test func closeIsIdempotentAndAppendAfterCloseThrows() throws {
        let path = TestFiles.directory() + "/a.jsonl"
        let writer = try IncidentLogWriter.create(at: path, header: Samples.header())
        try writer.close()
        try writer.close()
        #expect(throws: LogWriteError.closed(path: path)) { try writer.append(type: "x", payload: nil) }
    }

    @Test func createReportsUnusableLocations() {
        let root = TestFiles.directory()
        TestFiles.write("file", to: root + "/plain")
        #expect(throws: LogWriteError.self) { try IncidentLogWriter.create(at: root + "/plain/x.jsonl", header: Samples.header()) }
        #expect(throws: LogWriteError.self) { try IncidentLogWriter.reopen(at: root + "/missing.jsonl") }
        #expect(throws: LogReadError.empty(path: root + "/plain")) {
            TestFiles.write("", to: root + "/plain")
            _ = try IncidentLogWriter.reopen(at: root + "/plain")
        }
    }
}
