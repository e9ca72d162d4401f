import Foundation
import Testing

/// `runbook play` driven for real in tmux: keys in, screen out, then the incident log checked.
@Suite("runbook play in tmux", .serialized, .enabled(if: TmuxDriver.available, "tmux is not installed"))
struct PlayEndToEndTests {
    static let playbook = """
        # E2E rollback drill

        ## 1. Check the service

        ```bash
        echo "hello-$((6*7))"
        ```

        - [ ] Confirm the greeting came back

        ## 2. Wait for traffic

        ```bash
        sleep 100
        ```
        """

    private func setUp(cols: Int = 100, rows: Int = 30) throws -> (TmuxDriver, log: String) {
        let dir = try BinaryRunner.temporaryDirectory()
        let file = dir.appendingPathComponent("drill.md")
        try Self.playbook.write(to: file, atomically: true, encoding: .utf8)
        let log = dir.appendingPathComponent("session.jsonl").path
        let command = "XDG_STATE_HOME=\(dir.path) " + TmuxDriver.runbook("play '\(file.path)' --log '\(log)'")
        let tmux = try TmuxDriver(command: command, cols: cols, rows: rows, scratch: dir)
        return (tmux, log)
    }

    private func events(_ log: String) throws -> [[String: Any]] {
        try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").dropFirst().compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    private func payloads(_ events: [[String: Any]], _ type: String) -> [[String: Any]] {
        events.filter { $0["type"] as? String == type }.compactMap { $0["payload"] as? [String: Any] }
    }

    private func waitUntilExited(_ tmux: TmuxDriver) throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if try tmux.paneDead() { return }
            usleep(50_000)
        }
        throw TmuxError("the player did not exit; screen:\n\(try tmux.capture())")
    }

    @Test func runTickResizeInterruptQuitAndTheLogHoldsIt() throws {
        let (tmux, log) = try setUp()
        let first = try tmux.waitFor(text: "E2E rollback drill")
        #expect(first.contains("LIVE"))
        #expect(first.contains("Check the service"))

        // Outline → Enter opens section 1; Enter runs its command; output shows in the pane.
        try tmux.send("Enter")
        try tmux.send("Enter")
        try tmux.waitFor(text: "hello-42")

        // j to the checklist item, Space ticks it.
        try tmux.send("j", "Space")
        try tmux.waitFor(text: "[x]")

        // Resize: the layout follows at once.
        try tmux.resize(cols: 80, rows: 24)
        try tmux.waitFor("80x24 layout") { screen in
            // Laid out again for 80x24: the panes' bottom edge is on row 23, closed at column 80.
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return lines.count >= 24 && lines[22].hasPrefix("└") && lines[22].hasSuffix("┘")
                && lines[22].count == 80 && lines[0].contains("E2E rollback drill")
        }

        // Back to the outline, down to section 2, run `sleep 100`, interrupt it with c.
        try tmux.send("h", "j", "Enter", "Enter")
        try tmux.waitFor(text: "running")
        try tmux.send("c")
        try tmux.waitFor(text: "interrupted")

        try tmux.send("q")
        try waitUntilExited(tmux)

        let all = try events(log)
        let types = all.compactMap { $0["type"] as? String }
        #expect(types.first == "session-start")
        #expect(types.last == "session-end")
        let entered = payloads(all, "section-enter").compactMap { $0["section"] as? String }
        #expect(entered == ["1", "2"])
        let ends = payloads(all, "command-end")
        #expect(ends.count == 2)
        #expect(ends.first?["exit_code"] as? Int == 0)
        #expect(ends.last?["interrupted"] as? Bool == true)
        #expect(payloads(all, "check").count == 1)
    }

    @Test func quitWhileACommandRunsAsksFirst() throws {
        let (tmux, log) = try setUp()
        try tmux.waitFor(text: "E2E rollback drill")
        try tmux.send("j", "Enter", "Enter")
        try tmux.waitFor(text: "running")
        try tmux.send("q")
        try tmux.waitFor(text: "Interrupt it and quit?")
        #expect(try !tmux.paneDead())
        try tmux.send("y")
        try waitUntilExited(tmux)
        let all = try events(log)
        #expect(payloads(all, "command-end").count == 1)
        #expect(all.last?["type"] as? String == "session-end")
    }

    @Test func tooSmallTerminalShowsANoticeThenRecoversOnResize() throws {
        let (tmux, _) = try setUp(cols: 50, rows: 12)
        try tmux.waitFor(text: "too small")
        try tmux.resize(cols: 100, rows: 30)
        try tmux.waitFor(text: "Outline")
        try tmux.send("?")
        try tmux.waitFor(text: "Keys")
        try tmux.send("Escape", "q")
        try waitUntilExited(tmux)
    }

    @Test func killedMidCommandThenResumedInThePlayer() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let file = try TmuxDriver.tickingRunbook(in: dir, ticks: 40, delay: 0.2)
        let log = dir.appendingPathComponent("session.jsonl").path
        let first = try TmuxDriver(command: TmuxDriver.runbook("play '\(file.path)' --log '\(log)'"), cols: 100, rows: 30, scratch: dir)
        try first.waitFor(text: "Slow")
        try first.send("Enter", "Enter")
        try first.waitFor(text: "tick-3")
        // The player dies hard (env exec'd it, so the pane's pid is the player).
        let pid = try first.tmux(["display-message", "-p", "-t", first.session, "#{pane_pid}"])
        kill(Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, SIGKILL)
        try first.waitFor("the player to die") { _ in (try? first.paneDead()) == true }

        let second = try TmuxDriver(command: TmuxDriver.runbook("play --resume '\(log)'"), cols: 100, rows: 30, scratch: dir)
        let screen = try second.waitFor(text: "Resumed")
        #expect(screen.contains("abandoned"))
        #expect(screen.contains("tick-1"))
        try second.send("q")
        try second.waitFor("exit") { _ in (try? second.paneDead()) == true }
        let types = try events(log).compactMap { $0["type"] as? String }
        #expect(types.contains("resume"))
        #expect(types.last == "session-end")
        #expect(try BinaryRunner.run(["verify", log]).status == 0)
    }
}
