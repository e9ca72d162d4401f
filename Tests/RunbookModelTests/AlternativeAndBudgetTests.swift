import Testing
@testable import RunbookModel

@Suite("Alternatives and budgets on sections")
struct AlternativeAndBudgetTests {
    @Test func optionLabelsGroupSiblings() {
        let runbook = RunbookParser.parse("""
            ## Phase 2: Execute
            ### Option A: Blue-Green (1-5 minutes)
            ### Option B: Feature flag
            ### Option C: Rolling
            ## Phase 3
            """)
        #expect(runbook.alternativeGroups == [
            AlternativeGroup(parentID: "1", sectionIDs: ["1.1", "1.2", "1.3"], reason: .optionLabels),
        ])
    }

    @Test func platformListsAndViaLabelsGroup() {
        let runbook = RunbookParser.parse("""
            ## Rollback by Platform
            ### Kubernetes
            ### Docker Compose
            ### AWS ECS
            ## Deploy
            ### Via ArgoCD
            ### Via Helm
            ## Notes
            ### Background
            ### Contacts
            """)
        #expect(runbook.alternativeGroups.map(\.reason) == [.platforms, .viaLabels])
        #expect(runbook.alternativeGroups[0].sectionIDs == ["1.1", "1.2", "1.3"])
        #expect(runbook.alternativeGroups[1].sectionIDs == ["2.1", "2.2"])
    }

    @Test func chooserParentGroupsItsChildren() {
        let runbook = RunbookParser.parse("""
            ## Recovery
            Choose one method based on what failed:
            ### Restart the pods
            ### Restore the volume
            """)
        #expect(runbook.alternativeGroups.map(\.reason) == [.chooserParent])
    }

    @Test func singleOptionIsNotAGroup() {
        #expect(RunbookParser.parse("## P\n### Option A: only\n### Notes\n").alternativeGroups.isEmpty)
    }

    @Test func sectionBudgetsComeFromHeadingsThenLabelledLines() {
        let runbook = RunbookParser.parse("""
            ## Phase 1: Decision and Communication (2-5 minutes)
            ## Option A
            **Rollback Time**: 1-2 minutes
            ## Phase 4: Verification
            Monitor for 5-10 minutes:
            """)
        let sections = runbook.sections
        #expect(sections[0].budget?.minSeconds == 120)
        #expect(sections[0].budget?.maxSeconds == 300)
        #expect(sections[1].budget?.maxSeconds == 120)
        #expect(sections[2].budget == nil)
        #expect(sections[2].countdowns.map(\.maxSeconds) == [600])
        #expect(RunbookStats(runbook).budgets == 3)
    }
}
