import Foundation
import IncidentLog
import RunbookModel
import SessionEngine
import Testing
@testable import TerminalUI

/// The controller must never crash, whatever the runbook, the keys or the screen size.
@Suite("Player robustness")
struct PlayerRobustnessTests {
    static let oddRunbooks = [
        "",
        "just some prose, no heading at all",
        "# Only a title",
        "```bash\necho preamble only\n```",
        "## No title\n\n- [ ] a box\n\n### Deeper\n\n#### Deeper still\n\n##### And more\n\n###### Six",
        "# T\n\n| a | b |\n|---|---|\n| 日本語のテキスト | 🔴🔴🔴🔴🔴🔴🔴🔴 |\n\n## S\n\n```\n\u{1B}[31mraw escape in a fence\u{07}\n```",
        "# T\n\n## A\n\n### Option A: x\n\n```bash\necho a\n```\n\n### Option B: y\n\n```bash\necho b\n```",
    ]

    static let keys: [Key] = [
        .char("j"), .char("k"), .char("g"), .char("G"), .char("h"), .char("l"), .enter, .char(" "), .tab, .backTab,
        .pageUp, .pageDown, .char("f"), .char("c"), .char("n"), .char("/"), .char("?"), .escape, .char("q"),
        .char("t"), .char("i"), .ctrl("d"), .ctrl("u"), .char("x"), .char("é"), .char("日"), .backspace, .up, .down,
        .left, .right, .home, .end, .ctrl("c"), .function(1), .unknown(999),
    ]

    @Test("random keys, sizes and outputs over odd runbooks, the playbooks and the seeds")
    func randomDrive() throws {
        var runbooks = Self.oddRunbooks.map { RunbookParser.parse(SourceText(path: nil, text: $0, byteCount: $0.utf8.count)) }
        runbooks += try ["demo.md", "k8s-deploy-rollback.md", "postgres-restore.md"].map(SectionFixtures.playbook)
        if SectionFixtures.seedsPresent {
            runbooks += try [SectionFixtures.seed001, SectionFixtures.seed003].map(SectionFixtures.seed)
        }
        var random = SplitMix64(seed: 42)
        for runbook in runbooks {
            let controller = PlayerController(runbook: runbook, mode: .drill, logPath: "", theme: .mono, rows: 24, cols: 80)
            var state = SessionState()
            var seq = 0
            let commands = runbook.allCommands
            for step in 0..<600 {
                if step % 97 == 0 {
                    controller.resize(rows: Int.random(in: 0...60, using: &random), cols: Int.random(in: 0...200, using: &random))
                }
                if step % 13 == 0, let command = commands.randomElement(using: &random) {
                    seq += 1
                    let id = Session.commandID(command)
                    if state.runningCommandID == nil {
                        state.apply(TimedEvent(seq: seq, mono: Double(seq), event: .commandStart(CommandStart(
                            commandID: id, sectionID: nil, line: command.line, label: nil, text: command.text))))
                        controller.update(state: state)
                        controller.commandStarted(id)
                    } else if let running = state.runningCommandID {
                        state.apply(TimedEvent(seq: seq, mono: Double(seq), event: .commandEnd(CommandEnd(
                            commandID: running, exitCode: Int32.random(in: 0...2, using: &random), signal: nil, durationSeconds: 1))))
                        controller.update(state: state)
                    }
                }
                if let running = state.runningCommandID, step % 3 == 0 {
                    let bytes = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                    controller.output(bytes, commandID: running)
                }
                let key = Self.keys.randomElement(using: &random)!
                for intent in controller.handle(key) {
                    // Play the loop's part for the intents that change the state.
                    seq += 1
                    switch intent {
                    case .toggleCheck(let item, _):
                        let id = Session.itemID(item)
                        state.apply(TimedEvent(seq: seq, mono: Double(seq), event: state.checked.contains(id)
                            ? .uncheck(itemID: id) : .check(itemID: id, text: item.text)))
                    case .enterSection(let id, let title):
                        state.apply(TimedEvent(seq: seq, mono: Double(seq), event: .sectionEnter(sectionID: id, title: title)))
                    default:
                        break
                    }
                    controller.update(state: state)
                }
                let grid = controller.render(clock: ClockReading(incident: Double(step)), now: Double(seq))
                #expect(grid.rows == controller.layout.rows && grid.cols == controller.layout.cols)
            }
        }
    }
}
