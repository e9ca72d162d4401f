import Foundation
import Testing

@Suite("runbook run / resume / verify")
struct RunCommandTests {
    private func runbookFile(_ markdown: String) throws -> (dir: URL, file: String) {
        let dir = try BinaryRunner.temporaryDirectory()
        let file = dir.appendingPathComponent("book.md")
        try markdown.write(to: file, atomically: true, encoding: .utf8)
        return (dir, file.path)
    }

    private func events(_ log: String) throws -> [[String: Any]] {
        try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").dropFirst().compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    private func outputText(_ events: [[String: Any]]) -> String {
        events.filter { $0["type"] as? String == "output" }.compactMap {
            (($0["payload"] as? [String: Any])?["data"] as? String).flatMap { Data(base64Encoded: $0) }
        }.map { String(decoding: $0, as: UTF8.self) }.joined()
    }

    @Test func runsInOrderWithShellStateCarriedOverAndLogsEverything() throws {
        let (dir, file) = try runbookFile("""
            # Carry over
            ## Setup
            ```bash
            cd /tmp
            export GREETING=hello
            STABLE=$(echo v2.0.0)
            ```
            ## Check
            ```bash
            echo "$GREETING from $(pwd) to $STABLE for $SERVICE"
            ```
            """)
        let log = dir.appendingPathComponent("s.jsonl").path
        let result = try BinaryRunner.run(["run", file, "--var", "SERVICE=orders", "--log", log])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("hello from /tmp to v2.0.0 for orders"))
        #expect(result.stdout.contains("── 2 Check · line 10"))
        #expect(result.stderr.contains("all 4 commands passed"))
        let logged = try events(log)
        let types = logged.compactMap { $0["type"] as? String }
        #expect(types.first == "session-start")
        #expect(types.last == "session-end")
        #expect(types.filter { $0 == "command-start" }.count == 4)
        #expect(types.filter { $0 == "command-end" }.count == 4)
        #expect(types.contains("variable-set"))
        #expect(outputText(logged).contains("hello from /tmp to v2.0.0 for orders"))
        let verify = try BinaryRunner.run(["verify", log])
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("hash chain intact"))
    }

    @Test func missingPlaceholderStopsBeforeAnythingRuns() throws {
        let (dir, file) = try runbookFile("# P\n## A\n```bash\ntouch \(NSTemporaryDirectory())/should-not-exist-$$\nkubectl rollout undo deploy/$DEPLOYMENT --to-revision=<revision>\n```\n")
        let log = dir.appendingPathComponent("p.jsonl").path
        let result = try BinaryRunner.run(["run", file, "--log", log])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file):5: placeholder $DEPLOYMENT has no value; pass --var DEPLOYMENT=..."))
        #expect(result.stderr.contains("\(file):5: placeholder <revision> has no value"))
        #expect(!FileManager.default.fileExists(atPath: log))
        #expect(result.stdout.isEmpty)
    }

    @Test func stopsAtTheFirstFailureWithItsStatus() throws {
        let (dir, file) = try runbookFile("# F\n## A\n```bash\necho before\nexit 3\necho after\n```\n")
        let log = dir.appendingPathComponent("f.jsonl").path
        let result = try BinaryRunner.run(["run", file, "--log", log])
        #expect(result.status == 3)
        #expect(result.stdout.contains("before"))
        #expect(!result.stdout.contains("\nafter\r\n"))
        #expect(result.stderr.contains("line 5 failed (exit 3)"))
        let ends = try events(log).filter { $0["type"] as? String == "command-end" }
        #expect(ends.count == 2)
        #expect((ends.last?["payload"] as? [String: Any])?["exit_code"] as? Int == 3)
    }

    @Test func timeoutInterruptsALongCommand() throws {
        let (dir, file) = try runbookFile("# T\n## A\n```bash\nsleep 30\n```\n")
        let started = Date()
        let result = try BinaryRunner.run(["run", file, "--log", dir.appendingPathComponent("t.jsonl").path, "--timeout", "0.5"])
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(result.status == 130)
        #expect(result.stderr.contains("timed out"))
    }

    @Test func sectionFilterAndAlternatives() throws {
        let (dir, file) = try runbookFile("""
            # Alt
            ## Option A: Fast
            ```bash
            echo fast
            ```
            ## Option B: Slow
            ```bash
            echo slow
            ```
            ## Verify
            ```bash
            echo verified
            ```
            """)
        let all = try BinaryRunner.run(["run", file, "--log", dir.appendingPathComponent("a.jsonl").path])
        #expect(all.status == 0)
        #expect(all.stdout.contains("fast") && all.stdout.contains("verified"))
        #expect(!all.stdout.contains("\nslow\r\n"))
        #expect(all.stderr.contains("skipping alternative \"Option B: Slow\""))
        let picked = try BinaryRunner.run(["run", file, "--section", "option b", "--log", dir.appendingPathComponent("b.jsonl").path])
        #expect(picked.status == 0)
        #expect(picked.stdout.contains("\nslow\r\n"))
        #expect(!picked.stdout.contains("verified"))
        let none = try BinaryRunner.run(["run", file, "--section", "nope", "--log", dir.appendingPathComponent("c.jsonl").path])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no section matches --section \"nope\""))
    }

    @Test func verifyNamesTheFirstAlteredLine() throws {
        let (dir, file) = try runbookFile("# V\n## A\n```bash\necho one\necho two\n```\n")
        let log = dir.appendingPathComponent("v.jsonl").path
        #expect(try BinaryRunner.run(["run", file, "--log", log]).status == 0)
        var lines = try String(contentsOfFile: log, encoding: .utf8).components(separatedBy: "\n")
        lines[2] = lines[2].replacingOccurrences(of: "\"section\":\"1\"", with: "\"section\":\"2\"")
        try lines.joined(separator: "\n").write(toFile: log, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["verify", log])
        #expect(result.status == 1)
        #expect(result.stderr.contains("line 4"), "stderr: \(result.stderr)")
    }

    /// kill -9 the player mid-run: the log still verifies (or reports a torn tail), no state event
    /// is lost, and `resume` finishes the job in the same file without re-running what succeeded.
    @Test func crashThenVerifyAndResume() throws {
        let (dir, file) = try runbookFile("""
            # Crash
            ## One
            ```bash
            echo one
            ```
            ## Two
            ```bash
            sleep 0.2; echo two
            ```
            ## Three
            ```bash
            echo three-start; sleep 4; echo three-end
            ```
            ## Four
            ```bash
            echo four
            ```
            """)
        let log = dir.appendingPathComponent("crash.jsonl").path
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["run", file, "--log", log]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: log, encoding: .utf8), outputText(try events(log)).contains("three-start") {
                _ = text
                break
            }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let before = try events(log)
        let types = before.compactMap { $0["type"] as? String }
        #expect(types.filter { $0 == "command-end" }.count == 2)
        #expect(types.filter { $0 == "command-start" }.count == 3)
        #expect(!types.contains("session-end"))
        let verify = try BinaryRunner.run(["verify", log])
        #expect(verify.status == 0 || verify.stderr.contains("incomplete"), "verify: \(verify.stderr)")

        let resumed = try BinaryRunner.run(["resume", log])
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(resumed.stderr.contains("2 commands done"))
        let after = try events(log)
        let starts = after.filter { $0["type"] as? String == "command-start" }
            .compactMap { ($0["payload"] as? [String: Any])?["line"] as? Int }
        #expect(starts == [4, 8, 12, 12, 16])
        #expect(after.contains { $0["type"] as? String == "resume" })
        #expect(outputText(after).contains("three-end"))
        #expect(outputText(after).contains("four"))
        #expect(try BinaryRunner.run(["verify", log]).status == 0)
    }
}
