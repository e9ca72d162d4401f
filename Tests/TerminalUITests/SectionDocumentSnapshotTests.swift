import Foundation
import RunbookModel
import SessionEngine
import Testing
@testable import TerminalUI

/// The section pane's text drawn from real runbooks, compared with Snapshots/section/*.txt.
/// Record or refresh with `UPDATE_SNAPSHOTS=1 swift test --filter SectionDocument`.
@Suite("SectionDocument snapshots")
struct SectionDocumentSnapshotTests {
    static let widths = [40, 80, 120]

    func check(
        _ runbook: Runbook, _ sectionID: String?, name: String, state: SessionState = SessionState(),
        widths: [Int] = widths
    ) throws {
        for width in widths {
            let document = SectionDocument(runbook: runbook, sectionID: sectionID, width: width, state: state)
            let lines = SectionFixtures.draw(document, width: width).lines
            for line in document.lines { #expect(line.width <= width, "\(name) w\(width): \(line.text)") }
            if let failure = try SectionFixtures.compare(lines, snapshot: "\(name)-w\(width)") {
                Issue.record(Comment(rawValue: failure))
            }
        }
    }

    @Test("seed 001: decision tables, platform commands, templates, checklist template",
          .enabled(if: SectionFixtures.seedsPresent, "../shared/seeds is absent"))
    func seed001() throws {
        let runbook = try SectionFixtures.seed(SectionFixtures.seed001)
        try check(runbook, "1", name: "seed001-1-decision-framework")
        try check(runbook, "2", name: "seed001-2-platforms")
        try check(runbook, "3", name: "seed001-3-database")
        try check(runbook, "4", name: "seed001-4-communication")
        try check(runbook, "5", name: "seed001-5-checklist")
        try check(runbook, "6", name: "seed001-6-automation")
    }

    @Test("seed 003: title page, fill-in checklists, rollback options, database danger, console table",
          .enabled(if: SectionFixtures.seedsPresent, "../shared/seeds is absent"))
    func seed003() throws {
        let runbook = try SectionFixtures.seed(SectionFixtures.seed003)
        try check(runbook, nil, name: "seed003-title")
        try check(runbook, "2", name: "seed003-2-prerequisites")
        try check(runbook, "3", name: "seed003-3-when-to-rollback")
        try check(runbook, "5", name: "seed003-5-expected-outputs")
        try check(runbook, "7", name: "seed003-7-success-indicators")
        try check(runbook, "10", name: "seed003-10-next-tasks")
        let step = try #require(runbook.sections.first { $0.title.hasPrefix("Step-by-Step") })
        for child in step.children {
            let slug = child.title.prefix(while: { $0 != ":" }).lowercased().replacingOccurrences(of: " ", with: "")
            try check(runbook, child.id, name: "seed003-\(child.id)-\(slug)")
        }
    }

    @Test("demo playbook: title page and every phase, with a session under way")
    func demo() throws {
        let runbook = try SectionFixtures.playbook("demo.md")
        try check(runbook, nil, name: "demo-title")
        let commands = runbook.allCommands
        let items = runbook.allSections.flatMap { $0.blocks.flatMap(\.checklistItems) }
        let state = SectionFixtures.state(
            ran: [(commands[0], 0, 0.04), (commands[1], 0, 1.23), (commands[6], 1, 0.4)], running: commands[7],
            checked: [items[0], items[3]])
        for section in runbook.sections {
            let slug = section.title.prefix(while: { $0 != ":" }).lowercased().replacingOccurrences(of: " ", with: "")
            try check(runbook, section.id, name: "demo-\(section.id)-\(slug)", state: state)
        }
    }

    @Test("the other playbooks at 80 columns", arguments: ["k8s-deploy-rollback.md", "postgres-restore.md"])
    func playbooks(name: String) throws {
        let runbook = try SectionFixtures.playbook(name)
        let stem = name.replacingOccurrences(of: ".md", with: "")
        try check(runbook, nil, name: "\(stem)-title", widths: [80])
        for section in runbook.sections {
            try check(runbook, section.id, name: "\(stem)-\(section.id)", widths: [80])
        }
    }
}
