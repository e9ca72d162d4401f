import Foundation
import IncidentLog
import RunbookModel
import SessionEngine
import Testing

/// Replay: fold at the play head, jumps, output tails, idle limit, follow.
@Suite("Replay session", .serialized)
struct ReplaySessionTests {
    static let book = """
        # Replay drill

        ## 1. Look

        ```bash
        printf 'one\\r\\ntwo\\r\\n'
        ```

        - [ ] Looked

        ## 2. Break

        ```bash
        echo boom; exit 3
        ```
        """

    /// Records a real session into a log and returns its path.
    static func record() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("s.jsonl").path
        let runbook = RunbookParser.parse(SourceText(path: "book.md", text: book, byteCount: book.utf8.count))
        var options = Session.Options()
        options.environment = testEnvironment
        options.directory = "/tmp"
        let session = try Session.start(runbook: runbook, source: Array(book.utf8), logPath: path, options: options)
        let commands = runbook.allCommands
        try session.record(.sectionEnter(sectionID: "1", title: "1. Look"))
        try session.run(commands[0], sectionID: "1", values: PlaceholderValues()) { _ in }
        let item = runbook.sections[0].blocks.flatMap(\.checklistItems)[0]
        try session.toggleCheck(item)
        try session.record(.note(text: "looked fine"))
        try session.record(.sectionEnter(sectionID: "2", title: "2. Break"))
        try session.run(commands[1], sectionID: "2", values: PlaceholderValues()) { _ in }
        try session.end(reason: "done")
        return path
    }

    @Test("seeking anywhere gives the fold of the events before the play head")
    func foldAtEveryPosition() throws {
        let path = try Self.record()
        let replay = try ReplaySession(path: path)
        let contents = try IncidentLogReader.read(path: path)
        let events = try contents.events.map { try SessionEventCodec.timed($0) }
        #expect(replay.count == events.count)
        // Forward, one by one.
        var forward: [SessionState] = [replay.state]
        while try replay.stepForward() != nil { forward.append(replay.state) }
        // Jumps in a scrambled order land on the same states (output byte counts aside).
        for target in [events.count, 0, 3, events.count - 1, 1, 5, 2].filter({ $0 <= events.count }) {
            try replay.seek(to: target)
            var expected = SessionState.fold(events.prefix(target))
            var actual = replay.state
            for id in expected.commands.keys { expected.commands[id]?.outputBytes = 0 }
            for id in actual.commands.keys { actual.commands[id]?.outputBytes = 0 }
            #expect(actual == expected, "at \(target)")
            #expect(replay.position == target)
        }
        #expect(forward.last?.endReason == "done")
    }

    @Test("output tail: the current command's output up to the play head")
    func outputTail() throws {
        let path = try Self.record()
        let replay = try ReplaySession(path: path)
        try replay.seek(to: replay.count)
        let tail = try #require(try replay.outputTail())
        #expect(String(decoding: tail.bytes, as: UTF8.self).contains("boom"))
        // Just after the first command ended: its output, not the second's.
        let firstEnd = try #require(replay.index.entries.firstIndex { $0.kind == .commandEnd })
        try replay.seek(to: firstEnd + 1)
        let first = try #require(try replay.outputTail())
        let text = String(decoding: first.bytes, as: UTF8.self)
        #expect(text.contains("one") && text.contains("two") && !text.contains("boom"))
    }

    @Test("boundaries are the steps: sections, commands, ticks, notes")
    func boundaries() throws {
        let replay = try ReplaySession(path: try Self.record())
        let kinds = replay.boundaries.map { replay.index.entries[$0].kind }
        #expect(kinds.filter { $0 == .sectionEnter }.count == 2)
        #expect(kinds.filter { $0 == .commandStart }.count == 2)
        #expect(kinds.contains(.check) && kinds.contains(.note))
        #expect(!kinds.contains(.output))
    }

    @Test("idle limit caps gaps on the timeline; position(atTime:) finds the play head")
    func idleLimit() throws {
        let path = try Self.record()
        let capped = try ReplaySession(path: path, idleLimit: 0.001)
        #expect(capped.duration <= 0.001 * Double(capped.count) + 1e-9)
        let full = try ReplaySession(path: path)
        #expect(full.duration >= capped.duration)
        #expect(full.position(atTime: -1) == 0)
        #expect(full.position(atTime: full.duration) == full.count)
    }

    @Test("follow: events appended after opening are picked up")
    func follow() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("live.jsonl").path
        let runbook = RunbookParser.parse(SourceText(path: "book.md", text: Self.book, byteCount: Self.book.utf8.count))
        var options = Session.Options()
        options.mode = .drill
        let session = try Session.start(runbook: runbook, source: Array(Self.book.utf8), logPath: path, options: options)
        let replay = try ReplaySession(path: path)
        let before = replay.count
        try session.record(.note(text: "first"))
        try session.record(.note(text: "second"))
        #expect(try replay.refresh() == 2)
        #expect(replay.count == before + 2)
        while try replay.stepForward() != nil {}
        #expect(replay.state.notes.map(\.text) == ["first", "second"])
        try session.end(reason: "done")
    }
}
