import Testing
@testable import RunbookModel

@Suite("Blocks: lists, checklists, tables, templates")
struct BlockTests {
    private func blocks(_ markdown: String) -> [Block] {
        RunbookParser.parse("## S\n" + markdown).sections[0].blocks
    }

    @Test func taskListsBecomeChecklistsWithNestingAndState() {
        let found = blocks("""
            - [ ] Service health verified
            - [x] Team notified
              - [ ] Slack
              - [X] Status page
            - plain note
            """)
        guard case .list(let list) = found.first else { Issue.record("no list"); return }
        #expect(list.isChecklist)
        #expect(list.items.map(\.text) == ["Service health verified", "Team notified", "Slack", "Status page", "plain note"])
        #expect(list.items.map(\.depth) == [0, 0, 1, 1, 0])
        #expect(list.items.map(\.isTask) == [true, true, true, true, false])
        #expect(list.items.map(\.isChecked) == [false, true, false, true, false])
        #expect(list.items.map(\.line) == [2, 3, 4, 5, 6])
        #expect(found[0].checklistItems.count == 4)
    }

    @Test func fencesInsideListItemsBecomeTheirOwnBlocksInOrder() {
        let found = blocks("""
            1. Scale down:
               ```bash
               kubectl scale deploy app --replicas=0
               ```
            2. Verify:
               ```bash
               kubectl get pods
               ```
            """)
        #expect(found.count == 4)
        guard case .list(let first) = found[0], case .code(let code) = found[1],
              case .list(let second) = found[2], case .code(let verify) = found[3] else {
            Issue.record("unexpected blocks \(found)"); return
        }
        #expect(first.items.map(\.text) == ["Scale down:"])
        #expect(code.role == .runnable)
        #expect(code.commands.map(\.text) == ["kubectl scale deploy app --replicas=0"])
        #expect(code.commands[0].line == 4)
        #expect(second.items.map(\.text) == ["Verify:"])
        #expect(verify.commands.map(\.line) == [8])
    }

    @Test func tablesKeepHeaderRowsAndDetectDecisionTables() {
        let found = blocks("""
            | Condition | Action |
            |-----------|--------|
            | Error rate > 5% | Rollback now |
            | Latency spike | Investigate 5 min |

            | Scenario | Method | RTO |
            |---|---|---|
            | Bad deploy | Blue-green switch | RTO < 5 min |

            | Name | Phone |
            |---|---|
            | Alice | 123 |
            """)
        guard case .table(let decision) = found[0], case .table(let scenario) = found[1],
              case .table(let contacts) = found[2] else { Issue.record("tables"); return }
        #expect(decision.header == ["Condition", "Action"])
        #expect(decision.rows == [["Error rate > 5%", "Rollback now"], ["Latency spike", "Investigate 5 min"]])
        #expect(decision.isDecision)
        #expect(scenario.isDecision)
        #expect(scenario.budgets.map(\.row) == [0])
        #expect(scenario.budgets.first?.budget.maxSeconds == 300)
        #expect(!contacts.isDecision)
    }

    @Test func nonShellFencesAreTemplates() {
        let found = blocks("""
            ```yaml
            summary: "Auto-rollback for {{ $labels.service }}"
            ```

            ```json
            {"service": "$SERVICE"}
            ```

            ```markdown
            ## 🚨 Rollback in progress
            **Service:** orders
            ```
            """)
        #expect(found.count == 3)
        for block in found {
            guard case .code(let code) = block else { Issue.record("not code"); continue }
            #expect(code.role == .template)
            #expect(code.commands.isEmpty)
        }
    }

    @Test func checklistInsideAMarkdownTemplateCanStillBeTicked() {
        let found = blocks("""
            ```markdown
            ## Post-Rollback Checklist

            ### Immediate (< 5 minutes)
            - [ ] Service health verified
            - [ ] Error rate dropping

            ### Long-term
            - [x] Runbook updated
            ```
            """)
        guard case .code(let code) = found.first else { Issue.record("no code"); return }
        #expect(code.role == .template)
        #expect(code.embeddedChecklist.filter(\.isTask).map(\.text) == ["Service health verified", "Error rate dropping", "Runbook updated"])
        #expect(code.embeddedChecklist.filter(\.isTask).map(\.line) == [6, 7, 10])
        #expect(code.embeddedChecklist.filter { !$0.isTask }.map(\.text) == ["Post-Rollback Checklist", "Immediate (< 5 minutes)", "Long-term"])
        #expect(found[0].checklistItems.count == 3)
    }

    @Test func fenceInfoReadsLanguageAndRunmeAttributes() {
        let info = FenceInfo.parse("bash {name=rollback excludeFromRunAll=true interactive=false cwd=\"/srv/app dir\" background}")
        #expect(info.language == "bash")
        #expect(info.name == "rollback")
        #expect(info.excludeFromRunAll)
        #expect(!info.interactive)
        #expect(info.background)
        #expect(info.cwd == "/srv/app dir")
        #expect(FenceInfo.parse("sh { name=x }").name == "x")
        #expect(FenceInfo.parse("Console").isConsole)
        #expect(FenceInfo.parse("").isUntagged)
        #expect(FenceInfo.parse("{name=only-attrs}").language == nil)
        #expect(FenceInfo.parse("bash {unterminated=").attributes["unterminated"] == "")
    }

    @Test func runmeAttributesReachTheCommands() {
        let found = blocks("```bash {name=verify excludeFromRunAll=true}\nkubectl get pods\n```\n")
        guard case .code(let code) = found.first else { Issue.record("no code"); return }
        #expect(code.fence.name == "verify")
        #expect(code.commands.first?.fence.excludeFromRunAll == true)
    }

    @Test func paragraphsKeepStylesAndLines() {
        let found = blocks("Run **this** with `care`.\nSecond line.\n")
        guard case .paragraph(let paragraph) = found.first else { Issue.record("no paragraph"); return }
        #expect(paragraph.line == 2)
        #expect(paragraph.text == "Run this with care.\nSecond line.")
        #expect(paragraph.runs.contains(TextRun("this", style: .strong)))
        #expect(paragraph.runs.contains(TextRun("care", style: .code)))
    }

    @Test func fillInBlanksAreFound() {
        let found = blocks("- [ ] Error rate: ____% (>5% = critical)\n- [ ] Core features broken: Yes/No\n")
        guard case .list(let list) = found.first else { Issue.record("no list"); return }
        #expect(list.items[0].fillIns.first?.label == "Error rate")
        #expect(list.items[0].fillIns.first?.unit == "%")
        #expect(list.items[1].fillIns.first?.choices == ["Yes", "No"])
    }
}
