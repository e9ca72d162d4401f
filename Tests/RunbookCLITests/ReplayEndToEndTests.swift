import Foundation
import Testing

/// `runbook replay` driven in tmux: a recorded session plays back in the panels; --follow watches a
/// session that is still being written.
@Suite("runbook replay in tmux", .serialized, .enabled(if: TmuxDriver.available, "tmux is not installed"))
struct ReplayEndToEndTests {
    static let playbook = """
        # Replay drill

        ## 1. Count

        ```bash
        for i in 1 2 3; do echo "count-$i"; done
        ```

        ## 2. Break

        ```bash
        printf '\\033]0;evil\\007\\033[31mred-\\033[0mdone\\n'; exit 4
        ```
        """

    private func record(_ markdown: String, in dir: URL) throws -> String {
        let file = dir.appendingPathComponent("drill.md")
        try markdown.write(to: file, atomically: true, encoding: .utf8)
        let log = dir.appendingPathComponent("session.jsonl").path
        let result = try BinaryRunner.run(["run", file.path, "--log", log])
        #expect(result.status == 4)
        return log
    }

    @Test func replaysARecordedSessionAndJumps() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let log = try record(Self.playbook, in: dir)
        let tmux = try TmuxDriver(command: TmuxDriver.runbook("replay '\(log)' --speed 64"), cols: 100, rows: 30, scratch: dir)
        let end = try tmux.waitFor("the end of the replay") { $0.contains("red-done") && $0.contains("REPLAY") }
        #expect(end.contains("exit 4"))
        // The output pane shows the text only: the OSC title sequence never reaches the screen.
        #expect(end.split(separator: "\n").contains { $0.contains("││red-done") })
        #expect(try tmux.tmux(["display-message", "-p", "-t", tmux.session, "#{pane_title}"]).contains("evil") == false)
        // Pause, g: back to the start (nothing applied); ] steps forward through boundaries.
        try tmux.send("Space", "g")
        try tmux.waitFor("the start") { $0.contains(" 0/") }
        try tmux.send("]", "]", "]")
        try tmux.waitFor(text: "count-3")
        // Session keys mean nothing here.
        try tmux.send("c")
        try tmux.waitFor(text: "no such key")
        try tmux.send("q")
        try tmux.waitFor("exit") { _ in (try? tmux.paneDead()) == true }
    }

    @Test func followsASessionBeingWritten() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let file = try TmuxDriver.tickingRunbook(in: dir, ticks: 12, delay: 0.25)
        let log = dir.appendingPathComponent("live.jsonl").path
        // The writer: `runbook run` in the background, through tmux too (no pipes to wait on).
        let writer = try TmuxDriver(command: TmuxDriver.runbook("run '\(file.path)' --log '\(log)'"), cols: 80, rows: 10, scratch: dir)
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: log) && Date() < deadline { usleep(20_000) }
        let viewer = try TmuxDriver(command: TmuxDriver.runbook("replay '\(log)' --follow"), cols: 100, rows: 30, scratch: dir)
        try viewer.waitFor(text: "LIVE")
        try viewer.waitFor(text: "tick-12", timeout: 20)
        _ = writer
        try viewer.send("q")
    }
}
