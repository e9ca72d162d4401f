import Foundation
import Testing
@testable import RunbookModel

/// The project's own playbooks: the primary fixtures. Their numbers are pinned so a parser change
/// that moves them is noticed.
enum Playbooks {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("playbooks")

    static func load(_ name: String) throws -> Runbook {
        try RunbookParser.load(path: folder.appendingPathComponent(name).path)
    }
}

@Suite("Project playbooks")
struct PlaybookTests {
    @Test func demo() throws {
        let runbook = try Playbooks.load("demo.md")
        let stats = RunbookStats(runbook)
        #expect(runbook.title == "Demo: Roll Back a Bad Deploy of tinyapi")
        #expect(runbook.metadataValue("owner") == "sre-oncall")
        #expect(runbook.budget.map { [$0.minSeconds, $0.maxSeconds] } == [600, 900])
        #expect(stats.sections == 14)
        #expect(stats.commands == 25)
        #expect(stats.runnableBlocks == 12)
        #expect(stats.scripts == 1)
        #expect(stats.checklistItems == 14)
        #expect(stats.templates == 3)
        #expect(stats.decisionTables == 1)
        #expect(stats.budgets == 12)
        #expect(stats.countdowns == 1)
        #expect(stats.dangerousCommands == 1)
        #expect(stats.placeholders == ["INCIDENT_ID", "reason"])
        #expect(stats.alternativeGroups == 1)
        let dangerous = runbook.allCommands.filter(\.isDangerous)
        #expect(dangerous.map(\.text) == ["rm -rf \"${DEMO_DIR:?}/releases/v2.1.0\""])
        #expect(dangerous.first?.line == 256)
        #expect(runbook.allCommands.first?.text == "export DEMO_DIR=\"${DEMO_DIR:-$(mktemp -d /tmp/runbook-demo.XXXXXX)}\"")
        let fenced = runbook.allSections.flatMap(\.blocks).compactMap { block -> CodeBlock? in
            if case .code(let code) = block, code.fence.name != nil { return code }
            return nil
        }
        #expect(fenced.map(\.fence.name) == ["watch-errors", "hung-health-check"])
        #expect(fenced[0].fence.background)
        #expect(fenced[1].fence.excludeFromRunAll)
    }

    @Test func kubernetesRollback() throws {
        let runbook = try Playbooks.load("k8s-deploy-rollback.md")
        let stats = RunbookStats(runbook)
        #expect(stats.sections == 12)
        #expect(stats.commands == 24)
        #expect(stats.checklistItems == 14)
        #expect(stats.templates == 2)
        #expect(stats.decisionTables == 1)
        #expect(stats.budgets == 10)
        #expect(stats.placeholders == ["NAMESPACE", "DEPLOYMENT", "revision"])
        #expect(runbook.alternativeGroups.map(\.reason) == [.viaLabels])
        #expect(runbook.alternativeGroups.first?.sectionIDs.count == 3)
        let scaleToZero = runbook.allCommands.first { $0.line == 193 }
        #expect(scaleToZero?.dangers.map(\.reason).first == "scales to zero replicas")
    }

    @Test func postgresRestore() throws {
        let runbook = try Playbooks.load("postgres-restore.md")
        let stats = RunbookStats(runbook)
        #expect(stats.sections == 12)
        #expect(stats.commands == 23)
        #expect(stats.checklistItems == 15)
        #expect(stats.tables == 2)
        #expect(stats.decisionTables == 1)
        #expect(stats.dangerousCommands == 3)
        #expect(stats.placeholders == ["PGHOST", "PGDATABASE", "backup-id", "target-time"])
        let verify = runbook.allSections.flatMap(\.blocks).compactMap { block -> CodeBlock? in
            if case .code(let code) = block, code.fence.name == "verify-restore" { return code }
            return nil
        }
        #expect(verify.count == 1)
        #expect(verify.first?.commands.allSatisfy { $0.fence.excludeFromRunAll } == true)
        let rto = runbook.allSections.flatMap(\.blocks).compactMap { block -> Table? in
            if case .table(let table) = block, !table.isDecision { return table }
            return nil
        }.first
        #expect(rto?.budgets.contains { $0.budget.maxSeconds == 900 && $0.budget.kind == .limit } == true)
    }
}
