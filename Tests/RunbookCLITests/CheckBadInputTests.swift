import Foundation
import Testing

@Suite("runbook check: bad input gets one clear line and exit 2")
struct CheckBadInputTests {
    private func write(_ bytes: [UInt8], name: String) throws -> String {
        let url = try BinaryRunner.temporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    private func expectRefused(_ path: String, mentioning words: String) throws {
        let result = try BinaryRunner.run(["check", path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got: \(result.stderr)")
        #expect(result.stderr.contains(path))
        #expect(result.stderr.contains(words), "stderr: \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func missingFile() throws {
        try expectRefused("/nonexistent/dir/runbook.md", mentioning: "no such file")
    }

    @Test func directory() throws {
        try expectRefused(BinaryRunner.temporaryDirectory().path, mentioning: "directory")
    }

    @Test func binaryFile() throws {
        try expectRefused(write([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00], name: "a.out"), mentioning: "binary")
    }

    @Test func emptyFile() throws {
        try expectRefused(write([], name: "empty.md"), mentioning: "empty")
    }

    @Test func fiftyMegabyteFile() throws {
        let line = Array("- [ ] a checklist item that repeats to make a huge file\n".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50 * 1_048_576 + line.count)
        while bytes.count < 50 * 1_048_576 { bytes += line }
        try expectRefused(write(bytes, name: "huge.md"), mentioning: "larger than")
    }

    @Test func invalidUTF8IsDecodedWithAWarning() throws {
        let path = try write(Array("# T\n## A\n```bash\necho ".utf8) + [0xFF, 0xFE] + Array("\n```\n".utf8), name: "bad.md")
        let result = try BinaryRunner.run(["check", path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("\(path):4: warning: invalid UTF-8"))
        #expect(result.stdout.contains("1 command in 1 block"))
    }

    @Test func runbookWithNoCommandIsValidWithWarning() throws {
        let path = try write(Array("# Notes\n\n- [ ] page the lead\n".utf8), name: "notes.md")
        let result = try BinaryRunner.run(["check", path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("no runnable command"))
        #expect(result.stdout.contains("1 checklist item,"))
    }
}
