import Testing
@testable import SessionEngine

@Suite("Session state is a fold of events")
struct SessionStateFoldTests {
    private func timed(_ events: [(Double, SessionEvent)]) -> [TimedEvent] {
        events.enumerated().map { TimedEvent(seq: $0.offset + 1, mono: $0.element.0, event: $0.element.1) }
    }

    @Test func commandLifecycleTicksVariablesAndSections() {
        let state = SessionState.fold(timed([
            (0, .sessionStart(SessionStart(mode: .live, runbookTitle: "Demo", front: "run"))),
            (1, .sectionEnter(sectionID: "1", title: "Setup")),
            (2, .variableSet(name: "SERVICE", value: "orders", secret: false)),
            (3, .commandStart(CommandStart(commandID: "L21", sectionID: "1", line: 21, label: "1. Check", text: "echo hi"))),
            (3.5, .output(commandID: "L21", bytes: Array("hi\r\n".utf8))),
            (4, .commandEnd(CommandEnd(commandID: "L21", exitCode: 0, signal: nil, durationSeconds: 1))),
            (5, .check(itemID: "L40", text: "Team notified")),
            (6, .check(itemID: "L41", text: "Logs kept")),
            (7, .uncheck(itemID: "L40")),
            (8, .sectionEnter(sectionID: "2", title: "Rollback")),
            (9, .commandStart(CommandStart(commandID: "L50", sectionID: "2", line: 50, label: nil, text: "false"))),
            (10, .commandEnd(CommandEnd(commandID: "L50", exitCode: 1, signal: nil, durationSeconds: 1))),
            (12, .note(text: "paged the DBA")),
            (13, .decision(groupID: "g1", choice: "2.1", rationale: "k8s is where it runs")),
        ]))
        #expect(state.started)
        #expect(state.runbookTitle == "Demo")
        #expect(state.currentSectionID == "2")
        #expect(state.commands["L21"]?.status == .succeeded)
        #expect(state.commands["L21"]?.outputBytes == 4)
        #expect(state.commands["L50"]?.status == .failed)
        #expect(state.commands["L50"]?.exitCode == 1)
        #expect(state.commandOrder == ["L21", "L50"])
        #expect(state.runningCommandID == nil)
        #expect(state.checked == ["L41"])
        #expect(state.variables["SERVICE"]?.value == "orders")
        #expect(state.notes.map(\.text) == ["paged the DBA"])
        #expect(state.decisions.first?.choice == "2.1")
        #expect(state.sections["1"]?.timeSpent == 7)
        #expect(state.timeSpent(inSection: "2", now: 20) == 12)
        #expect(state.clock == 13)
        #expect(state.lastSeq == 14)
    }

    @Test func interruptedTimedOutAndSignalledCommands() {
        let state = SessionState.fold(timed([
            (0, .commandStart(CommandStart(commandID: "a", sectionID: nil, line: 1, label: nil, text: "sleep 100"))),
            (1, .commandEnd(CommandEnd(commandID: "a", exitCode: nil, signal: 2, durationSeconds: 1, interrupted: true))),
            (2, .commandStart(CommandStart(commandID: "b", sectionID: nil, line: 2, label: nil, text: "sleep 100"))),
            (3, .commandEnd(CommandEnd(commandID: "b", exitCode: nil, signal: 9, durationSeconds: 1, timedOut: true))),
            (4, .commandStart(CommandStart(commandID: "c", sectionID: nil, line: 3, label: nil, text: "kill -TERM $$"))),
            (5, .commandEnd(CommandEnd(commandID: "c", exitCode: nil, signal: 15, durationSeconds: 1))),
        ]))
        #expect(state.commands["a"]?.status == .interrupted)
        #expect(state.commands["b"]?.status == .timedOut)
        #expect(state.commands["c"]?.status == .failed)
        #expect(state.commands["c"]?.signal == 15)
    }

    @Test func resumeAbandonsTheCommandThatWasRunningWhenThePlayerDied() {
        let state = SessionState.fold(timed([
            (0, .commandStart(CommandStart(commandID: "a", sectionID: nil, line: 1, label: nil, text: "sleep 100"))),
            (50, .resume(host: "h", user: "u")),
        ]))
        #expect(state.commands["a"]?.status == .abandoned)
        #expect(state.runningCommandID == nil)
        #expect(state.resumes == 1)
    }

    @Test func rerunResetsTheRecordAndCountsRuns() {
        let state = SessionState.fold(timed([
            (0, .commandStart(CommandStart(commandID: "a", sectionID: nil, line: 1, label: nil, text: "false"))),
            (1, .commandEnd(CommandEnd(commandID: "a", exitCode: 1, signal: nil, durationSeconds: 1))),
            (2, .commandStart(CommandStart(commandID: "a", sectionID: nil, line: 1, label: nil, text: "true"))),
            (3, .commandEnd(CommandEnd(commandID: "a", exitCode: 0, signal: nil, durationSeconds: 1))),
        ]))
        #expect(state.commands["a"]?.status == .succeeded)
        #expect(state.commands["a"]?.runs == 2)
        #expect(state.commandOrder == ["a"])
    }

    @Test func timersCountDownAndUnknownEventsAreListedOnce() {
        let state = SessionState.fold(timed([
            (10, .timerStart(timerID: "monitor", kind: "countdown", seconds: 120)),
            (11, .unknown(type: "future-thing")),
            (12, .unknown(type: "future-thing")),
            (70, .timerStop(timerID: "monitor")),
            (80, .sessionEnd(reason: "completed")),
        ]))
        #expect(state.timers["monitor"]?.remaining(at: 1000) == 60)
        #expect(state.unknownEventTypes == ["future-thing"])
        #expect(state.ended)
        #expect(state.endReason == "completed")
    }
}
