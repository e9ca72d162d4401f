import Foundation
import Testing
@testable import IncidentLog

/// What a killed writer can leave behind is a prefix of the file it was writing. Cut a log at every byte
/// offset of its last two lines and check reader, verifier and resume at each cut.
@Suite("Truncation at every byte")
struct TruncationTests {
    @Test func everyCutInTheLastTwoLines() throws {
        let directory = TestFiles.directory()
        let clock = ManualClock()
        let path = directory + "/full.jsonl"
        let writer = try IncidentLogWriter.create(at: path, header: Samples.header(), clock: clock.logClock)
        try writer.append(type: "section-enter", payload: ["section": "1"])
        clock.advance(0.2)
        writer.appendOutput(command: "c1", bytes: [0x1B, 0x5B, 0x31, 0x6D, 0xFF, 0x0D, 0x0A] + Array("héllo\n".utf8))
        try writer.flushIfDue()
        try writer.append(type: "command-end", payload: ["command": "c1", "exit": 0, "note": "done ✓"])
        try writer.close()

        let full = TestFiles.bytes(path)
        let lines = TestFiles.lines(full)
        #expect(lines.count == 4)
        let lastTwoStart = lines[0].count + 1 + lines[1].count + 1
        let lastStart = lastTwoStart + lines[2].count + 1
        let cutPath = directory + "/cut.jsonl"
        for cut in lastTwoStart...full.count {
            let prefix = Array(full[..<cut])
            let completeEvents = cut >= full.count ? 3 : (cut >= lastStart ? 2 : 1)
            let torn = cut != lastTwoStart && cut != lastStart && cut != full.count
            let tornLine = cut < lastStart ? 3 : 4

            TestFiles.write(prefix, to: cutPath)
            let contents = try IncidentLogReader.read(path: cutPath)
            #expect(contents.events.count == completeEvents, "cut \(cut)")
            #expect(contents.tornTail == torn, "cut \(cut)")
            #expect(contents.warnings.map(\.line) == (torn ? [tornLine] : []), "cut \(cut)")
            let verified = IncidentLogVerifier.verify(path: cutPath)
            if torn {
                guard case .broken(let line, let reason) = verified else { Issue.record("cut \(cut): \(verified)"); continue }
                #expect(line == tornLine && reason.contains("incomplete"), "cut \(cut)")
            } else {
                #expect(verified == .ok(events: completeEvents), "cut \(cut)")
            }

            // Resuming repairs the cut and the chain verifies again.
            let (resumed, resumedContents) = try IncidentLogWriter.reopen(at: cutPath, clock: clock.logClock)
            #expect(resumedContents.events.count == completeEvents + (torn ? 1 : 0), "cut \(cut)")
            try resumed.append(type: "session-resume", payload: nil)
            try resumed.close()
            #expect(IncidentLogVerifier.verify(path: cutPath) == .ok(events: completeEvents + (torn ? 2 : 1)), "cut \(cut)")
        }
    }

    @Test func everyCutInsideTheHeaderIsAReadError() throws {
        let directory = TestFiles.directory()
        let full = TestFiles.bytes(try Samples.log(at: directory + "/full.jsonl", events: 1))
        let headerLength = (TestFiles.lines(full).first?.count ?? 0)
        let cutPath = directory + "/cut.jsonl"
        for cut in 0...headerLength {
            TestFiles.write(Array(full[..<cut]), to: cutPath)
            #expect(throws: LogReadError.self, "cut \(cut)") { try IncidentLogReader.read(path: cutPath) }
            if case .ok = IncidentLogVerifier.verify(path: cutPath) { Issue.record("cut \(cut) verified") }
        }
        TestFiles.write(Array(full[..<(headerLength + 1)]), to: cutPath)
        #expect(try IncidentLogReader.read(path: cutPath).events.isEmpty)
    }
}
