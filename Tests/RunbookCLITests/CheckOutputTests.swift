import Foundation
import Testing

@Suite("runbook check: outline and JSON")
struct CheckOutputTests {
    @Test func jsonHasTheStableStatsKeys() throws {
        let result = try BinaryRunner.run(["check", "--json", "playbooks/demo.md"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["title"] as? String == "Demo: Roll Back a Bad Deploy of tinyapi")
        let stats = try #require(object?["stats"] as? [String: Any])
        for key in ["sections", "commands", "checklist_items", "templates", "tables", "decision_tables", "budgets",
                    "dangerous_commands", "placeholders", "alternative_groups"] {
            #expect(stats[key] != nil, "missing stats key \(key)")
        }
        #expect(stats["commands"] as? Int == 25)
        #expect(stats["placeholders"] as? [String] == ["INCIDENT_ID", "reason"])
        let sections = try #require(object?["sections"] as? [[String: Any]])
        #expect(sections.first?["title"] as? String == "Setup: Build the Sandbox (30 seconds)")
        let budget = sections.first?["budget"] as? [String: Any]
        #expect(budget?["max_seconds"] as? Int == 30)
        #expect((sections.first?["commands"] as? [[String: Any]])?.first?["line"] as? Int == 21)
    }

    @Test func outlineShowsTreeBudgetsAndTotals() throws {
        let result = try BinaryRunner.run(["check", "--commands", "playbooks/demo.md"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Demo: Roll Back a Bad Deploy of tinyapi")
        #expect(lines.contains("├─ 2 Phase 1: Triage (2-5 minutes)  [2m–5m]"))
        #expect(lines.contains { $0.hasPrefix("│  │    ! rm -rf") || $0.contains("! rm -rf \"${DEMO_DIR:?}/releases/v2.1.0\"  :256") })
        #expect(lines.contains("placeholders: INCIDENT_ID, reason"))
        #expect(lines.contains { $0.hasPrefix("14 sections, 25 commands in 12 blocks (1 script), 14 checklist items") })
    }
}
