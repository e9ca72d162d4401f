import Testing
@testable import RunbookModel

@Suite("Section tree, title and metadata")
struct SectionTreeTests {
    @Test func titleIsFirstH1AndHeadingsNestAtAnyDepth() {
        let runbook = RunbookParser.parse("""
            # Database failover
            Intro text.
            ## Phase 1
            ### Step 1.1
            #### Detail
            ##### Deeper
            ### Step 1.2
            ## Phase 2
            """)
        #expect(runbook.title == "Database failover")
        #expect(runbook.titleLine == 1)
        #expect(runbook.preamble.count == 1)
        #expect(runbook.sections.map(\.title) == ["Phase 1", "Phase 2"])
        let phase1 = runbook.sections[0]
        #expect(phase1.children.map(\.title) == ["Step 1.1", "Step 1.2"])
        #expect(phase1.children[0].children[0].title == "Detail")
        #expect(phase1.children[0].children[0].children[0].title == "Deeper")
        #expect(phase1.children[0].children[0].children[0].id == "1.1.1.1")
        #expect(runbook.allSections.map(\.line) == [3, 4, 5, 6, 7, 8])
    }

    @Test func runbookWithoutH1StartsAtWhateverLevelItUses() {
        let runbook = RunbookParser.parse("### A\ntext\n### B\n#### B.1\n")
        #expect(runbook.title == nil)
        #expect(runbook.sections.map(\.title) == ["A", "B"])
        #expect(runbook.sections[1].children.map(\.title) == ["B.1"])
    }

    @Test func secondH1BecomesATopLevelSection() {
        let runbook = RunbookParser.parse("# Title\n## A\n# Appendix\n## B\n")
        #expect(runbook.title == "Title")
        #expect(runbook.sections.map(\.title) == ["A", "Appendix"])
        #expect(runbook.sections[1].children.map(\.title) == ["B"])
    }

    @Test func boldKeyValueLinesBecomeMetadata() {
        let runbook = RunbookParser.parse("""
            # Rollback
            **Severity:** Critical
            **Estimated Time:** 5-10 minutes
            **Owner**: payments-team
            Not **bold:** in the middle.
            """)
        #expect(runbook.metadata.map(\.key) == ["Severity", "Estimated Time", "Owner"])
        #expect(runbook.metadataValue("severity") == "Critical")
        #expect(runbook.metadataValue("Owner") == "payments-team")
        #expect(runbook.metadata[1].line == 3)
        #expect(runbook.budget?.minSeconds == 300)
        #expect(runbook.budget?.maxSeconds == 600)
    }

    @Test func yamlFrontMatterIsReadAndKeepsLineNumbers() {
        let runbook = RunbookParser.parse("""
            ---
            owner: sre-team
            service: "orders"
            tags:
              - db
            ---
            # Orders rollback
            ## Phase 1
            """)
        #expect(runbook.metadata.map(\.key) == ["owner", "service", "tags"])
        #expect(runbook.metadataValue("service") == "orders")
        #expect(runbook.metadata[0].origin == .frontMatter)
        #expect(runbook.metadata[0].line == 2)
        #expect(runbook.title == "Orders rollback")
        #expect(runbook.titleLine == 7)
        #expect(runbook.sections[0].line == 8)
    }

    @Test func unterminatedFrontMatterIsJustMarkdown() {
        let runbook = RunbookParser.parse("---\nowner: x\n\n# Title\n")
        #expect(runbook.metadata.isEmpty)
        #expect(runbook.title == "Title")
    }

    @Test func headingEmphasisIsRemovedFromTitles() {
        let runbook = RunbookParser.parse("# **Bold** `code` title\n## Phase *one*\n")
        #expect(runbook.title == "Bold code title")
        #expect(runbook.sections[0].title == "Phase one")
    }
}
