import Foundation
import IncidentLog
import RunbookModel
import Testing
@testable import SessionEngine

@Suite("Incident report: built from a real session log")
struct IncidentReportTests {
    private let markdown = """
        # Orders rollback
        ## Triage (2-5 minutes)
        ```bash
        printf 'checking\\n'
        ```
        - [ ] Error rate checked
        - [ ] Dashboards open
        ## Option A: roll back
        ```bash
        sh -c 'echo boom; printf "\\033[31mred failure\\033[0m\\n"; exit 3'
        ```
        ```bash
        echo never-run
        ```
        ## Option B: roll forward
        ```bash
        echo forward
        ```
        """

    private func temporaryLog() -> String {
        NSTemporaryDirectory() + "runbook-report-\(UUID().uuidString)/s.jsonl"
    }

    /// A session played for real through `Session`: two sections, a passing and a failing command, a
    /// tick, a note, a plain and a secret variable, a decision, a timer. Returns the log path.
    private func playedSession(end: Bool = true) throws -> String {
        let path = temporaryLog()
        let runbook = RunbookParser.parse(markdown, path: "orders.md")
        var options = Session.Options()
        options.directory = NSTemporaryDirectory()
        options.environment = testEnvironment
        let session = try Session.start(runbook: runbook, source: Array(markdown.utf8), logPath: path, options: options)
        let triage = runbook.sections[0], optionA = runbook.sections[1]
        try session.record(.sectionEnter(sectionID: triage.id, title: triage.title))
        try session.record(.variableSet(name: "SERVICE", value: "orders", secret: false))
        try session.record(.variableSet(name: "DB_PASSWORD", value: "hunter2", secret: true))
        let ok = try session.run(triage.commands[0], sectionID: triage.id, values: PlaceholderValues()) { _ in }
        #expect(ok.succeeded)
        let item = triage.blocks.flatMap(\.checklistItems)[0]
        try session.record(.check(itemID: Session.itemID(item), text: item.text))
        try session.record(.note(text: "Error rate at 12% | spiking"))
        try session.record(.decision(groupID: "choice", choice: "Option A: roll back", rationale: "forward fix not ready"))
        try session.record(.timerStart(timerID: "watch", kind: "countdown", seconds: 300))
        try session.record(.timerStop(timerID: "watch"))
        try session.record(.sectionEnter(sectionID: optionA.id, title: optionA.title))
        let failed = try session.run(optionA.commands[0], sectionID: optionA.id, values: PlaceholderValues()) { _ in }
        #expect(failed.exitCode == 3)
        if end { try session.end(reason: "failed") }
        return path
    }

    @Test func markdownHasTheRealTimelineBudgetsFailuresAndExcerpts() throws {
        let path = try playedSession()
        let report = try IncidentReport.load(path: path)
        let text = MarkdownReportRenderer().render(report)
        let lines = text.split(separator: "\n").map(String.init)

        #expect(lines.first == "# Incident report: Orders rollback")
        #expect(lines.contains("| **Mode** | live (run) |"))
        #expect(lines.contains { $0.hasPrefix("| **Ended** |") && $0.hasSuffix("UTC (failed) |") })
        #expect(lines.contains("| **Resumes** | none |"))
        let failing = try #require(lines.first { $0.contains("Ran L10") })
        #expect(failing.contains("in section 2: **exit 3** after"), "\(failing)")
        #expect(failing.contains("`sh -c 'echo boom; printf \"\\033[31mred failure\\033[0m\\n\"; exit 3'`"))
        #expect(lines.contains { $0.contains("Ran L4 in section 1: exit 0 after") })
        #expect(lines.contains { $0.contains("Entered **1 Triage (2-5 minutes)** — ") && $0.hasSuffix(" of 2m–5m") })
        #expect(lines.contains { $0.contains("Ticked L6: Error rate checked") })
        #expect(lines.contains { $0.contains("Note: Error rate at 12% \\| spiking") })
        #expect(lines.contains { $0.contains("Decision (choice): **Option A: roll back** — forward fix not ready") })
        #expect(lines.contains { $0.contains("Set `SERVICE` = `orders`") })
        #expect(lines.contains { $0.contains("Set `DB_PASSWORD` = •••• (secret)") })
        #expect(lines.contains { $0.contains("Started countdown timer watch for 5m") })
        #expect(lines.contains { $0.contains("Session ended (failed)") })
        #expect(!text.contains("hunter2"))
        // Timeline lines carry the offset and the UTC clock.
        #expect(lines.contains { $0.range(of: #"^- `\+00:0\d` \d\d:\d\d:\d\d — Session started \(run\)$"#, options: .regularExpression) != nil })

        // Tables.
        #expect(lines.contains("| Line | Section | Command | Result | Duration | Output | Runs |"))
        #expect(lines.contains { $0.hasPrefix("| 10 | 2 | ") && $0.contains("| exit 3 |") })
        #expect(lines.contains { $0.hasPrefix("| 1 Triage (2-5 minutes) | 1 | ") && $0.hasSuffix("| 2m–5m | within budget |") })
        #expect(lines.contains("| `DB_PASSWORD` | •••• (secret) | +00:00 |"))

        // Failed and skipped.
        #expect(lines.contains { $0.hasPrefix("- Line 10 (section 2 Option A: roll back): exit 3 — ") })
        #expect(lines.contains("- Line 13 (section 2 Option A: roll back): `echo never-run`"))
        #expect(lines.contains("- Line 7 (section 1 Triage (2-5 minutes)): Dashboards open"))
        #expect(!lines.contains { $0.contains("Error rate checked") && $0.hasPrefix("- Line 6") })
        #expect(lines.contains("- 3 Option B: roll forward (followed instead: 2)"))

        // The excerpt: decoded, colours stripped, fenced.
        let excerpt = try #require(text.range(of: "## Output of failed commands"))
        let tail = String(text[excerpt.upperBound...])
        #expect(tail.contains("### Line 10: exit 3"))
        #expect(tail.contains("```text\nboom\nred failure\n```"))
        #expect(!tail.contains("\u{1B}"))
    }

    @Test func jsonHasStableKeysAndTheSameFacts() throws {
        let path = try playedSession()
        let report = try IncidentReport.load(path: path)
        let text = JSONReportRenderer().render(report)
        #expect(text == JSONReportRenderer().render(try IncidentReport.load(path: path)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(text.hasPrefix("{\"format\":\"runbook-incident-report\",\"format_version\":1,\"session\":{\"runbook_title\":\"Orders rollback\""))
        let session = try #require(object["session"] as? [String: Any])
        #expect(session["end_reason"] as? String == "failed")
        #expect(session["still_open"] as? Bool == false)
        #expect(session["mode"] as? String == "live")
        let commands = try #require(object["commands"] as? [[String: Any]])
        #expect(commands.map { $0["command"] as? String } == ["L4", "L10"])
        #expect(commands[1]["exit_code"] as? Int == 3)
        #expect(commands[1]["status"] as? String == "failed")
        #expect(commands[0]["status"] as? String == "succeeded")
        let variables = try #require(object["variables"] as? [[String: Any]])
        let secret = try #require(variables.first { $0["name"] as? String == "DB_PASSWORD" })
        #expect(secret["value"] is NSNull)
        #expect(secret["secret"] as? Bool == true)
        #expect(!text.contains("hunter2"))
        let sections = try #require(object["sections"] as? [[String: Any]])
        #expect((sections[0]["budget"] as? [String: Any])?["compact"] as? String == "2m–5m")
        let skipped = try #require(object["failed_and_skipped"] as? [String: Any])
        #expect((skipped["not_run"] as? [[String: Any]])?.first?["id"] as? String == "L13")
        #expect((skipped["unchecked_items"] as? [[String: Any]])?.first?["text"] as? String == "Dashboards open")
        #expect((skipped["alternatives_not_taken"] as? [[String: Any]])?.first?["section"] as? String == "3")
        let excerpts = try #require(object["output_excerpts"] as? [[String: Any]])
        #expect(excerpts.first?["lines"] as? [String] == ["boom", "red failure"])
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        let types = timeline.compactMap { $0["type"] as? String }
        #expect(types.first == "session_start")
        #expect(types.last == "session_end")
        #expect(Set(types).isSuperset(of: ["section_enter", "command", "check", "note", "decision", "variable_set", "timer_start", "timer_stop"]))
        #expect(timeline.first?["offset"] as? String == "+00:00")
    }

    @Test func aCrashedSessionIsStillOpenAndItsRunningCommandHasNoEnd() throws {
        let path = temporaryLog()
        let runbook = RunbookParser.parse(markdown, path: "orders.md")
        let session = try Session.start(runbook: runbook, source: Array(markdown.utf8), logPath: path, options: Session.Options())
        try session.record(.sectionEnter(sectionID: "1", title: "Triage"))
        try session.record(.commandStart(CommandStart(commandID: "L4", sectionID: "1", line: 4, label: nil, text: "printf 'checking\\n'")))
        // The player dies here: no command-end, no session-end.
        let report = try IncidentReport.load(path: path)
        #expect(report.session.endedAt == nil)
        let text = MarkdownReportRenderer().render(report)
        #expect(text.contains("| **Ended** | **still open** — no session-end in the log"))
        #expect(text.contains("no end in the log (still running or the player died)"))
        #expect(text.contains("Entered **1 Triage** (budget 2m–5m); still there at the end of the log"))
        try session.end(reason: "test")
    }

    @Test func aResumedSessionCountsResumesAndMarksTheCommandAbandoned() throws {
        let path = try playedSession(end: false)
        let (writer, _) = try IncidentLogWriter.reopen(at: path)
        let (type, payload) = SessionEventCodec.encode(.commandStart(CommandStart(commandID: "L17", sectionID: "3", line: 17, label: nil, text: "echo forward")))
        try writer.append(type: type, payload: payload)
        try writer.append(type: "resume", payload: ["host": "box2", "user": "alice"])
        try writer.append(type: "future-thing", payload: [:])
        try writer.append(type: "future-thing", payload: [:])
        try writer.close()
        let report = try IncidentReport.load(path: path)
        #expect(report.session.resumes.map(\.user) == ["alice"])
        #expect(report.commands.first { $0.lastRun.commandID == "L17" }?.lastRun.outcome == .abandoned)
        #expect(report.warnings.filter { $0.contains("future-thing") }.count == 1)
        let text = MarkdownReportRenderer().render(report)
        #expect(text.contains("| **Resumes** | 1: +00:0"))
        #expect(text.contains("by alice on box2"))
        #expect(text.contains("abandoned (the player stopped while it ran)"))
        #expect(text.contains("## Log warnings"))
    }

    @Test func overBudgetFromAPureBuild() throws {
        let source = "# B\n## Fix (2-5 minutes)\n```bash\necho x\n```\n"
        let log = SyntheticLog(source: source, path: "b.md", host: "h", user: "u")
        let header = log.header
        let event = log.event
        let events = [
            event(0, .sessionStart(SessionStart(mode: .live, runbookTitle: "B", front: "play"))),
            event(1, .sectionEnter(sectionID: "1", title: "Fix")),
            event(371, .sessionEnd(reason: "completed")),
        ]
        let report = IncidentReport.build(header: header, events: events)
        #expect(report.sections.first?.overBudgetSeconds == 70)
        let text = MarkdownReportRenderer().render(report)
        #expect(text.contains("- `+00:01` 08:00:01 — Entered **1 Fix** — 6m10s of 2m–5m, over budget by 1m10s"))
        #expect(text.contains("| 1 Fix | 1 | 6m10s | 2m–5m | over budget by 1m10s |"))
        #expect(text.contains("| **Duration** | 6m11s |"))
        #expect(text.contains("- Line 4 (section 1 Fix): `echo x`"))
    }
}

extension IncidentReportTests {
    /// Hostile content (pipes, backtick runs, fences, HTML) still gives the intended GFM structure:
    /// parsed back with the project's own GFM reader, the tables keep their columns and the excerpt's
    /// code block holds exactly the output lines.
    @Test func hostileContentKeepsTheMarkdownStructure() throws {
        let source = "# T\n## A | B\n```bash\ngrep 'a|b' x\n```\n"
        let log = SyntheticLog(source: source, path: "t.md", host: "h|x", user: "<b>u</b>")
        let header = log.header
        let event = log.event
        let text = "grep 'a|b' `x` ``` y"
        let output = "```\nfoo | bar\n````more\n\u{1B}[1m**not bold**\u{1B}[0m\n"
        let report = IncidentReport.build(header: header, events: [
            event(0, .sessionStart(SessionStart(mode: .live, runbookTitle: "T | *x*", front: "run"))),
            event(1, .sectionEnter(sectionID: "1", title: "A | B")),
            event(2, .note(text: "pipe | and `tick` and <script>")),
            event(3, .commandStart(CommandStart(commandID: "L4", sectionID: "1", line: 4, label: nil, text: text))),
            event(3.5, .output(commandID: "L4", bytes: Array(output.utf8))),
            event(4, .commandEnd(CommandEnd(commandID: "L4", exitCode: 1, signal: nil, durationSeconds: 1))),
        ])
        let markdown = MarkdownReportRenderer().render(report)
        let parsed = RunbookParser.parse(markdown)
        #expect(parsed.title == "Incident report: T | *x*")
        func blocks(_ title: String) -> [Block] { parsed.allSections.first { $0.title == title }?.blocks ?? [] }
        let commandTables = blocks("Commands").compactMap { if case .table(let table) = $0 { table } else { nil } }
        #expect(commandTables.first?.header.count == 7)
        #expect(commandTables.first?.rows.map(\.count) == [7])
        #expect(commandTables.first?.rows.first?[2] == text)
        let facts = parsed.preamble.compactMap { if case .table(let table) = $0 { table } else { nil } }.first
        #expect(facts?.rows.first { $0.first == "Host" }?.last == "h|x")
        let code = blocks("Line 4: exit 1").compactMap { if case .code(let code) = $0 { code } else { nil } }
        #expect(code.first?.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                == ["```", "foo | bar", "````more", "**not bold**"])
        let timeline = blocks("Timeline").compactMap { if case .list(let list) = $0 { list } else { nil } }.first
        #expect(timeline?.items.contains { $0.text.hasSuffix("Note: pipe | and `tick` and <script>") } == true)
    }
}

@Suite("Incident report: terminal output to plain text")
struct TerminalTextTests {
    private func lines(_ text: String) -> [String] { TerminalText.lines(Array(text.utf8)) }

    @Test func coloursAndAttributesAreRemoved() {
        #expect(lines("\u{1B}[1;31mred\u{1B}[0m and \u{1B}[38;5;208morange\u{1B}[m\r\n") == ["red and orange"])
        #expect(lines("\u{9B}32mc1 csi\n") == ["c1 csi"])   // 8-bit CSI as U+009B
    }

    @Test func oscTitlesAndStringsAreRemoved() {
        #expect(lines("\u{1B}]0;my title\u{07}after bell\n") == ["after bell"])
        #expect(lines("\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\\n") == ["link"])
        #expect(lines("\u{1B}P1$r0m\u{1B}\\dcs gone\n") == ["dcs gone"])
        #expect(lines("\u{1B}_apc\u{1B}\\ok\n") == ["ok"])
    }

    @Test func carriageReturnProgressKeepsTheFinalText() {
        #expect(lines("downloading 10%\rdownloading 55%\rdone\n") == ["done"])
        #expect(lines("progress 50%\r\u{1B}[Kprogress 100%\r\n") == ["progress 100%"])
        #expect(lines("line one\r\nline two\r\n") == ["line one", "line two"])
    }

    @Test func cursorMovesWithinALineAreHonoured() {
        #expect(lines("abc\u{1B}[2Dx\n") == ["axc"])
        #expect(lines("abc\u{1B}[1Gz\n") == ["zbc"])
        #expect(lines("abcdef\u{1B}[3D\u{1B}[K!\n") == ["abc!"])
        #expect(lines("a\u{1B}[3Cb\n") == ["a   b"])
        #expect(lines("ab\u{8}c\n") == ["ac"])
        #expect(lines("\u{1B}[2J\u{1B}[H\u{1B}[?25lscreen\u{1B}[?25h\n") == ["screen"])
        #expect(lines("a\tb\n") == ["a       b"])
    }

    @Test func loneEscapesControlsAndInvalidUTF8() {
        #expect(lines("a\u{1B}7b\u{1B}8c\u{1B}(Bd\n") == ["abcd"])
        #expect(lines("bell\u{07}\u{0}null\n") == ["bellnull"])
        #expect(TerminalText.lines([0x61, 0xFF, 0x62, 0xC3, 0x0A]) == ["a\u{FFFD}b\u{FFFD}"])
        #expect(lines("trailing escape \u{1B}") == ["trailing escape"])
        #expect(lines("no newline at end") == ["no newline at end"])
        #expect(TerminalText.lines([UInt8]()) == [])
    }

    @Test func randomBytesNeverTrapAndLeaveNoControls() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x1B, 0x5B, 0x5D, 0x0D, 0x0A, 0x08, 0x07, 0x9B, 0xC2, 0x9D, 0x3B, 0x31, 0x4B, 0x47, 0x44, 0x43, 0x5C, 0x61, 0xFF, 0x09]
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0..<400, using: &generator)).map { _ in
                Bool.random(using: &generator) ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            for line in TerminalText.lines(bytes) {
                #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            }
        }
    }

    @Test func longLinesAreCut() {
        let long = String(repeating: "x", count: 5000) + "\n"
        let result = lines(long)
        #expect(result.count == 1)
        #expect(result[0].count == TerminalText.maximumLineLength + 1)
        #expect(result[0].hasSuffix("…"))
    }

    @Test func outputTailKeepsTheEndWithinBoundsAndCountsWhatItDropped() {
        var tail = OutputTail()
        for index in 0..<20_000 { tail.append(Array("line \(index)\n".utf8)) }
        #expect(tail.bytes.count <= OutputTail.limitBytes)
        let (shown, omitted) = tail.lastLines(15)
        #expect(shown.first == "line 19985")
        #expect(shown.last == "line 19999")
        #expect(omitted == 19_985)
    }
}

@Suite("Incident report: Markdown that content cannot break")
struct MarkdownTextTests {
    @Test func fencesAreLongerThanAnyBacktickRunInside() {
        #expect(MarkdownText.fencedBlock(["plain"]) == "```text\nplain\n```")
        #expect(MarkdownText.fencedBlock(["```", "x"]) == "````text\n```\nx\n````")
        #expect(MarkdownText.fencedBlock(["a `````` b"]).hasPrefix("```````text\n"))
        #expect(MarkdownText.fencedBlock(["esc\u{1B}[0m"]) == "```text\nesc[0m\n```")
    }

    @Test func codeSpansAndInlineTextAreEscaped() {
        #expect(MarkdownText.code("ls -l") == "`ls -l`")
        #expect(MarkdownText.code("echo `date`") == "`` echo `date` ``")
        #expect(MarkdownText.code("a | b", inTable: true) == "`a \\| b`")
        #expect(MarkdownText.code("a | b") == "`a | b`")
        #expect(MarkdownText.code("two\nlines") == "`two lines`")
        #expect(MarkdownText.inline("*bold* <b> [x](y) | _u_") == "\\*bold\\* \\<b\\> \\[x\\](y) \\| \\_u\\_")
        #expect(MarkdownText.inline("line\nbreak\u{1B}") == "line break")
    }

    @Test func reportDurationsOffsetsAndCommandsAreShort() {
        #expect(ReportFormat.offset(0) == "+00:00")
        #expect(ReportFormat.offset(252.9) == "+04:12")
        #expect(ReportFormat.offset(3723) == "+1:02:03")
        #expect(ReportFormat.duration(0.42) == "0.4s")
        #expect(ReportFormat.duration(252) == "4m12s")
        #expect(ReportFormat.offset(1e300) == "+87600:00:00")
        #expect(ReportFormat.duration(.infinity) == "0s")
        #expect(ReportFormat.duration(-5) == "0s")
        #expect(ReportFormat.shortCommand("first\nsecond") == "first …")
        #expect(ReportFormat.shortCommand(String(repeating: "y", count: 300)).count == 101)
    }
}

/// A log header and events made in memory (no writer, no hash chain), for pure report builds.
final class SyntheticLog {
    let header: LogHeader
    private var seq = 0

    init(source: String, path: String, host: String, user: String) {
        header = LogHeader(toolVersion: "0.1.0", sessionID: "abc123", mode: "live", runbookPath: path,
                           sourceBytes: Array(source.utf8), terminal: nil, startedAt: Date(timeIntervalSince1970: 1_800_000_000),
                           host: host, user: user)
    }

    /// The next event, `mono` seconds into the session.
    func event(_ mono: Double, _ session: SessionEvent) -> LogEvent {
        seq += 1
        let (type, payload) = SessionEventCodec.encode(session)
        return LogEvent(seq: seq, time: header.startedAt.addingTimeInterval(mono), mono: mono, type: type, payload: payload,
                        prev: String(repeating: "0", count: 64))
    }
}
