import Foundation
import IncidentLog

/// Renders an `IncidentReport` as GitHub-flavoured Markdown to paste into a ticket: a facts table,
/// the timeline, sections against their budgets, the commands table, variables (secrets as "••••"),
/// what failed or was skipped, and fenced output excerpts of failed commands.
public struct MarkdownReportRenderer {
    /// What a secret value is shown as.
    public static let secretMask = "••••"

    /// A renderer (it has no settings).
    public init() {}

    /// The whole report, ending with a newline.
    public func render(_ report: IncidentReport) -> String {
        var parts = [header(report), timeline(report)]
        if !report.sections.isEmpty { parts.append(sections(report)) }
        if !report.commands.isEmpty { parts.append(commands(report)) }
        if !report.variables.isEmpty { parts.append(variables(report)) }
        parts.append(failedAndSkipped(report))
        if !report.excerpts.isEmpty { parts.append(excerpts(report)) }
        if !report.warnings.isEmpty {
            parts.append("## Log warnings\n\n" + report.warnings.map { "- " + MarkdownText.inline($0) }.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// Title, facts table and the one-line summary.
    func header(_ report: IncidentReport) -> String {
        let session = report.session
        let end: String
        if let ended = session.endedAt {
            end = Self.dateTime(ended) + (session.endReason.map { " (\(MarkdownText.inline($0)))" } ?? "")
        } else {
            end = "**still open** — no session-end in the log (the session crashed or is still running)"
        }
        let resumes = session.resumes.isEmpty ? "none" : "\(session.resumes.count): " + session.resumes.map {
            "\(ReportFormat.offset($0.at)) by \(MarkdownText.inline($0.user)) on \(MarkdownText.inline($0.host))"
        }.joined(separator: "; ")
        var rows: [(String, String)] = [
            ("Runbook", MarkdownText.code(session.runbookPath, inTable: true) + " (sha256 \(session.runbookSHA256.prefix(12))…)"),
            ("Mode", MarkdownText.inline(session.mode) + (session.front.isEmpty ? "" : " (\(MarkdownText.inline(session.front)))")),
            ("Host", MarkdownText.inline(session.host)),
            ("User", MarkdownText.inline(session.user)),
            ("Session", MarkdownText.code(session.sessionID, inTable: true)),
            ("Started", Self.dateTime(session.startedAt)),
            ("Ended", end),
            ("Duration", ReportFormat.spent(session.durationSeconds, budget: session.budget) + (session.endedAt == nil ? " (to the last event)" : "")),
            ("Resumes", resumes),
        ]
        if session.logRepairs > 0 { rows.append(("Log repairs", "\(session.logRepairs) torn line(s) cut after a crash")) }
        return "# Incident report: \(MarkdownText.inline(session.runbookTitle))\n\n"
            + MarkdownText.tableHeader(["Field", "Value"]) + "\n"
            + rows.map { MarkdownText.row(["**\($0.0)**", $0.1]) }.joined(separator: "\n")
            + "\n\n" + summaryLine(report)
    }

    /// "N commands run: ...", counts of what went wrong.
    func summaryLine(_ report: IncidentReport) -> String {
        let runs = report.commands.map(\.lastRun)
        let succeeded = runs.filter { $0.outcome == .succeeded }.count
        let failed = runs.count - succeeded
        let unchecked = report.failedAndSkipped.uncheckedItems.count
        let notRun = report.failedAndSkipped.notRun.count
        return "\(runs.count) command\(runs.count == 1 ? "" : "s") run: \(succeeded) succeeded, \(failed) did not. "
            + "\(notRun) not run and \(unchecked) checklist item\(unchecked == 1 ? "" : "s") unticked in the sections entered."
    }

    /// The timeline as a list, one entry a line.
    func timeline(_ report: IncidentReport) -> String {
        let lines = report.timeline.map { entry in
            "- `\(ReportFormat.offset(entry.at))` \(ReportFormat.clock(entry.time)) — \(describe(entry.kind))"
        }
        return "## Timeline\n\nTimes are from the start of the session; clock times are UTC.\n\n"
            + (lines.isEmpty ? "_No events._" : lines.joined(separator: "\n"))
    }

    /// One timeline entry as Markdown text.
    func describe(_ kind: TimelineEntry.Kind) -> String {
        switch kind {
        case .sessionStart(let front):
            return "Session started" + (front.isEmpty ? "" : " (\(MarkdownText.inline(front)))")
        case .sectionEnter(let id, let title, let visit, let budget):
            let name = "**\(MarkdownText.inline(id)) \(MarkdownText.inline(title))**"
            guard let visit else {
                return "Entered \(name)" + (budget.map { " (budget \($0.compactText)); still there at the end of the log" } ?? "; still there at the end of the log")
            }
            return "Entered \(name) — \(ReportFormat.spent(visit, budget: budget))"
        case .command(let run):
            let place = run.sectionID.map { " in section \(MarkdownText.inline($0))" } ?? ""
            let duration = run.durationSeconds.map { " after \(ReportFormat.duration($0))" } ?? ""
            let result = run.outcome == .succeeded ? ReportFormat.outcome(run) : "**\(ReportFormat.outcome(run))**"
            return "Ran \(run.commandID)\(place): \(result)\(duration) — \(MarkdownText.code(ReportFormat.shortCommand(run.text)))"
        case .check(let id, let text):
            return "Ticked \(MarkdownText.inline(id)): \(MarkdownText.inline(text))"
        case .uncheck(let id, let text):
            return "Unticked \(MarkdownText.inline(id)): \(MarkdownText.inline(text))"
        case .decision(let group, let choice, let rationale):
            let about = group.map { " (\(MarkdownText.inline($0)))" } ?? ""
            return "Decision\(about): **\(MarkdownText.inline(choice))**" + (rationale.isEmpty ? "" : " — \(MarkdownText.inline(rationale))")
        case .note(let text):
            return "Note: \(MarkdownText.inline(text))"
        case .variableSet(let name, let value):
            return "Set \(MarkdownText.code(name)) = " + (value.map { MarkdownText.code($0) } ?? "\(Self.secretMask) (secret)")
        case .timerStart(let id, let kind, let seconds):
            return "Started \(MarkdownText.inline(kind)) timer \(MarkdownText.inline(id)) for \(ReportFormat.duration(Double(seconds)))"
        case .timerStop(let id, let ran):
            return "Stopped timer \(MarkdownText.inline(id))" + (ran.map { " after \(ReportFormat.duration($0))" } ?? "")
        case .resume(let host, let user):
            return "Resumed by \(MarkdownText.inline(user)) on \(MarkdownText.inline(host))"
        case .sessionEnd(let reason):
            return "Session ended" + (reason.isEmpty ? "" : " (\(MarkdownText.inline(reason)))")
        case .logRepaired(let line, let bytes):
            return "Log repaired: a torn line \(line) (\(bytes) bytes) was cut after a crash"
        }
    }

    /// The sections table: time spent against budget.
    func sections(_ report: IncidentReport) -> String {
        "## Sections\n\n" + MarkdownText.tableHeader(["Section", "Visits", "Time spent", "Budget", "Status"]) + "\n"
            + report.sections.map { section in
                let status = section.budget == nil ? "no budget"
                    : section.overBudgetSeconds.map { "over budget by \(ReportFormat.duration($0))" } ?? "within budget"
                return MarkdownText.row([
                    "\(MarkdownText.inline(section.id)) \(MarkdownText.inline(section.title))", "\(section.visits)",
                    ReportFormat.duration(section.timeSpent), section.budget?.compactText ?? "—", status,
                ])
            }.joined(separator: "\n")
    }

    /// The commands table.
    func commands(_ report: IncidentReport) -> String {
        "## Commands\n\n" + MarkdownText.tableHeader(["Line", "Section", "Command", "Result", "Duration", "Output", "Runs"]) + "\n"
            + report.commands.map { summary in
                let run = summary.lastRun
                return MarkdownText.row([
                    "\(run.line)", run.sectionID.map(MarkdownText.inline) ?? "—",
                    MarkdownText.code(ReportFormat.shortCommand(run.text), inTable: true), ReportFormat.outcome(run),
                    run.durationSeconds.map(ReportFormat.duration) ?? "—", Self.bytes(run.outputBytes), "\(summary.runs)",
                ])
            }.joined(separator: "\n")
    }

    /// The variables table, secrets masked.
    func variables(_ report: IncidentReport) -> String {
        "## Variables\n\n" + MarkdownText.tableHeader(["Name", "Value", "Set at"]) + "\n"
            + report.variables.map { variable in
                MarkdownText.row([
                    MarkdownText.code(variable.name, inTable: true),
                    variable.value.map { MarkdownText.code($0, inTable: true) } ?? "\(Self.secretMask) (secret)",
                    ReportFormat.offset(variable.setAt),
                ])
            }.joined(separator: "\n")
    }

    /// Failed commands, commands not run, unticked items, alternatives not taken.
    func failedAndSkipped(_ report: IncidentReport) -> String {
        let lists = report.failedAndSkipped
        guard !lists.isEmpty else { return "## Failed and skipped\n\nNothing: every command run succeeded, every command and checklist item of the sections entered was done." }
        var parts = ["## Failed and skipped"]
        func list(_ title: String, _ lines: [String]) {
            if !lines.isEmpty { parts.append("### \(title)\n\n" + lines.map { "- " + $0 }.joined(separator: "\n")) }
        }
        let titles = Dictionary(report.sections.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        list("Failed commands", lists.failedCommands.map { run in
            let place = run.sectionID.map { " (section \(MarkdownText.inline([$0, titles[$0] ?? ""].joined(separator: " "))))" } ?? ""
            return "Line \(run.line)\(place): \(ReportFormat.outcome(run)) — \(MarkdownText.code(ReportFormat.shortCommand(run.text)))"
        })
        list("Commands not run", lists.notRun.map {
            "Line \($0.line) (section \(MarkdownText.inline($0.sectionID)) \(MarkdownText.inline($0.sectionTitle))): \(MarkdownText.code(ReportFormat.shortCommand($0.text)))"
        })
        list("Checklist items not ticked", lists.uncheckedItems.map {
            "Line \($0.line) (section \(MarkdownText.inline($0.sectionID)) \(MarkdownText.inline($0.sectionTitle))): \(MarkdownText.inline($0.text))"
        })
        list("Alternatives not taken", lists.alternativesNotTaken.map {
            "\(MarkdownText.inline($0.sectionID)) \(MarkdownText.inline($0.title)) (followed instead: \($0.takenSectionIDs.map(MarkdownText.inline).joined(separator: ", ")))"
        })
        return parts.joined(separator: "\n\n")
    }

    /// The end of each failed command's output in a fence the content cannot close.
    func excerpts(_ report: IncidentReport) -> String {
        let runs = Dictionary(report.commands.map { ($0.lastRun.commandID, $0.lastRun) }, uniquingKeysWith: { first, _ in first })
        return "## Output of failed commands\n\n" + report.excerpts.map { excerpt in
            let run = runs[excerpt.commandID]
            var text = "### Line \(excerpt.line)" + (run.map { ": \(ReportFormat.outcome($0))" } ?? "")
            if let run { text += "\n\n" + MarkdownText.code(ReportFormat.shortCommand(run.text)) }
            let last = excerpt.omittedLines > 0 ? "Last \(excerpt.lines.count) lines (\(excerpt.omittedLines) earlier not shown):" : "Output:"
            return text + "\n\n" + last + "\n\n" + MarkdownText.fencedBlock(excerpt.lines)
        }.joined(separator: "\n\n")
    }

    /// "2026-11-25 19:20:35 UTC".
    static func dateTime(_ date: Date) -> String {
        let stamp = Timestamp.format(date)
        return String(stamp.prefix(10)) + " " + String(stamp.dropFirst(11).prefix(8)) + " UTC"
    }

    /// "0 B", "812 B", "3.4 KiB", "1.2 MiB".
    static func bytes(_ count: Int) -> String {
        if count < 1024 { return "\(count) B" }
        if count < 1 << 20 { return String(format: "%.1f KiB", Double(count) / 1024) }
        return String(format: "%.1f MiB", Double(count) / Double(1 << 20))
    }
}
