import Foundation
import IncidentLog
import RunbookModel

/// Renders an `IncidentReport` as one JSON object for tooling: the same data as the Markdown, with
/// stable snake_case keys in a fixed order (so equal reports give equal bytes). Times are seconds
/// since the start (`at`) plus UTC timestamps (`time`); secret values are `null` with `"secret":true`.
///
/// Top-level keys: `format` ("runbook-incident-report"), `format_version`, `session`, `timeline`,
/// `sections`, `commands`, `variables`, `failed_and_skipped`, `output_excerpts`, `warnings`.
public struct JSONReportRenderer {
    /// The `format_version` written.
    public static let formatVersion = 1

    /// A renderer (it has no settings).
    public init() {}

    /// The report as compact JSON text, ending with a newline.
    public func render(_ report: IncidentReport) -> String {
        value(report).serialized() + "\n"
    }

    /// The report as a JSON value.
    public func value(_ report: IncidentReport) -> JSONValue {
        .object([
            ("format", "runbook-incident-report"),
            ("format_version", .int(Int64(Self.formatVersion))),
            ("session", session(report.session)),
            ("timeline", .array(report.timeline.map(entry))),
            ("sections", .array(report.sections.map(section))),
            ("commands", .array(report.commands.map { command($0.lastRun, runs: $0.runs) })),
            ("variables", .array(report.variables.map {
                .object([("name", .string($0.name)), ("value", $0.value.map(JSONValue.string) ?? .null),
                         ("secret", .bool($0.secret)), ("set_at", Self.seconds($0.setAt))])
            })),
            ("failed_and_skipped", failedAndSkipped(report.failedAndSkipped)),
            ("output_excerpts", .array(report.excerpts.map {
                .object([("command", .string($0.commandID)), ("line", .int(Int64($0.line))),
                         ("lines", .array($0.lines.map(JSONValue.string))), ("omitted_lines", .int(Int64($0.omittedLines)))])
            })),
            ("warnings", .array(report.warnings.map(JSONValue.string))),
        ])
    }

    /// The `session` object.
    func session(_ session: SessionSummary) -> JSONValue {
        .object([
            ("runbook_title", .string(session.runbookTitle)),
            ("runbook_path", .string(session.runbookPath)),
            ("runbook_sha256", .string(session.runbookSHA256)),
            ("session_id", .string(session.sessionID)),
            ("mode", .string(session.mode)),
            ("front", .string(session.front)),
            ("host", .string(session.host)),
            ("user", .string(session.user)),
            ("tool_version", .string(session.toolVersion)),
            ("started_at", .string(Timestamp.format(session.startedAt))),
            ("ended_at", session.endedAt.map { .string(Timestamp.format($0)) } ?? .null),
            ("end_reason", session.endReason.map(JSONValue.string) ?? .null),
            ("still_open", .bool(session.endedAt == nil)),
            ("duration_seconds", Self.seconds(session.durationSeconds)),
            ("budget", Self.budget(session.budget)),
            ("resumes", .array(session.resumes.map {
                .object([("at", Self.seconds($0.at)), ("time", .string(Timestamp.format($0.time))),
                         ("host", .string($0.host)), ("user", .string($0.user))])
            })),
            ("log_repairs", .int(Int64(session.logRepairs))),
        ])
    }

    /// One timeline entry: `at`, `offset`, `time`, `type`, then the type's own fields.
    func entry(_ entry: TimelineEntry) -> JSONValue {
        let (type, fields) = Self.fields(entry.kind)
        return .object([
            ("at", Self.seconds(entry.at)), ("offset", .string(ReportFormat.offset(entry.at))),
            ("time", .string(Timestamp.format(entry.time))), ("type", .string(type)),
        ] + fields)
    }

    /// The `type` and own fields of a timeline entry.
    static func fields(_ kind: TimelineEntry.Kind) -> (String, [(String, JSONValue)]) {
        switch kind {
        case .sessionStart(let front):
            return ("session_start", [("front", .string(front))])
        case .sectionEnter(let id, let title, let visit, let budget):
            return ("section_enter", [
                ("section", .string(id)), ("title", .string(title)),
                ("visit_seconds", visit.map(Self.seconds) ?? .null), ("budget", Self.budget(budget)),
                ("over_budget_seconds", Self.over(visit, budget)),
            ])
        case .command(let run):
            return ("command", JSONReportRenderer().commandFields(run))
        case .check(let id, let text):
            return ("check", [("item", .string(id)), ("text", .string(text))])
        case .uncheck(let id, let text):
            return ("uncheck", [("item", .string(id)), ("text", .string(text))])
        case .decision(let group, let choice, let rationale):
            return ("decision", [("group", group.map(JSONValue.string) ?? .null), ("choice", .string(choice)), ("rationale", .string(rationale))])
        case .note(let text):
            return ("note", [("text", .string(text))])
        case .variableSet(let name, let value):
            return ("variable_set", [("name", .string(name)), ("value", value.map(JSONValue.string) ?? .null), ("secret", .bool(value == nil))])
        case .timerStart(let id, let kind, let seconds):
            return ("timer_start", [("timer", .string(id)), ("kind", .string(kind)), ("seconds", .int(Int64(seconds)))])
        case .timerStop(let id, let ran):
            return ("timer_stop", [("timer", .string(id)), ("ran_seconds", ran.map(Self.seconds) ?? .null)])
        case .resume(let host, let user):
            return ("resume", [("host", .string(host)), ("user", .string(user))])
        case .sessionEnd(let reason):
            return ("session_end", [("reason", .string(reason))])
        case .logRepaired(let line, let bytes):
            return ("log_repaired", [("line", .int(Int64(line))), ("bytes", .int(Int64(bytes)))])
        }
    }

    /// One entered section with its time and budget.
    func section(_ section: SectionSummary) -> JSONValue {
        .object([
            ("id", .string(section.id)), ("title", .string(section.title)),
            ("line", section.line.map { .int(Int64($0)) } ?? .null), ("visits", .int(Int64(section.visits))),
            ("first_entered_at", Self.seconds(section.firstEnteredAt)), ("time_spent_seconds", Self.seconds(section.timeSpent)),
            ("budget", Self.budget(section.budget)),
            ("over_budget_seconds", section.overBudgetSeconds.map(Self.seconds) ?? .null),
        ])
    }

    /// One command: its last run and the number of runs.
    func command(_ run: CommandRun, runs: Int) -> JSONValue {
        .object(commandFields(run) + [("runs", .int(Int64(runs)))])
    }

    /// The fields of one command run.
    func commandFields(_ run: CommandRun) -> [(String, JSONValue)] {
        [
            ("command", .string(run.commandID)), ("line", .int(Int64(run.line))),
            ("section", run.sectionID.map(JSONValue.string) ?? .null), ("label", run.label.map(JSONValue.string) ?? .null),
            ("text", .string(run.text)), ("status", .string(run.outcome.rawValue)),
            ("status_text", .string(ReportFormat.outcome(run))),
            ("exit_code", run.exitCode.map { .int(Int64($0)) } ?? .null),
            ("signal", run.signal.map { .int(Int64($0)) } ?? .null),
            ("duration_seconds", run.durationSeconds.map(Self.seconds) ?? .null),
            ("output_bytes", .int(Int64(run.outputBytes))),
        ]
    }

    /// The `failed_and_skipped` object.
    func failedAndSkipped(_ lists: FailedAndSkipped) -> JSONValue {
        func ref(_ item: RunbookItemRef) -> JSONValue {
            .object([("id", .string(item.id)), ("line", .int(Int64(item.line))), ("section", .string(item.sectionID)),
                     ("section_title", .string(item.sectionTitle)), ("text", .string(item.text))])
        }
        return .object([
            ("failed_commands", .array(lists.failedCommands.map { .object(commandFields($0)) })),
            ("not_run", .array(lists.notRun.map(ref))),
            ("unchecked_items", .array(lists.uncheckedItems.map(ref))),
            ("alternatives_not_taken", .array(lists.alternativesNotTaken.map {
                .object([("section", .string($0.sectionID)), ("title", .string($0.title)),
                         ("taken", .array($0.takenSectionIDs.map(JSONValue.string)))])
            })),
        ])
    }

    /// Seconds rounded to milliseconds (what the log stores), so differences print without float noise.
    static func seconds(_ value: Double) -> JSONValue {
        .number(value.isFinite ? (value * 1000).rounded() / 1000 : 0)
    }

    static func budget(_ budget: TimeBudget?) -> JSONValue {
        guard let budget else { return .null }
        return .object([
            ("min_seconds", .int(Int64(budget.minSeconds))), ("max_seconds", .int(Int64(budget.maxSeconds))),
            ("kind", .string(budget.kind.rawValue)), ("text", .string(budget.text)), ("compact", .string(budget.compactText)),
        ])
    }

    static func over(_ spent: Double?, _ budget: TimeBudget?) -> JSONValue {
        guard let spent, let budget, spent > Double(budget.maxSeconds) else { return .null }
        return Self.seconds(spent - Double(budget.maxSeconds))
    }
}
