import Foundation
import Testing

@Suite("runbook report")
struct ReportCommandTests {
    /// Runs a small runbook with `runbook run` (the second command fails with exit 3) and returns the
    /// directory and the log it wrote.
    private func loggedRun() throws -> (dir: URL, log: String) {
        let dir = try BinaryRunner.temporaryDirectory()
        let book = dir.appendingPathComponent("book.md")
        try """
            # Payments failover
            ## Prepare (1-3 minutes)
            ```bash
            echo "ready for $REGION"
            ```
            - [ ] Paged the on-call
            ## Fail over
            ```bash
            sh -c 'echo boom; printf "\\033[33mwarn\\033[0m\\r\\n"; exit 3'
            ```
            ```bash
            echo not-reached
            ```
            """.write(to: book, atomically: true, encoding: .utf8)
        let log = dir.appendingPathComponent("s.jsonl").path
        let run = try BinaryRunner.run(["run", book.path, "--var", "REGION=eu-west-1", "--var", "API_TOKEN=tok-123", "--log", log])
        #expect(run.status == 3, "stderr: \(run.stderr)")
        return (dir, log)
    }

    private func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private func write(_ lines: [String], to path: String) throws {
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func markdownReportOfARealRun() throws {
        let (_, log) = try loggedRun()
        let result = try BinaryRunner.run(["report", log])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        let text = result.stdout
        #expect(text.hasPrefix("# Incident report: Payments failover\n"))
        #expect(text.contains("| **Ended** |") && text.contains("UTC (failed) |"))
        #expect(text.contains("Ran L9 in section 2: **exit 3** after"))
        #expect(text.contains("Entered **1 Prepare (1-3 minutes)** — "))
        #expect(text.contains(" of 1m–3m"))
        #expect(text.contains("Set `API_TOKEN` = •••• (secret)"))
        #expect(!text.contains("tok-123"))
        #expect(text.contains("- Line 12 (section 2 Fail over): `echo not-reached`"))
        #expect(text.contains("- Line 6 (section 1 Prepare (1-3 minutes)): Paged the on-call"))
        #expect(text.contains("```text\nboom\nwarn\n```"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test func jsonFormatParses() throws {
        let (_, log) = try loggedRun()
        let result = try BinaryRunner.run(["report", log, "--format", "json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "runbook-incident-report")
        let commands = try #require(object["commands"] as? [[String: Any]])
        #expect(commands.last?["exit_code"] as? Int == 3)
        #expect((object["output_excerpts"] as? [[String: Any]])?.first?["lines"] as? [String] == ["boom", "warn"])
        #expect(!result.stdout.contains("tok-123"))
        let bad = try BinaryRunner.run(["report", log, "--format", "pdf"])
        #expect(bad.status != 0)
    }

    @Test func outputIsWrittenAtomicallyToAFile() throws {
        let (dir, log) = try loggedRun()
        let target = dir.appendingPathComponent("report.md").path
        try "old contents".write(toFile: target, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["report", log, "--output", target])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.hasPrefix("# Incident report: Payments failover"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)

        let nowhere = try BinaryRunner.run(["report", log, "--output", dir.appendingPathComponent("no/such/dir/r.md").path])
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr.hasPrefix("runbook report: "))
        #expect(nowhere.stderr.contains("cannot write the report"))
        #expect(nowhere.stderr.split(separator: "\n").count == 1)
    }

    @Test func tornLastLineIsReportedUpToItWithAWarning() throws {
        let (_, log) = try loggedRun()
        var content = try lines(log)
        if content.last == "" { content.removeLast() }
        try (content.joined(separator: "\n") + "\n{\"seq\":99,\"time\":\"2026-").write(toFile: log, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["report", log])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("runbook report: warning: \(log):\(content.count + 1): line \(content.count + 1) is incomplete"))
        #expect(result.stdout.contains("**exit 3**"))
        #expect(result.stdout.contains("## Log warnings"))
    }

    @Test func corruptMiddleLineStopsUnlessSkipped() throws {
        let (_, log) = try loggedRun()
        var content = try lines(log)
        content.insert("{not json", at: 3)
        try write(content, to: log)
        let result = try BinaryRunner.run(["report", log])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("runbook report: \(log):4: line is not valid JSON"))
        #expect(result.stderr.contains("--skip-bad"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)

        let skipped = try BinaryRunner.run(["report", log, "--skip-bad"])
        #expect(skipped.status == 0, "stderr: \(skipped.stderr)")
        #expect(skipped.stderr.contains(":4: skipped: line is not valid JSON"))
        #expect(skipped.stdout.contains("**exit 3**"))
    }

    @Test func unknownEventTypesAreSkippedWithOneWarning() throws {
        let (_, log) = try loggedRun()
        var content = try lines(log)
        let zero = String(repeating: "0", count: 64)
        let future = "{\"seq\":3,\"time\":\"2026-11-25T19:20:35.456Z\",\"mono\":0.5,\"type\":\"hologram\",\"payload\":{},\"prev\":\"\(zero)\"}"
        content.insert(future, at: 3)
        content.insert(future, at: 3)
        try write(content, to: log)
        let result = try BinaryRunner.run(["report", log])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let unknown = result.stderr.split(separator: "\n").filter { $0.contains("unknown type \"hologram\"") }
        #expect(unknown.count == 1)
        #expect(result.stdout.contains("**exit 3**"))
    }

    @Test func badFilesGiveOneLineAndExit2() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let empty = dir.appendingPathComponent("empty.jsonl").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        let notLog = dir.appendingPathComponent("notes.md").path
        try "# Just a runbook\n".write(toFile: notLog, atomically: true, encoding: .utf8)
        let newer = dir.appendingPathComponent("newer.jsonl").path
        try "{\"format\":\"runbook-incident-log\",\"format_version\":99}\n".write(toFile: newer, atomically: true, encoding: .utf8)
        let binary = dir.appendingPathComponent("blob.jsonl").path
        FileManager.default.createFile(atPath: binary, contents: Data([0x00, 0xFF, 0xFE, 0x7B]))
        let cases: [(String, String)] = [
            (empty, "the file is empty"),
            (notLog, "not a runbook incident log"),
            (newer, "written by a newer runbook (format 99)"),
            (binary, "not a runbook incident log"),
            (dir.appendingPathComponent("missing.jsonl").path, "cannot open"),
            (dir.path, "directory"),
        ]
        for (path, message) in cases {
            let result = try BinaryRunner.run(["report", path])
            #expect(result.status == 2, "\(path): \(result.stderr)")
            #expect(result.stderr.hasPrefix("runbook report: \(path)"), "\(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
