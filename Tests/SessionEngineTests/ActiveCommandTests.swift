import Foundation
import IncidentLog
import RunbookModel
import Testing
@testable import SessionEngine
#if canImport(Glibc)
import Glibc
#endif

/// What a UI-style loop saw while driving one `ActiveCommand`.
struct Driven {
    var output: [UInt8] = []
    var largestChunk = 0
    var services = 0
    var seconds = 0.0
    var finished = false
    var text: String { String(decoding: output, as: UTF8.self) }
}

/// Drives `active` the way the player does: one `poll(2)` on the command's descriptors with a
/// timeout up to its deadline or the next 1 Hz UI tick, then `service()`. `react` runs after every
/// wake-up with the elapsed seconds and the output so far (to type, resize or interrupt).
func drive(_ active: ActiveCommand, limit: Double = 30, react: (ActiveCommand, Double, [UInt8]) -> Void = { _, _, _ in }) -> Driven {
    let clock = ContinuousClock()
    let start = clock.now
    var uiTick = start.advanced(by: .seconds(1))
    var driven = Driven()
    while !active.isFinished {
        let now = clock.now
        let elapsed = now - start
        driven.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if driven.seconds > limit { return driven }
        let wake = min(active.nextDeadline ?? uiTick, uiTick)
        var fds = active.pollDescriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        _ = poll(&fds, nfds_t(fds.count), milliseconds(until: wake, from: now))
        if clock.now >= uiTick { uiTick = clock.now.advanced(by: .seconds(1)) }
        let bytes = active.service()
        driven.services += 1
        driven.largestChunk = max(driven.largestChunk, bytes.count)
        driven.output += bytes
        react(active, driven.seconds, driven.output)
    }
    let elapsed = clock.now - start
    driven.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    driven.finished = true
    return driven
}

@Suite("ActiveCommand: a command driven by the caller's own event loop")
struct ActiveCommandTests {
    private static let markdown = """
        # Active
        ## One
        ```bash
        echo hello; printf 'a\\033[31mred\\033[0m\\n'; exit 3
        ```
        ```bash
        sleep 100
        ```
        ```bash
        yes | head -c 5000000
        ```
        ```bash
        read line; echo got:$line
        ```
        ```bash
        stty size; trap 'stty size; exit 0' WINCH; echo ready; while :; do sleep 0.05; done
        ```
        ```bash
        echo after
        ```
        - [ ] ticked
        ```bash
        trap '' INT; echo armed; sleep 100
        ```
        """

    private func start(mode: SessionMode = .live) throws -> (Session, [Command], String) {
        let path = NSTemporaryDirectory() + "runbook-active-\(UUID().uuidString)/s.jsonl"
        let runbook = RunbookParser.parse(Self.markdown, path: "active.md")
        var options = Session.Options()
        options.mode = mode
        options.environment = testEnvironment
        options.directory = NSTemporaryDirectory()
        let session = try Session.start(runbook: runbook, source: Array(Self.markdown.utf8), logPath: path, options: options)
        return (session, runbook.allCommands, path)
    }

    @Test func exitCodeAndOutput() throws {
        let (session, commands, _) = try start()
        let active = try session.begin(commands[0], sectionID: "1", values: PlaceholderValues())
        #expect(active.commandID == Session.commandID(commands[0]))
        #expect(session.state.runningCommandID == active.commandID)
        #expect(session.activeCommand === active)
        let driven = drive(active)
        #expect(driven.finished)
        #expect(driven.text == "hello\r\na\u{1B}[31mred\u{1B}[0m\r\n")
        #expect(active.pollDescriptors.isEmpty)
        #expect(active.nextDeadline == nil)
        let end = try session.finish(active)
        #expect(end.exitCode == 3)
        #expect(!end.interrupted && !end.timedOut)
        #expect(try session.finish(active) == end)  // recorded once, same answer
        #expect(session.activeCommand == nil)
        #expect(session.state.runningCommandID == nil)
        #expect(session.state.commands[active.commandID]?.status == .failed)
        try session.end(reason: "done")
    }

    @Test func liveOutputEqualsTheLogAndTheFoldEqualsTheLiveState() throws {
        let (session, commands, path) = try start()
        try session.recordEnterSection(id: "1", title: "One")
        #expect(try !session.recordEnterSection(id: "1", title: "One"))
        var output: [UInt8] = []
        for command in [commands[0], commands[5], commands[2]] {
            let active = try session.begin(command, sectionID: "1", values: PlaceholderValues())
            output += drive(active).output
            try session.finish(active)
        }
        let item = try #require(session.runbook.sections.flatMap { $0.blocks.flatMap(\.checklistItems) }.first)
        #expect(try session.toggleCheck(item))
        #expect(try !session.toggleCheck(item))
        #expect(try session.toggleCheck(item))
        try session.end(reason: "completed")
        let live = session.state

        let contents = try IncidentLogReader.read(path: path)
        let folded = SessionState.fold(try contents.events.map { try SessionEventCodec.timed($0) })
        #expect(folded == live)
        #expect(contents.events.compactMap(\.outputData).flatMap(\.data) == output)
        #expect(folded.commands.values.reduce(0) { $0 + $1.outputBytes } == output.count)
        #expect(folded.checked == [Session.itemID(item)])
        #expect(folded.sections["1"]?.visits == 1)
        #expect(IncidentLogVerifier.verify(path: path) == .ok(events: contents.events.count))
    }

    @Test func interruptEndsASleepPromptly() throws {
        let (session, commands, _) = try start()
        let active = try session.begin(commands[1], sectionID: nil, values: PlaceholderValues())
        var sent = false
        let driven = drive(active) { active, elapsed, _ in
            if !sent && elapsed > 0.3 {
                sent = true
                active.interrupt()
            }
        }
        #expect(driven.finished)
        #expect(driven.seconds < 5)
        let end = try session.finish(active)
        #expect(end.interrupted)
        #expect(!end.timedOut)
        #expect(end.signal == SIGINT)
        #expect(session.state.commands[active.commandID]?.status == .interrupted)
        active.interrupt()  // harmless once finished
        try session.end(reason: "done")
    }

    @Test func aSecondInterruptKillsACommandThatIgnoresSIGINT() throws {
        let (session, commands, _) = try start()
        let active = try session.begin(commands[6], sectionID: nil, values: PlaceholderValues())
        var presses = 0
        let driven = drive(active) { active, elapsed, output in
            guard String(decoding: output, as: UTF8.self).contains("armed") else { return }
            if presses == 0 && elapsed > 0.3 || presses == 1 && elapsed > 0.8 {
                presses += 1
                active.interrupt()
            }
        }
        #expect(driven.finished)
        #expect(driven.text == "armed\r\n")
        #expect(driven.seconds < 5)
        let end = try session.finish(active)
        #expect(presses == 2)
        #expect(end.interrupted)
        #expect(end.signal == SIGKILL)
        try session.end(reason: "done")
    }

    @Test func aTimeoutEndsTheCommand() throws {
        let (session, commands, _) = try start()
        let active = try session.begin(commands[1], sectionID: nil, values: PlaceholderValues(), timeout: .milliseconds(300))
        let driven = drive(active)
        #expect(driven.finished)
        #expect(driven.seconds < 5)
        let end = try session.finish(active)
        #expect(end.timedOut)
        #expect(!end.interrupted)
        #expect(end.signal == SIGINT)
        #expect(session.state.commands[active.commandID]?.status == .timedOut)
        try session.end(reason: "done")
    }

    @Test func aFloodComesInBoundedChunksWithoutLoss() throws {
        let (session, commands, _) = try start()
        let active = try session.begin(commands[2], sectionID: nil, values: PlaceholderValues())
        let driven = drive(active, limit: 60)
        #expect(driven.finished)
        #expect(driven.largestChunk <= ActiveCommand.serviceBudget)
        // 2.5 million "y\n" lines, each "\n" arriving as "\r\n".
        #expect(driven.output.count == 7_500_000)
        #expect(driven.services >= 7_500_000 / ActiveCommand.serviceBudget)
        let end = try session.finish(active)
        #expect(end.exitCode == 0)
        #expect(session.state.commands[active.commandID]?.outputBytes == 7_500_000)
        try session.end(reason: "done")
    }

    @Test func keystrokesReachTheCommand() throws {
        let (session, commands, _) = try start()
        let active = try session.begin(commands[3], sectionID: nil, values: PlaceholderValues())
        try active.write(Array("hello\r".utf8))
        let driven = drive(active, limit: 10)
        #expect(driven.finished)
        #expect(driven.text.hasSuffix("got:hello\r\n"))
        #expect(try session.finish(active).exitCode == 0)
        #expect(throws: SessionError.self) { try active.write(Array("late\r".utf8)) }
        try session.end(reason: "done")
    }

    @Test func resizingReachesTheCommand() throws {
        let (session, commands, _) = try start()
        let active = try session.begin(commands[4], sectionID: nil, values: PlaceholderValues(), timeout: .seconds(10))
        var resized = false
        let driven = drive(active, limit: 15) { active, _, output in
            if !resized, String(decoding: output, as: UTF8.self).contains("ready") {
                resized = true
                active.resize(TerminalSize(rows: 40, cols: 120))
            }
        }
        #expect(driven.text == "24 80\r\nready\r\n40 120\r\n")
        let end = try session.finish(active)
        #expect(end.exitCode == 0)
        #expect(!end.timedOut)
        try session.end(reason: "done")
    }

    @Test func oneCommandAtATimeAndAbandoningEndsIt() throws {
        let (session, commands, _) = try start()
        let active = try session.begin(commands[1], sectionID: nil, values: PlaceholderValues())
        let pgid = try #require(active.stepper).running.process.pid
        do {
            _ = try session.begin(commands[5], sectionID: nil, values: PlaceholderValues())
            Issue.record("a second begin did not throw")
        } catch let error as SessionError {
            #expect(error.kind == .busy)
            #expect(error.message.contains(active.commandID))
        }
        #expect(throws: SessionError.self) { try session.run(commands[5], sectionID: nil, values: PlaceholderValues()) { _ in } }
        // Not finished yet: finish without abandoning refuses.
        #expect(throws: SessionError.self) { try session.finish(active) }
        _ = active.service()
        let (end, seconds) = try timed { try session.finish(active, abandon: true) }
        #expect(seconds < 5)
        #expect(end.interrupted)
        #expect(end.signal == SIGKILL)
        #expect(session.state.commands[active.commandID]?.status == .interrupted)
        #expect(liveMembers(of: pgid).isEmpty)
        #expect(session.activeCommand == nil)
        // The shell is usable again.
        let next = try session.begin(commands[5], sectionID: nil, values: PlaceholderValues())
        #expect(drive(next).text == "after\r\n")
        #expect(try session.finish(next).exitCode == 0)
        try session.end(reason: "done")
    }

    @Test func endingTheSessionAbandonsTheActiveCommand() throws {
        let (session, commands, path) = try start()
        let active = try session.begin(commands[1], sectionID: nil, values: PlaceholderValues())
        let pgid = try #require(active.stepper).running.process.pid
        try session.end(reason: "quit")
        #expect(liveMembers(of: pgid).isEmpty)
        let contents = try IncidentLogReader.read(path: path)
        let folded = SessionState.fold(try contents.events.map { try SessionEventCodec.timed($0) })
        #expect(folded.commands[active.commandID]?.status == .interrupted)
        #expect(folded.runningCommandID == nil)
    }

    @Test func aDrillDoesNotExecute() throws {
        let (session, commands, _) = try start(mode: .drill)
        do {
            _ = try session.begin(commands[0], sectionID: nil, values: PlaceholderValues())
            Issue.record("begin in a drill did not throw")
        } catch let error as SessionError {
            #expect(error.kind == .closed)
        }
        #expect(session.state.commands.isEmpty)
        try session.end(reason: "done")
    }

    @Test func aShellThatCannotStartGivesExit127WithTheReason() throws {
        let (session, commands, _) = try start()
        // Without its private directory the shell cannot be given the command.
        let shell = try #require(session.shell)
        try FileManager.default.removeItem(atPath: shell.stateDirectory)
        let active = try session.begin(commands[0], sectionID: nil, values: PlaceholderValues())
        #expect(!active.isFinished)  // the reason is still to be delivered
        let driven = drive(active, limit: 5)
        #expect(driven.text.hasPrefix("runbook: cannot write "))
        #expect(driven.text.hasSuffix("\r\n"))
        let end = try session.finish(active)
        #expect(end.exitCode == 127)
        #expect(session.state.commands[active.commandID]?.outputBytes == driven.output.count)

        // `run` keeps the same behaviour.
        var output: [UInt8] = []
        let ran = try session.run(commands[5], sectionID: nil, values: PlaceholderValues()) { output += $0 }
        #expect(ran.exitCode == 127)
        #expect(String(decoding: output, as: UTF8.self).hasPrefix("runbook: cannot write "))
        try session.end(reason: "done")
    }
}
