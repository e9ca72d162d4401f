import Foundation
import Testing

@Suite("runbook replay: bad input")
struct ReplayCommandTests {
    private func file(_ contents: String) throws -> String {
        let dir = try BinaryRunner.temporaryDirectory()
        let path = dir.appendingPathComponent("log.jsonl").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: ["", "not a log at all\n", "{\"hello\": 1}\n"])
    func notALogIsOneLineAndExit2(_ contents: String) throws {
        let path = try file(contents)
        let result = try BinaryRunner.run(["replay", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(path))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func corruptMiddleLineNamesItUnlessSkipBad() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let book = dir.appendingPathComponent("b.md")
        try "# B\n\n## One\n\n```bash\necho one\n```\n\n```bash\necho two\n```\n".write(to: book, atomically: true, encoding: .utf8)
        let log = dir.appendingPathComponent("s.jsonl").path
        #expect(try BinaryRunner.run(["run", book.path, "--log", log]).status == 0)
        var lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines[3] = "{\"seq\": garbage"
        try lines.joined(separator: "\n").write(toFile: log, atomically: true, encoding: .utf8)
        let strict = try BinaryRunner.run(["replay", log])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("s.jsonl:4:") && strict.stderr.contains("--skip-bad"))
        #expect(strict.stderr.split(separator: "\n").count == 1)
        // With --skip-bad it opens (and then needs a terminal, which the test has not got).
        let lenient = try BinaryRunner.run(["replay", log, "--skip-bad"])
        #expect(lenient.stderr.contains("needs a terminal"))
    }

    @Test func missingFile() throws {
        let result = try BinaryRunner.run(["replay", "/nonexistent/session.jsonl"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/session.jsonl"))
    }

    @Test func badSpeed() throws {
        let result = try BinaryRunner.run(["replay", "/nonexistent.jsonl", "--speed", "100"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("0.25 and 64"))
    }

    @Test func aGoodLogWithoutATerminalSaysSo() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let book = dir.appendingPathComponent("b.md")
        try "# B\n\n## One\n\n```bash\necho hi\n```\n".write(to: book, atomically: true, encoding: .utf8)
        let log = dir.appendingPathComponent("s.jsonl").path
        #expect(try BinaryRunner.run(["run", book.path, "--log", log]).status == 0)
        // A torn last line is only a warning; the log still opens.
        let handle = try #require(FileHandle(forWritingAtPath: log))
        handle.seekToEndOfFile()
        handle.write(Data("{\"seq\":99,\"ti".utf8))
        try handle.close()
        let result = try BinaryRunner.run(["replay", log])
        #expect(result.status == 2)
        #expect(result.stderr.contains("needs a terminal"))
    }
}
