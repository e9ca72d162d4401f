import Foundation
import Testing

@Suite("runbook play: bad input")
struct PlayCommandTests {
    @Test func missingFileIsOneLineAndExit2() throws {
        let result = try BinaryRunner.run(["play", "/nonexistent/book.md"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/book.md"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func withoutATerminalItSaysSoAndCreatesNoLog() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let log = dir.appendingPathComponent("x.jsonl").path
        let result = try BinaryRunner.run(["play", "playbooks/demo.md", "--log", log])
        #expect(result.status == 2)
        #expect(result.stderr.contains("needs a terminal"))
        #expect(!FileManager.default.fileExists(atPath: log))
    }

    @Test func badVariableIsRejected() throws {
        let result = try BinaryRunner.run(["play", "playbooks/demo.md", "--var", "NOEQUALS"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("NAME=VALUE"))
    }
}
