import Foundation
import Testing
@testable import IncidentLog

@Suite("Verifier")
struct VerifierTests {
    @Test func freshLogVerifies() throws {
        let path = try Samples.log(at: TestFiles.directory() + "/v.jsonl", events: 6)
        #expect(IncidentLogVerifier.verify(path: path) == .ok(events: 6))
        #expect(IncidentLogVerifier.verify(path: path).description == "ok: 6 events, hash chain intact")
    }

    @Test func flippingAnyByteOfAnyLineButTheLastIsDetected() throws {
        let directory = TestFiles.directory()
        let original = TestFiles.bytes(try Samples.log(at: directory + "/v.jsonl", events: 6))
        let lines = TestFiles.lines(original)
        let path = directory + "/flipped.jsonl"
        var offset = 0
        var checked = 0
        for (index, line) in lines.enumerated().dropLast() {
            let lineNumber = index + 1
            for position in 0..<line.count {
                for mask: UInt8 in [0x01, 0x20, 0x80] {
                    var copy = original
                    copy[offset + position] ^= mask
                    TestFiles.write(copy, to: path)
                    let result = IncidentLogVerifier.verify(path: path)
                    checked += 1
                    switch result {
                    case .broken(let line, let reason):
                        #expect(line == lineNumber || line == lineNumber + 1, "flip at line \(lineNumber) byte \(position): \(result)")
                        if line == lineNumber + 1 { #expect(reason == "prev hash does not match line \(lineNumber)") }
                    case .unreadable(.notALog):
                        // Damaging the `{"format":"runbook-incident-log"` marker makes it not a log at all.
                        #expect(lineNumber == 1 && position < 33, "flip at line \(lineNumber) byte \(position): \(result)")
                    default:
                        Issue.record("flip at line \(lineNumber) byte \(position) mask \(mask): \(result)")
                    }
                }
            }
            offset += line.count + 1
        }
        #expect(checked > 3000)
    }

    @Test func lastLineIsProtectedOnlyByItsSyntax() throws {
        let directory = TestFiles.directory()
        let original = TestFiles.bytes(try Samples.log(at: directory + "/v.jsonl", events: 5))
        let path = directory + "/flipped.jsonl"
        let lastStart = original.count - 1 - (TestFiles.lines(original).last?.count ?? 0)
        // Breaking the syntax or seq of the last line is caught...
        var copy = original
        copy[lastStart] = UInt8(ascii: "[")
        TestFiles.write(copy, to: path)
        guard case .broken(6, let reason) = IncidentLogVerifier.verify(path: path) else { Issue.record("not broken at 6"); return }
        #expect(reason.hasPrefix("line is not valid JSON: "))
        // ...but a changed letter inside a string of the last line is not (nothing hashes the last line).
        let text = Array(original[lastStart...]).utf8String
        copy = Array(original[..<lastStart]) + Array(text.replacingOccurrences(of: "section-enter", with: "section-entex").utf8)
        #expect(copy != original)
        TestFiles.write(copy, to: path)
        #expect(IncidentLogVerifier.verify(path: path) == .ok(events: 5))
    }

    @Test func reasonsNameTheProblem() throws {
        let directory = TestFiles.directory()
        let original = TestFiles.lines(TestFiles.bytes(try Samples.log(at: directory + "/v.jsonl", events: 6)))
        let path = directory + "/edited.jsonl"

        var lines = original
        lines.remove(at: 4)  // event seq 4
        TestFiles.write(TestFiles.joined(lines), to: path)
        #expect(IncidentLogVerifier.verify(path: path) == .broken(line: 5, reason: "seq 5 follows 3"))

        lines = original
        lines[2] = Array(lines[2].utf8String.replacingOccurrences(of: "\"c1\"", with: "\"c9\"").utf8)
        TestFiles.write(TestFiles.joined(lines), to: path)
        #expect(IncidentLogVerifier.verify(path: path) == .broken(line: 4, reason: "prev hash does not match line 3"))

        lines = original
        lines[5] = Array("{\"seq\":5,".utf8)
        TestFiles.write(TestFiles.joined(lines), to: path)
        guard case .broken(6, let reason) = IncidentLogVerifier.verify(path: path) else { Issue.record("not broken at 6"); return }
        #expect(reason.hasPrefix("line is not valid JSON: "))

        lines = original
        lines[1] = Array(lines[1].utf8String.replacingOccurrences(of: "{\"seq\":1,", with: "{\"seq\":0,").utf8)
        TestFiles.write(TestFiles.joined(lines), to: path)
        #expect(IncidentLogVerifier.verify(path: path) == .broken(line: 2, reason: "event \"seq\" is 0 (expected an integer >= 1)"))

        lines = original
        lines.insert(lines[3], at: 3)  // a replayed line
        TestFiles.write(TestFiles.joined(lines), to: path)
        #expect(IncidentLogVerifier.verify(path: path) == .broken(line: 5, reason: "seq 3 follows 3"))
    }

    @Test func tornTailIsReportedAsBroken() throws {
        let directory = TestFiles.directory()
        let original = TestFiles.bytes(try Samples.log(at: directory + "/v.jsonl", events: 6))
        let path = directory + "/torn.jsonl"
        TestFiles.write(Array(original.dropLast(10)), to: path)
        #expect(IncidentLogVerifier.verify(path: path) == .broken(line: 7, reason: "line 7 is incomplete (no newline at the end: the writer stopped mid-line); the 5 events before it verify"))
    }

    @Test func unreadableFiles() {
        let directory = TestFiles.directory()
        #expect(IncidentLogVerifier.verify(path: directory + "/missing") == .unreadable(.io(path: directory + "/missing", message: "cannot open: No such file or directory")))
        TestFiles.write("", to: directory + "/empty")
        #expect(IncidentLogVerifier.verify(path: directory + "/empty") == .unreadable(.empty(path: directory + "/empty")))
        TestFiles.write(#"{"format":"runbook-incident-log","format_version":9}"# + "\n", to: directory + "/new")
        #expect(IncidentLogVerifier.verify(path: directory + "/new") == .unreadable(.newerFormat(version: 9, path: directory + "/new")))
    }
}
