import RunbookModel
import SessionEngine
import Testing
@testable import TerminalUI

@Suite("Player pieces: layout, outline, progress, clocks, keys")
struct PlayerPiecesTests {
    static let book = """
        # Rollback

        ## 1. Assess (2-5 minutes)

        ```bash
        kubectl get pods
        kubectl rollout history deploy/api
        ```

        - [ ] Page the database owner

        ## 2. Choose a path

        ### Option A: Roll back

        ```bash
        kubectl rollout undo deploy/api
        ```

        ### Option B: Roll forward

        ```bash
        kubectl set image deploy/api api=api:fix
        ```

        ## 3. Watch

        Just watch the graphs.
        """

    static func runbook() -> Runbook {
        RunbookParser.parse(SourceText(path: "book.md", text: book, byteCount: book.utf8.count))
    }

    static func fold(_ events: [SessionEvent]) -> SessionState {
        SessionState.fold(events.enumerated().map { TimedEvent(seq: $0.offset + 1, mono: Double($0.offset), event: $0.element) })
    }

    @Test("layout: panes tile the screen at 80x24, 120x40 and 60x16; below that, too small")
    func layout() {
        for (rows, cols) in [(24, 80), (40, 120), (16, 60)] {
            let layout = PlayerLayout(rows: rows, cols: cols, fullOutput: false)
            #expect(!layout.tooSmall)
            let outline = try! #require(layout.outline), section = try! #require(layout.section)
            #expect(outline.right == section.col)
            #expect(section.bottom == layout.output.row)
            #expect(layout.output.bottom == layout.statusBar.row)
            #expect(section.right == cols && layout.output.right == cols)
            #expect(layout.outputInner.rows >= 2)
        }
        #expect(PlayerLayout(rows: 15, cols: 80, fullOutput: false).tooSmall)
        #expect(PlayerLayout(rows: 24, cols: 59, fullOutput: false).tooSmall)
        let full = PlayerLayout(rows: 24, cols: 80, fullOutput: true)
        #expect(full.outline == nil && full.output.rows == 22)
    }

    @Test("outline: overview first, sections depth first, collapsed children hidden")
    func outline() {
        let runbook = Self.runbook()
        let all = OutlineTree.entries(runbook, collapsed: [])
        #expect(all.map(\.title) == ["Overview", "1. Assess", "2. Choose a path", "Option A: Roll back",
                                     "Option B: Roll forward", "3. Watch"])
        #expect(all[1].budget != nil)
        let folded = OutlineTree.entries(runbook, collapsed: ["2"])
        #expect(folded.map(\.title).contains("Option A: Roll back") == false)
        #expect(folded.first { $0.sectionID == "2" }?.isCollapsed == true)
        #expect(OutlineTree.ancestors(of: "2.1.3") == ["2", "2.1"])
        #expect(OutlineTree.section("2.2", in: runbook)?.title == "Option B: Roll forward")
    }

    @Test("progress: running, failed, done with ticks, skipped alternative, visited prose")
    func progress() {
        let runbook = Self.runbook()
        let commands = runbook.allCommands
        let untouched = SectionProgressResolver(runbook: runbook, state: SessionState())
        #expect(untouched.status("1") == .notStarted)

        func start(_ c: Command) -> SessionEvent {
            .commandStart(CommandStart(commandID: Session.commandID(c), sectionID: nil, line: c.line, label: nil, text: c.text))
        }
        func end(_ c: Command, _ code: Int32) -> SessionEvent {
            .commandEnd(CommandEnd(commandID: Session.commandID(c), exitCode: code, signal: nil, durationSeconds: 1))
        }
        let running = Self.fold([start(commands[0])])
        #expect(SectionProgressResolver(runbook: runbook, state: running).status("1") == .running)
        let failed = Self.fold([start(commands[0]), end(commands[0], 3)])
        #expect(SectionProgressResolver(runbook: runbook, state: failed).status("1") == .failed)
        let halfDone = Self.fold([start(commands[0]), end(commands[0], 0), start(commands[1]), end(commands[1], 0)])
        #expect(SectionProgressResolver(runbook: runbook, state: halfDone).status("1") == .inProgress)
        let item = runbook.sections[0].blocks.flatMap(\.checklistItems)[0]
        let done = Self.fold([start(commands[0]), end(commands[0], 0), start(commands[1]), end(commands[1], 0),
                              .check(itemID: Session.itemID(item), text: item.text)])
        #expect(SectionProgressResolver(runbook: runbook, state: done).status("1") == .done)

        let optionA = Self.fold([start(commands[2]), end(commands[2], 0)])
        let resolved = SectionProgressResolver(runbook: runbook, state: optionA)
        #expect(resolved.status("2.1") == .done)
        #expect(resolved.status("2.2") == .skipped)
        #expect(resolved.status("2") == .done)

        let visited = Self.fold([.sectionEnter(sectionID: "3", title: "3. Watch")])
        #expect(SectionProgressResolver(runbook: runbook, state: visited).status("3") == .done)
    }

    @Test("clock texts and budget colours")
    func clocks() {
        #expect(ClockText.clock(0) == "00:00")
        #expect(ClockText.clock(3725) == "1:02:05")
        #expect(TimeBudget.runDuration(0.42) == "0.4s")
        #expect(TimeBudget.runDuration(185) == "3m5s")
        #expect(TimeBudget.runDuration(0.01) == "<0.1s")
        #expect(TimeBudget.runDuration(9.96) == "10s")
        let budget = TimeBudget(minSeconds: 120, maxSeconds: 300, kind: .estimate, text: "2-5 minutes")
        #expect(budget.compactText == "2m–5m")
        
        #expect(ClockReading(incident: 0, sectionID: "1", sectionElapsed: 60, sectionBudget: budget).sectionTimerRole == .timerNormal)
        #expect(ClockReading(incident: 0, sectionID: "1", sectionElapsed: 150, sectionBudget: budget).sectionTimerRole == .timerWarning)
        #expect(ClockReading(incident: 0, sectionID: "1", sectionElapsed: 301, sectionBudget: budget).sectionTimerRole == .timerAlarm)
    }

    @Test("one action table: every key maps to one action, help lists them all")
    func actions() {
        for mode in [DisplayMode.live, .drill, .replay] {
            var seen: [Key: PlayerAction] = [:]
            for binding in ActionTable.bindings(for: mode) {
                #expect(!binding.keys.isEmpty && !binding.help.isEmpty)
                for key in binding.keys {
                    #expect(seen[key] == nil, "key \(key.label) bound twice in \(mode)")
                    seen[key] = binding.action
                }
            }
            #expect(HelpOverlay.lines(for: mode).count == ActionTable.bindings(for: mode).count)
        }
        #expect(Set(ActionTable.bindings.map(\.action)) == Set(PlayerAction.allCases))
        #expect(ActionTable.action(for: .char("j")) == .moveDown)
        #expect(ActionTable.action(for: .ctrl("c")) == .interrupt)
        #expect(ActionTable.action(for: .char(" "), mode: .replay) == .pauseResume)
        #expect(ActionTable.action(for: .char(" "), mode: .live) == .toggleCheck)
        #expect(ActionTable.action(for: .char("c"), mode: .replay) == nil)
        #expect(ActionTable.action(for: .char("g"), mode: .replay) == .replayStart)
    }
}
