import Foundation
import RunbookModel
import SessionEngine
import Testing
@testable import TerminalUI

/// The whole player screen rendered into a cell grid, no terminal: layouts at 80x24, 120x40 and 60x16
/// for the shared seeds and the project's playbooks, compared against stored snapshots; and the
/// controller driven key by key.
@Suite("Player screen")
struct PlayerScreenTests {
    static let sizes = [(rows: 24, cols: 80), (rows: 40, cols: 120), (rows: 16, cols: 60)]
    static let clock = ClockReading(incident: 754, sectionID: nil)
    static let logPath = "/var/lib/runbook/sessions/incident.jsonl"

    static func controller(_ runbook: Runbook, rows: Int, cols: Int) -> PlayerController {
        PlayerController(runbook: runbook, mode: .live, logPath: logPath, theme: .standard, rows: rows, cols: cols)
    }

    static func screen(_ controller: PlayerController, clock: ClockReading = clock) -> [String] {
        controller.render(clock: clock, now: 0).lines
    }

    @Test("playbooks at 80x24, 120x40 and 60x16", arguments: ["demo.md", "k8s-deploy-rollback.md", "postgres-restore.md"])
    func playbookLayouts(_ name: String) throws {
        let runbook = try SectionFixtures.playbook(name)
        for size in Self.sizes {
            let lines = Self.screen(Self.controller(runbook, rows: size.rows, cols: size.cols))
            #expect(lines.count == size.rows)
            #expect(lines.allSatisfy { $0.displayWidth <= size.cols })
            let base = name.replacingOccurrences(of: ".md", with: "")
            if let problem = try PlayerSnapshots.compare(lines, snapshot: "\(base)-\(size.cols)x\(size.rows)") {
                Issue.record(Comment(rawValue: problem))
            }
        }
    }

    @Test("shared seeds at 80x24, 120x40 and 60x16", .enabled(if: SectionFixtures.seedsPresent),
          arguments: [SectionFixtures.seed001, SectionFixtures.seed003])
    func seedLayouts(_ name: String) throws {
        let runbook = try SectionFixtures.seed(name)
        for size in Self.sizes {
            let controller = Self.controller(runbook, rows: size.rows, cols: size.cols)
            let lines = Self.screen(controller)
            #expect(lines.allSatisfy { $0.displayWidth <= size.cols })
            #expect(lines[0].contains("LIVE"))
            if let problem = try PlayerSnapshots.compare(lines, snapshot: "seed\(name.prefix(3))-\(size.cols)x\(size.rows)") {
                Issue.record(Comment(rawValue: problem))
            }
        }
    }

    @Test("below 60x16 a notice, not a crash; growing back restores the panes")
    func tooSmall() throws {
        let runbook = try SectionFixtures.playbook("demo.md")
        let controller = Self.controller(runbook, rows: 10, cols: 40)
        #expect(Self.screen(controller).joined().contains("Terminal too small: 40x10"))
        for (rows, cols) in [(1, 1), (0, 0), (15, 59), (3, 200)] {
            controller.resize(rows: rows, cols: cols)
            _ = Self.screen(controller)
            _ = controller.handle(.char("j"))
        }
        controller.resize(rows: 24, cols: 80)
        #expect(Self.screen(controller).joined().contains("Outline"))
    }

    @Test("keys: move, open, run intent, tick intent, panes, help, note prompt, quit")
    func keys() throws {
        let runbook = try SectionFixtures.playbook("demo.md")
        let controller = Self.controller(runbook, rows: 30, cols: 100)
        let firstSection = try #require(controller.shownSectionID)
        #expect(controller.view.focus == .outline)
        #expect(controller.handle(.char("j")).isEmpty)
        #expect(controller.shownSectionID != firstSection)
        _ = controller.handle(.char("k"))
        let intents = controller.handle(.enter)
        #expect(intents.first.map { if case .enterSection(let id, _) = $0 { id == firstSection } else { false } } == true)
        #expect(controller.view.focus == .section)

        // Find the first command in this section (or later ones) and ask to run it.
        var guardCount = 0
        while controller.selectedItem.map({ if case .command = $0 { false } else { true } }) ?? true, guardCount < 50 {
            _ = controller.handle(.char("j"))
            guardCount += 1
        }
        if case .command(_, let command)? = controller.selectedItem {
            #expect(controller.handle(.enter) == [.run([command], sectionID: controller.selectedItem?.sectionID, confirmed: false)])
        }

        _ = controller.handle(.tab)
        #expect(controller.view.focus == .output)
        _ = controller.handle(.backTab)
        #expect(controller.view.focus == .section)

        _ = controller.handle(.char("?"))
        #expect(Self.screen(controller).joined(separator: "\n").contains("run the selected command"))
        _ = controller.handle(.escape)
        #expect(!controller.view.helpVisible)

        _ = controller.handle(.char("n"))
        for character in "db failover ok" { _ = controller.handle(.char(character)) }
        #expect(Self.screen(controller).last?.contains("db failover ok") == true)
        #expect(controller.handle(.enter) == [.note("db failover ok")])

        #expect(controller.handle(.char("q")) == [.quit(force: false)])
        #expect(controller.handle(.char("c")).isEmpty)     // nothing running: a message instead
        #expect(controller.view.message != nil)
    }

    @Test("output pane: a command's bytes are drawn through the emulator, escapes never leak")
    func outputPane() throws {
        let runbook = try SectionFixtures.playbook("demo.md")
        let controller = Self.controller(runbook, rows: 30, cols: 100)
        let command = try #require(runbook.allCommands.first)
        let id = Session.commandID(command)
        var state = SessionState()
        state.apply(TimedEvent(seq: 1, mono: 0, event: .commandStart(CommandStart(
            commandID: id, sectionID: nil, line: command.line, label: nil, text: command.text))))
        controller.update(state: state)
        controller.commandStarted(id)
        controller.output(Array("\u{1B}]0;evil title\u{07}\u{1B}]52;c;aGk=\u{07}\u{1B}[31mred\u{1B}[0m line\r\nprogress 10%\rprogress 99%\r\n".utf8), commandID: id)
        let lines = Self.screen(controller)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("red line"))
        #expect(text.contains("progress 99%"))
        #expect(!text.contains("progress 10%"))
        #expect(!text.contains("evil title"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        // Scrolled back by PgUp: older lines come into view.
        for n in 0..<200 { controller.output(Array("line \(n)\r\n".utf8), commandID: id) }
        _ = controller.handle(.pageUp)
        #expect(controller.view.outputScroll > 0)
        #expect(Self.screen(controller).joined(separator: "\n").contains("lines back"))
    }

    @Test("t starts the section's countdown; the title bar counts it down, then alarms")
    func countdown() throws {
        let runbook = try SectionFixtures.playbook("k8s-deploy-rollback.md")
        let controller = Self.controller(runbook, rows: 30, cols: 100)
        let section = try #require(runbook.allSections.first { !$0.countdowns.isEmpty })
        let index = try #require(OutlineTree.entries(runbook, collapsed: controller.view.collapsed).firstIndex { $0.sectionID == section.id })
        while controller.view.outlineSelected < index { _ = controller.handle(.char("j")) }
        let intents = controller.handle(.char("t"))
        let seconds = try #require(section.countdowns.first?.maxSeconds)
        #expect(intents == [.toggleCountdown(timerID: "countdown-\(section.id)", seconds: seconds, sectionID: section.id)])

        var state = SessionState()
        state.apply(TimedEvent(seq: 1, mono: 10, event: .timerStart(timerID: "countdown-\(section.id)", kind: "countdown", seconds: seconds)))
        #expect(ClockReading.countdownRemaining(state, now: 70) == Double(seconds - 60))
        let running = ClockReading(incident: 70, countdownRemaining: ClockReading.countdownRemaining(state, now: 70))
        #expect(Self.screen(controller, clock: running)[0].contains("⏳ \(ClockText.clock(Double(seconds - 60))) left"))
        let over = ClockReading(incident: 999, countdownRemaining: ClockReading.countdownRemaining(state, now: Double(seconds) + 11))
        #expect(Self.screen(controller, clock: over)[0].contains("countdown over"))
        state.apply(TimedEvent(seq: 2, mono: 80, event: .timerStop(timerID: "countdown-\(section.id)")))
        #expect(ClockReading.countdownRemaining(state, now: 90) == nil)

        // On a section without one: a message, no intent.
        _ = controller.handle(.char("g"))
        #expect(controller.handle(.char("t")).isEmpty)
    }

    @Test("d takes an alternative with a reason; the others show as skipped")
    func decide() throws {
        let runbook = try SectionFixtures.playbook("k8s-deploy-rollback.md")
        let group = try #require(runbook.alternativeGroups.first)
        let chosen = group.sectionIDs[1]
        let controller = Self.controller(runbook, rows: 30, cols: 100)
        let index = try #require(OutlineTree.entries(runbook, collapsed: controller.view.collapsed).firstIndex { $0.sectionID == chosen })
        while controller.view.outlineSelected < index { _ = controller.handle(.char("j")) }
        #expect(controller.handle(.char("d")).isEmpty)
        #expect(Self.screen(controller).last?.contains("Why take \(chosen)") == true)
        for character in "argo is down" { _ = controller.handle(.char(character)) }
        let intents = controller.handle(.enter)
        let title = try #require(OutlineTree.section(chosen, in: runbook)?.title)
        #expect(intents == [.decide(groupID: DecisionKey.groupID(group), sectionID: chosen, choice: "\(chosen) \(title)",
                                    rationale: "argo is down")])

        var state = SessionState()
        state.apply(TimedEvent(seq: 1, mono: 1, event: .decision(groupID: DecisionKey.groupID(group), choice: "\(chosen) \(title)",
                                                                  rationale: "argo is down")))
        let progress = SectionProgressResolver(runbook: runbook, state: state)
        #expect(progress.status(chosen) == .inProgress)
        for other in group.sectionIDs where other != chosen { #expect(progress.status(other) == .skipped) }

        // Not an alternative: a message, no prompt.
        _ = controller.handle(.char("g"))
        _ = controller.handle(.char("d"))
        #expect(controller.view.prompt == nil)
    }

    @Test("a block run shows every command's output in one pane, each behind its $ line")
    func blockRun() throws {
        let runbook = try SectionFixtures.playbook("demo.md")
        let block = try #require(runbook.allSections.lazy.flatMap { $0.blocks }.compactMap { block -> [Command]? in
            if case .code(let code) = block, code.commands.count > 1 { return code.commands } else { return nil }
        }.first)
        let controller = Self.controller(runbook, rows: 40, cols: 120)
        controller.blockStarted(block)
        var state = SessionState()
        for (n, command) in block.prefix(2).enumerated() {
            let id = Session.commandID(command)
            state.apply(TimedEvent(seq: 2 * n + 1, mono: Double(n), event: .commandStart(CommandStart(
                commandID: id, sectionID: nil, line: command.line, label: nil, text: command.text))))
            controller.update(state: state)
            controller.commandStarted(id)
            controller.output(Array("output-\(n)\r\n".utf8), commandID: id)
            state.apply(TimedEvent(seq: 2 * n + 2, mono: Double(n) + 0.5, event: .commandEnd(CommandEnd(
                commandID: id, exitCode: 0, signal: nil, durationSeconds: 0.5))))
            controller.update(state: state)
        }
        let text = Self.screen(controller).joined(separator: "\n")
        #expect(text.contains("block of \(block.count) commands"))
        #expect(text.contains("output-0") && text.contains("output-1"))
        #expect(text.components(separatedBy: "$ ").count - 1 >= 2)
        controller.blockFinished()
        // Each command keeps its own pane as well.
        #expect(controller.emulator(Session.commandID(block[1]))?.screenText().contains("output-1") == true)
    }

    @Test("e edits a one-line command before it runs; a new danger is caught, a gone placeholder not asked")
    func editCommand() throws {
        let runbook = try SectionFixtures.playbook("k8s-deploy-rollback.md")
        let controller = Self.controller(runbook, rows: 30, cols: 100)
        _ = controller.handle(.enter)   // into the first section's pane
        var guardCount = 0
        while guardCount < 60 {
            if case .command(_, let c)? = controller.selectedItem, !c.text.contains("\n"), !c.placeholders.isEmpty { break }
            _ = controller.handle(.char("j"))
            guardCount += 1
        }
        guard case .command(let sectionID, let command)? = controller.selectedItem else {
            Issue.record("no one-line command with a placeholder in the first section")
            return
        }
        _ = controller.handle(.char("e"))
        #expect(controller.view.prompt?.text == command.text)
        _ = controller.handle(.ctrl("u"))
        for character in "kubectl delete namespace prod" { _ = controller.handle(.char(character)) }
        let intents = controller.handle(.enter)
        guard case .run(let commands, let section, false)? = intents.first, let edited = commands.first else {
            Issue.record("expected a run intent, got \(intents)")
            return
        }
        #expect(section == sectionID)
        #expect(edited.text == "kubectl delete namespace prod")
        #expect(edited.line == command.line)
        #expect(edited.placeholders.isEmpty)
        #expect(!edited.dangers.isEmpty)
    }

    @Test("finished commands' terminals over the memory budget are dropped and rebuilt from the log when shown")
    func emulatorBudget() throws {
        let runbook = try SectionFixtures.playbook("demo.md")
        let controller = Self.controller(runbook, rows: 30, cols: 100)
        controller.emulatorMemoryBudget = 1 << 20
        var loads: [String] = []
        controller.outputLoader = { id in
            loads.append(id)
            return Array("reloaded \(id)\r\n".utf8)
        }
        var state = SessionState()
        let commands = Array(runbook.allCommands.prefix(4))
        for (n, command) in commands.enumerated() {
            let id = Session.commandID(command)
            state.apply(TimedEvent(seq: 2 * n + 1, mono: Double(n), event: .commandStart(CommandStart(
                commandID: id, sectionID: nil, line: command.line, label: nil, text: command.text))))
            controller.update(state: state)
            controller.commandStarted(id)
            for line in 0..<3000 { controller.output(Array("\(id) line \(line) ................................\r\n".utf8), commandID: id) }
            state.apply(TimedEvent(seq: 2 * n + 2, mono: Double(n) + 0.5, event: .commandEnd(CommandEnd(
                commandID: id, exitCode: 0, signal: nil, durationSeconds: 0.5))))
            controller.update(state: state)
            _ = Self.screen(controller)
        }
        let first = Session.commandID(commands[0])
        #expect(controller.emulator(first) == nil, "the least recently shown pane is dropped")
        #expect(controller.emulator(Session.commandID(commands[3])) != nil, "the shown pane stays")
        // Showing it again reads it back.
        _ = controller.displayedEmulator(first)
        #expect(loads == [first])
        #expect(controller.emulator(first)?.screenText().contains("reloaded \(first)") == true)
    }

    @Test("search jumps to the section that mentions the text")
    func search() throws {
        let runbook = try SectionFixtures.playbook("postgres-restore.md")
        let controller = Self.controller(runbook, rows: 30, cols: 100)
        let target = try #require(runbook.allSections.last)
        let word = String(target.title.split(separator: " ").last ?? "")
        _ = controller.handle(.char("/"))
        for character in word { _ = controller.handle(.char(character)) }
        _ = controller.handle(.enter)
        #expect(SectionSearchText.of(try #require(OutlineTree.section(controller.shownSectionID ?? "", in: runbook)))
            .contains(word.lowercased()))
    }
}

/// Stored whole-screen snapshots under Snapshots/player.
enum PlayerSnapshots {
    static let directory = SectionFixtures.packageRoot.appendingPathComponent("Tests/TerminalUITests/Snapshots/player")

    static func compare(_ lines: [String], snapshot name: String) throws -> String? {
        try SectionFixtures.compare(lines, snapshot: name, in: directory)
    }
}
