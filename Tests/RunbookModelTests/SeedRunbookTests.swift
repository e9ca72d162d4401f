import Foundation
import Testing
@testable import RunbookModel

/// The real runbooks in ../shared/seeds, read unedited. Skipped when the folder is absent.
enum Seeds {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/seeds")
    static let present = FileManager.default.fileExists(atPath: folder.appendingPathComponent("001_e20487285c8cb3df.txt").path)

    static func load(_ name: String) throws -> Runbook {
        try RunbookParser.load(path: folder.appendingPathComponent(name).path)
    }
}

@Suite("Seed 001: rollback procedures by platform", .enabled(if: Seeds.present, "../shared/seeds is absent"))
struct Seed001Tests {
    let runbook: Runbook
    init() throws { runbook = try Seeds.load("001_e20487285c8cb3df.txt") }

    @Test func stats() {
        let stats = RunbookStats(runbook)
        #expect(stats.sections == 24)
        #expect(stats.commands == 35)
        #expect(stats.runnableBlocks == 11)
        #expect(stats.scripts == 1)
        #expect(stats.checklistItems == 16)
        #expect(stats.templates == 5)
        #expect(stats.tables == 3)
        #expect(stats.decisionTables == 3)
        #expect(stats.budgets == 3)
        #expect(stats.dangerousCommands == 4)
        #expect(stats.placeholders == ["SERVICE", "CLUSTER", "PREVIOUS_REVISION", "DATABASE"])
        #expect(stats.alternativeGroups == 1)
        #expect(stats.manualSteps == 5)
    }

    @Test func titleAndPlatformAlternatives() {
        #expect(runbook.title == "Rollback Procedures")
        let platforms = runbook.sections[1]
        #expect(platforms.title == "Rollback Procedures by Platform")
        #expect(runbook.alternativeGroups == [AlternativeGroup(
            parentID: "2", sectionIDs: ["2.1", "2.2", "2.3", "2.4", "2.5"], reason: .platforms)])
        #expect(platforms.children.map(\.title) == ["Kubernetes", "Docker Compose", "AWS ECS", "Blue-Green", "Canary"])
    }

    @Test func labelledKubernetesCommands() {
        let kubernetes = runbook.sections[1].children[0].commands
        #expect(kubernetes.count == 7)
        #expect(kubernetes[0].text == "kubectl get deployment $SERVICE -o wide")
        #expect(kubernetes[0].label == "1. Check current state")
        #expect(kubernetes[1].label == "1. Check current state")
        #expect(kubernetes[0].line == 39)
        #expect(kubernetes[6].text == "curl -s https://api.example.com/health")
        #expect(kubernetes[6].label == "5. Verify service responding")
    }

    @Test func continuationAndMultiLineQuoteStayWhole() {
        let ecs = runbook.sections[1].children[2].commands
        #expect(ecs[2].text == "aws ecs update-service \\\n  --cluster $CLUSTER \\\n  --service $SERVICE \\\n  --task-definition $SERVICE:$PREVIOUS_REVISION")
        #expect(ecs[2].line == 102)
        #expect(ecs[2].endLine == 105)
        let canary = runbook.sections[1].children[4].commands
        #expect(canary[0].label == "1. Set canary weight to 0")
        #expect(canary[0].text.hasPrefix("kubectl patch virtualservice $SERVICE --type merge -p '\nspec:"))
        #expect(canary[0].text.hasSuffix("weight: 0\n'"))
        #expect(canary[0].endLine - canary[0].line == 12)
        #expect(canary[1].dangers.map(\.pattern).contains { $0.contains("replicas") })
    }

    @Test func scriptRunsWhole() {
        let automation = runbook.sections[5].children[0]
        guard case .code(let script) = automation.blocks.first(where: { if case .code = $0 { true } else { false } }) else {
            Issue.record("no script block"); return
        }
        #expect(script.isScript)
        #expect(script.commands.count == 1)
        #expect(script.commands[0].label == "rollback.sh")
        #expect(script.commands[0].placeholders.isEmpty)
        #expect(script.commands[0].text.contains("slack-notify \"#incidents\" \"⚠️ Rollback complete but service unhealthy\""))
    }

    @Test func dataCorruptionDangersAndMarkdownChecklist() {
        let corruption = runbook.sections[2].children[2].commands
        #expect(corruption.filter(\.isDangerous).map(\.line) == [188, 194])
        let checklist = runbook.sections[4].blocks.flatMap(\.checklistItems)
        #expect(checklist.count == 16)
        #expect(checklist.first?.text == "Service health verified")
        #expect(checklist.first?.line == 255)
    }

    @Test func mojibakeInTemplatesIsRepaired() {
        let template = runbook.sections[3].children[0].blocks.compactMap { block -> String? in
            if case .code(let code) = block { return code.body }
            return nil
        }.first
        #expect(template?.hasPrefix("## 🚨 Rollback in Progress") == true)
        #expect(template?.contains("1.2.3 → 1.2.2") == true)
        #expect(runbook.diagnostics.contains { $0.message.hasPrefix("repaired 6 ") })
    }
}

@Suite("Seed 003: rollback release task", .enabled(if: Seeds.present, "../shared/seeds is absent"))
struct Seed003Tests {
    let runbook: Runbook
    init() throws { runbook = try Seeds.load("003_35ec17c389957b8f.txt") }

    @Test func stats() {
        let stats = RunbookStats(runbook)
        #expect(stats.sections == 46)
        #expect(stats.commands == 39)
        #expect(stats.checklistItems == 49)
        #expect(stats.templates == 8)
        #expect(stats.tables == 0)
        #expect(stats.budgets == 12)
        #expect(stats.countdowns == 1)
        #expect(stats.dangerousCommands == 15)
        #expect(stats.placeholders == ["TG_ARN", "BLUE_TARGET"])
        #expect(stats.alternativeGroups == 1)
        #expect(stats.fillIns == 5)
    }

    @Test func metadataAndRunbookBudget() {
        #expect(runbook.title == "Task: Rollback Release")
        #expect(runbook.metadataValue("Agent") == "Deployment Coordinator")
        #expect(runbook.metadataValue("Release Management Phase") == "Emergency Response")
        #expect(runbook.budget?.minSeconds == 300)
        #expect(runbook.budget?.maxSeconds == 7200)
    }

    @Test func phasesHaveBudgetsAndOptionsAreAlternatives() {
        let process = runbook.sections[3]
        #expect(process.title == "Step-by-Step Process")
        let phase1 = process.children[0]
        #expect(phase1.title == "Phase 1: Decision and Communication (2-5 minutes)")
        #expect(phase1.budget.map { [$0.minSeconds, $0.maxSeconds] } == [120, 300])
        let phase2 = process.children[1]
        #expect(runbook.alternativeGroups == [AlternativeGroup(
            parentID: phase2.id, sectionIDs: phase2.children.map(\.id), reason: .optionLabels)])
        #expect(phase2.children.count == 5)
        #expect(phase2.children[2].budget.map { [$0.minSeconds, $0.maxSeconds] } == [600, 1800])
        let errorRate = process.children[3].children[1]
        #expect(errorRate.countdowns.map(\.maxSeconds) == [600])
    }

    @Test func blueGreenCommandsLabelsAndNotes() {
        let optionA = runbook.sections[3].children[1].children[0].commands
        #expect(optionA.map(\.line) == [126, 129, 133, 137, 138])
        #expect(optionA[0].label == "Step 1: Switch traffic back to Blue (old version)")
        #expect(optionA[1].label == "or with load balancer")
        #expect(optionA[2].note == "Should return old version number")
        #expect(optionA[1].placeholders.map(\.name) == ["TG_ARN", "BLUE_TARGET"])
    }

    @Test func databaseRestoreIsDangerousWithReasons() {
        let phase3 = runbook.sections[3].children[2]
        #expect(phase3.warning?.contains("DANGEROUS") == true)
        let restore = phase3.children[2].commands
        let dropdb = restore.first { $0.text == "dropdb production_db" }
        #expect(dropdb?.line == 340)
        #expect(dropdb?.dangers.contains { $0.pattern != "section warning" } == true)
        #expect(restore.allSatisfy { $0.isDangerous })
    }

    @Test func proseBlocksAreTemplatesAndHeadingsAreRepaired() {
        #expect(runbook.sections[2].title == "⚠️ CRITICAL: When to Rollback")
        let declare = runbook.sections[3].children[0].children[2]
        guard case .code(let announcement) = declare.blocks.first(where: { if case .code = $0 { true } else { false } }) else {
            Issue.record("no announcement"); return
        }
        #expect(announcement.role == .template)
        #expect(announcement.body.hasPrefix("🚨 INCIDENT: Initiating rollback of v2.1.0"))
        let severity = runbook.sections[3].children[0].children[0].blocks.flatMap(\.checklistItems)
        #expect(severity.first?.fillIns.first == FillInField(label: "Error rate", unit: "%", choices: []))
    }
}
