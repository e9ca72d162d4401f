import Foundation
import RunbookModel
import SessionEngine
import Testing
@testable import TerminalUI

/// A small runbook with one of everything the section pane draws.
private let sample = """
# Restore Orders DB

**Severity:** SEV1

Intro line.

## 1. Restore (2-5 minutes)

Check the **backup** with `pg_restore` first, see [docs](https://x).

- [ ] Backup located
- [x] Team paged
  - [ ] Nested task

```bash
# 1. Inspect
kubectl get deployment $SERVICE -o wide
kubectl rollout history deployment/$SERVICE

# 2. Drop it
dropdb orders_db
```

```bash
curl -s https://api.example.com/health
```

| Condition | Action |
|-----------|--------|
| Error rate > 5% | Roll back now |
| Error rate < 1% | Keep watching |

### 1.1 Tell people

```markdown
## Checklist
- [ ] Status page updated
- [ ] Channel told
```

```
Reason: [Specific issue]
```
"""

private func document(
    _ text: String = sample, section: String? = "1", width: Int = 80, state: SessionState = SessionState()
) -> SectionDocument {
    SectionDocument(runbook: RunbookParser.parse(text), sectionID: section, width: width, state: state)
}

@Suite("SectionDocument wrapping")
struct SectionDocumentWrappingTests {
    @Test("wide characters take two columns and are never split")
    func wideCharacters() {
        let text = String(repeating: "漢字🚨", count: 10)
        for width in 2...12 {
            let lines = TextWrapper.wrap([StyledSpan(text, .prose)], mode: .prose, width: width)
            #expect(lines.map(\.text).joined() == text)
            for line in lines { #expect(line.width <= width && line.width == line.text.displayWidth) }
        }
        let lines = TextWrapper.wrap([StyledSpan("ab漢字", .prose)], mode: .prose, width: 3)
        #expect(lines.map(\.text) == ["ab", "漢", "字"])
    }

    @Test("words wrap at spaces; a word longer than the line is cut at the column")
    func longWords() {
        let lines = TextWrapper.wrap([StyledSpan("see https://example.com/a/very/long/path ok", .prose)], mode: .prose, width: 12)
        #expect(lines.map(\.text) == ["see https://", "example.com/", "a/very/long/", "path ok"])
        let short = TextWrapper.wrap([StyledSpan("one two three", .prose)], mode: .prose, width: 8)
        #expect(short.map(\.text) == ["one two", "three"])
    }

    @Test("prose collapses blanks and keeps line breaks; verbatim keeps indentation")
    func modes() {
        let prose = TextWrapper.wrap([StyledSpan("a   b\nc", .prose)], mode: .prose, width: 20)
        #expect(prose.map(\.text) == ["a b", "c"])
        let code = TextWrapper.wrap(
            [StyledSpan("if x; then\n    echo one two three four\nfi", .command)], mode: .verbatim, width: 16)
        #expect(code.map(\.text) == ["if x; then", "    echo one two", "    three four", "fi"])
    }

    @Test("inline styles keep their roles across a wrap")
    func styles() {
        let runs = [TextRun("Run "), TextRun("pg_restore", style: .code), TextRun(" now", style: .strong)]
        let lines = TextWrapper.wrap(InlineSpans.spans(runs), mode: .prose, width: 14)
        #expect(lines.map(\.spans) == [
            [StyledSpan("Run ", .prose), StyledSpan("pg_restore", .code)],
            [StyledSpan("now", .strong)],
        ])
    }

    @Test("source-wrapped prose reflows; short lines and **Key:** lines stay")
    func paragraphBreaks() {
        let long = String(repeating: "word ", count: 14) + "end"
        let spans = ParagraphBreaks.reflow([StyledSpan(long + "\nmore text\nshort\n", .prose), StyledSpan("Key:", .strong)])
        #expect(spans.map(\.text).joined() == long + " more text\nshort\nKey:")
    }

    @Test("placeholders in a command get the placeholder role")
    func placeholders() {
        let spans = InlineSpans.command(
            "kubectl get $SERVICE $SERVICES ${SERVICE:-x} <rev> [id]",
            placeholders: [Placeholder(name: "SERVICE", syntax: .variable), Placeholder(name: "rev", syntax: .angle),
                           Placeholder(name: "id", syntax: .square)])
        #expect(spans.filter { $0.role == .placeholder }.map(\.text) == ["$SERVICE", "${SERVICE:-x}", "<rev>", "[id]"])
        #expect(spans.map(\.text).joined() == "kubectl get $SERVICE $SERVICES ${SERVICE:-x} <rev> [id]")
    }
}

@Suite("SectionDocument layout")
struct SectionDocumentLayoutTests {
    @Test("items in document order with their lines")
    func itemsAndLines() throws {
        let doc = document()
        let kinds = doc.items.map { item -> String in
            switch item {
            case .block(_, let commands, _): "block \(commands.count)"
            case .command(_, let command): "command " + command.text.prefix(12)
            case .checkItem(_, let item): "check " + item.text
            }
        }
        #expect(kinds == [
            "check Backup located", "check Team paged", "check Nested task",
            "block 3", "command kubectl get ", "command kubectl roll", "command dropdb order",
            "command curl -s http",
            "check Status page updated", "check Channel told",
        ])
        #expect(doc.items.map(\.sectionID) == Array(repeating: "1", count: 8) + ["1.1", "1.1"])
        #expect(doc.itemLines.count == doc.items.count)
        var previous = 0
        for range in doc.itemLines {
            #expect(!range.isEmpty && range.lowerBound >= previous && range.upperBound <= doc.lines.count)
            previous = range.upperBound
        }
        let first = doc.lines[doc.itemLines[0].lowerBound].text
        #expect(first == "[ ] Backup located")
        let nested = doc.lines[doc.itemLines[2].lowerBound].text
        #expect(nested == "  [ ] Nested task")
        let header = doc.lines[doc.itemLines[3].lowerBound].text
        #expect(header == "  ▸ 3 commands · bash  Enter runs all")
        #expect(doc.lines[doc.itemLines[4].lowerBound].text == "  ○ kubectl get deployment $SERVICE -o wide")
        #expect(doc.lines[doc.itemLines[4].lowerBound - 1].text == "    # 1. Inspect")
    }

    @Test("heading with budget, sub-section heading, inline roles")
    func headingsAndProse() {
        let doc = document()
        #expect(doc.lines[0].text == "1. Restore (2-5 minutes)")
        #expect(doc.lines.contains { $0.text == "1.1 Tell people" })
        let prose = doc.lines.first { $0.text.hasPrefix("Check the") }!
        #expect(prose.spans.contains(StyledSpan("backup", .strong)))
        #expect(prose.spans.contains(StyledSpan("pg_restore", .code)))
        #expect(prose.spans.contains(StyledSpan("docs", .link)))
        let budget = document("# T\n## Verify the backup\nEstimated Time: 2-5 minutes\n", section: "1")
        #expect(budget.lines[0].text == "1 Verify the backup  ⏱ 2m–5m")
        #expect(budget.lines[0].spans.last?.role == .budget)
    }

    @Test("checkboxes follow the session, not the [x] in the file")
    func checklistState() throws {
        let runbook = RunbookParser.parse(sample)
        let unticked = document()
        #expect(unticked.lines.contains { $0.text == "[ ] Team paged" })
        guard case .checkItem(_, let backup) = unticked.items[0], case .checkItem(_, let status) = unticked.items[8] else {
            Issue.record("expected check items")
            return
        }
        var state = SessionState()
        state.checked = [Session.itemID(backup), Session.itemID(status)]
        let ticked = SectionDocument(runbook: runbook, sectionID: "1", width: 80, state: state)
        #expect(ticked.lines[ticked.itemLines[0].lowerBound].text == "[x] Backup located")
        #expect(ticked.lines[ticked.itemLines[0].lowerBound].spans.first == StyledSpan("[x] ", .checked))
        // Inside the template's box.
        #expect(ticked.lines[ticked.itemLines[8].lowerBound].text.hasPrefix("  │ [x] Status page updated"))
        #expect(ticked.lines[ticked.itemLines[9].lowerBound].text.hasPrefix("  │ [ ] Channel told"))
    }

    @Test("command status glyphs, durations and exit codes from the session")
    func commandStatus() throws {
        let runbook = RunbookParser.parse(sample)
        let commands = runbook.allCommands
        var state = SectionFixtures.state(ran: [(commands[0], 0, 1.23), (commands[1], 3, 0.4)], running: commands[3])
        var interrupted = CommandRecord(id: Session.commandID(commands[2]))
        interrupted.status = .interrupted
        interrupted.duration = 75
        state.commands[interrupted.id] = interrupted
        let doc = SectionDocument(runbook: runbook, sectionID: "1", width: 80, state: state)
        let text = doc.lines.map(\.text)
        #expect(text.contains("  ✓ kubectl get deployment $SERVICE -o wide  1.2s"))
        #expect(text.contains("  ✗ kubectl rollout history deployment/$SERVICE  exit 3 · 0.4s"))
        #expect(text.contains("  ! dropdb orders_db  interrupted · 1m15s"))
        #expect(text.contains("  ▶ curl -s https://api.example.com/health  running…"))
        #expect(text.contains("  ▸ 3 commands · bash · 1 done · 2 failed  Enter runs all"))
        let done = try #require(doc.lines.first { $0.text.hasPrefix("  ✓") })
        #expect(done.spans.first { $0.text == "✓" }?.role == ProgressStatus.done.role)
        #expect(done.spans.last == StyledSpan("  1.2s", .muted))
    }

    @Test("a dangerous command is drawn in the danger role with its reason")
    func danger() throws {
        let doc = document()
        let index = try #require(doc.items.firstIndex { if case .command(_, let c) = $0 { c.text.hasPrefix("dropdb") } else { false } })
        let lines = Array(doc.lines[doc.itemLines[index]])
        #expect(lines.map(\.text) == ["  ○ dropdb orders_db", "    ⚠ dangerous: drops a database (dropdb)"])
        #expect(lines[0].spans.last?.role == .danger)
        #expect(lines[1].spans.last?.role == .danger)
    }

    @Test("a section warning is shown once, under the selected section's heading")
    func sectionWarning() {
        let text = "# T\n## Drop\n\n⚠️ **DANGEROUS - Only if desperate**\n\n### Sub\n\n```bash\ndropdb x\n```\n"
        let parent = document(text, section: "1")
        #expect(parent.lines.filter { $0.text.contains("DANGEROUS") }.count == 1)
        let child = document(text, section: "1.1")
        #expect(child.lines[2].text == "⚠ DANGEROUS - Only if desperate")
        #expect(child.lines[2].spans.first?.role == .danger)
    }

    @Test("tables: aligned grid, bold header, decision tag, shrunk and wrapped when narrow")
    func tables() {
        let wide = document(width: 80).lines.map(\.text)
        let top = wide.firstIndex { $0.hasPrefix("┌") }!
        #expect(wide[top - 1].hasPrefix("◆ decision"))
        #expect(Array(wide[top...(top + 5)]) == [
            "┌─────────────────┬───────────────┐",
            "│ Condition       │ Action        │",
            "├─────────────────┼───────────────┤",
            "│ Error rate > 5% │ Roll back now │",
            "│ Error rate < 1% │ Keep watching │",
            "└─────────────────┴───────────────┘",
        ])
        let header = document(width: 80).lines[top + 1]
        #expect(header.spans.contains(StyledSpan("Condition", .tableHeader)))
        let narrow = document(width: 26).lines.map(\.text)
        let start = narrow.firstIndex { $0.hasPrefix("┌") }!
        for line in narrow[start...(start + 6)] { #expect(line.displayWidth <= 26) }
        #expect(Array(narrow[start...(start + 4)]) == [
            "┌───────────┬────────────┐",
            "│ Condition │ Action     │",
            "├───────────┼────────────┤",
            "│ Error     │ Roll back  │",
            "│ rate > 5% │ now        │",
        ])
        var widths = [30, 10, 4]
        SectionLayout.shrink(&widths, toFit: 30)
        #expect(widths == [16, 10, 4])
    }

    @Test("a table too narrow for a grid becomes records")
    func tableRecords() {
        let text = "# T\n## S\n\n| A | B | C | D |\n|---|---|---|---|\n| one | two | three | four |\n"
        let lines = document(text, width: 20).lines.map(\.text)
        #expect(lines.suffix(4) == ["• one", "  B: two", "  C: three", "  D: four"])
    }

    @Test("templates are boxed and not selectable; fill-ins highlighted")
    func templates() throws {
        let doc = document()
        let lines = doc.lines.map(\.text)
        let top = try #require(lines.lastIndex { $0.hasPrefix("  ┌─ text") })
        #expect(lines[top + 1] == "  │ Reason: [Specific issue] │")
        #expect(lines[top + 2] == "  └──────────────────────────┘")
        #expect(doc.lines[top + 1].spans.contains(StyledSpan("[Specific issue]", .placeholder)))
        #expect(doc.item(atLine: top + 1) == nil)
    }

    @Test("alternative sub-sections are named under the parent; symbol-led lines hang")
    func alternativesAndHangingIndent() {
        let text = "# T\n## Restore\n\n### Option A: Dump (5 minutes)\n\nx\n\n### Option B: PITR\n\ny\n"
        let doc = document(text, section: "1", width: 40)
        #expect(doc.lines[2].text == "◇ Follow one of: 1.1 Option A: Dump ·")
        #expect(doc.lines[3].text == "  1.2 Option B: PITR")
        let arrows = document("# T\n## S\n\n→ first thing to do when it breaks\n→ second\n", section: "1", width: 20)
        #expect(arrows.lines.map(\.text) == ["1 S", "", "→ first thing to do", "  when it breaks", "→ second"])
    }

    @Test("the title page: title, front matter, preamble")
    func titlePage() {
        let doc = document("---\nowner: sre\n---\n# Big Title\n\nSome intro.\n\n## S\n\nx\n", section: nil)
        #expect(doc.lines.map(\.text) == ["Big Title", "", "owner: sre", "", "Some intro."])
        #expect(document(section: "9.9").lines.map(\.text) == ["No section 9.9 in this runbook."])
    }

    @Test("every width from 1 to 130 lays out every runbook within the width")
    func allWidths() throws {
        var runbooks = [RunbookParser.parse(sample)]
        for name in ["demo.md", "k8s-deploy-rollback.md", "postgres-restore.md"] {
            runbooks.append(try SectionFixtures.playbook(name))
        }
        if SectionFixtures.seedsPresent {
            runbooks.append(try SectionFixtures.seed(SectionFixtures.seed001))
            runbooks.append(try SectionFixtures.seed(SectionFixtures.seed003))
        }
        for runbook in runbooks {
            let ids: [String?] = [nil] + runbook.sections.map(\.id)
            for width in [1, 5, 9, 10, 11, 17, 24, 30, 33, 40, 57, 80, 100, 130] {
                for id in ids {
                    let doc = SectionDocument(runbook: runbook, sectionID: id, width: width, state: SessionState())
                    let limit = max(width, SectionDocument.minimumWidth)
                    for line in doc.lines where line.width > limit || line.width != line.text.displayWidth {
                        Issue.record("\(runbook.title ?? "") \(id ?? "-") w\(width): \(line.text)")
                    }
                    #expect(doc.itemLines.allSatisfy { $0.upperBound <= doc.lines.count })
                    var grid = CellGrid(rows: 8, cols: width)
                    doc.render(into: &grid, rect: grid.bounds, scroll: 0, selectedItem: 0, focused: true, theme: .standard)
                }
            }
        }
    }

    @Test("odd input: empty sections, empty blocks, control characters")
    func oddInput() {
        let text = "# T\n## Empty\n## Odd \u{1B}[31m\n\n```bash\n```\n\n```\n\n```\n\n|a|\n|-|\n\n- [ ]\n"
        for id in ["1", "2"] {
            for width in [10, 40] {
                let doc = document(text, section: id, width: width)
                for line in doc.lines { #expect(line.width <= width) }
            }
        }
    }
}

@Suite("SectionDocument navigation and drawing")
struct SectionDocumentNavigationTests {
    @Test("scroll(toShow:) moves as little as possible")
    func scrolling() {
        let doc = document(width: 40)
        let height = 6
        #expect(doc.lines.count > 3 * height)
        for item in doc.items.indices {
            let range = doc.itemLines[item]
            for from in [0, 5, doc.lines.count] {
                let scroll = doc.scroll(toShow: item, from: from, height: height)
                #expect(scroll >= 0 && scroll <= max(0, doc.lines.count - height))
                #expect(range.lowerBound >= scroll && min(range.upperBound, range.lowerBound + height) <= scroll + height)
            }
        }
        // Already visible: unchanged.
        let last = doc.items.count - 1
        let shown = doc.scroll(toShow: last, from: 0, height: doc.lines.count)
        #expect(shown == 0)
        // Down: the item's last line lands on the bottom row.
        let command = 4
        let down = doc.scroll(toShow: command, from: 0, height: height)
        #expect(down == doc.itemLines[command].upperBound - height)
        // Up: the command's label comes into view with it.
        let up = doc.scroll(toShow: command, from: doc.itemLines[command].lowerBound + 1, height: height)
        #expect(up == doc.itemLines[command].lowerBound - 1)
        #expect(doc.scroll(toShow: 99, from: 3, height: height) == 3)
    }

    @Test("search finds items and prose lines, ignoring case")
    func search() {
        let doc = document()
        #expect(doc.item(matching: "ROLLOUT") == 5)
        #expect(doc.item(matching: "inspect") == 4)
        #expect(doc.item(matching: "kubectl", from: 5) == 5)
        #expect(doc.item(matching: "kubectl", from: 6) == nil)
        #expect(doc.item(matching: "kubectl", from: 6, wrapping: true) == 4)
        #expect(doc.item(matching: "") == nil)
        let line = doc.line(matching: "KEEP WATCHING")
        #expect(line.map { doc.lines[$0].text.contains("Keep watching") } == true)
        #expect(doc.line(matching: "check the", from: (line ?? 0) + 1) == nil)
        #expect(doc.line(matching: "check the", from: (line ?? 0) + 1, wrapping: true) != nil)
        #expect(doc.item(atSourceLine: doc.items[6].line) == 6)
    }

    @Test("render draws the visible lines into the rect only, with a selection bar")
    func render() {
        let doc = document(width: 40)
        var grid = CellGrid(rows: 12, cols: 50)
        grid.fill(grid.bounds, style: UIStyle(attributes: .underline))
        let rect = Rect(row: 1, col: 5, rows: 10, cols: 40)
        let item = 3
        let scroll = doc.scroll(toShow: item, from: 0, height: rect.rows)
        doc.render(into: &grid, rect: rect, scroll: scroll, selectedItem: item, focused: true, theme: .standard)
        let row = rect.row + doc.itemLines[item].lowerBound - scroll
        #expect(grid.text(row: row).dropFirst(5).hasPrefix("  ▸ 3 commands"))
        let bar = Theme.standard.style(.selection)
        #expect(grid[row, 5].style.background == bar.background)
        #expect(grid[row, 44].style.background == bar.background)
        #expect(grid[row + 1, 5].style.background != bar.background)
        // Outside the rect nothing changed.
        #expect(grid[0, 0].style.attributes == .underline && grid[row, 4].style.attributes == .underline)
        #expect(grid[row, 45].style.attributes == .underline && grid[11, 10].style.attributes == .underline)
        var unfocused = CellGrid(rows: 12, cols: 50)
        doc.render(into: &unfocused, rect: rect, scroll: scroll, selectedItem: item, focused: false, theme: .standard)
        #expect(unfocused[row, 5].style.attributes.contains(.reverse))
    }

    @Test("the biggest seed lays out quickly", .enabled(if: SectionFixtures.seedsPresent))
    func speed() throws {
        let runbook = try SectionFixtures.seed(SectionFixtures.seed003)
        var best = Duration.seconds(1)
        for _ in 0..<5 {
            let start = ContinuousClock.now
            for id in [nil] + runbook.sections.map(\.id) {
                _ = SectionDocument(runbook: runbook, sectionID: id, width: 100, state: SessionState())
            }
            best = min(best, ContinuousClock.now - start)
        }
        print("SectionDocument: seed 003, every top-level section at width 100: \(best)")
        // Generous for debug builds; a release build takes about a millisecond.
        #expect(best < .milliseconds(500))
    }
}
