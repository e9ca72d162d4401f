import Foundation
import RunbookModel

/// What happened in one session, as a team pastes it into a ticket: who ran which runbook where and
/// when, a timeline, time per section against its budget, every command with its outcome, what failed
/// or was skipped, and the last lines of failed commands' output. Built from an incident log by
/// `IncidentReport.build` / `IncidentReport.load`; rendered by `MarkdownReportRenderer` and
/// `JSONReportRenderer`. Secret variable values never reach it.
public struct IncidentReport: Equatable, Sendable {
    /// Who, where, when.
    public var session: SessionSummary
    /// Everything that happened, in log order.
    public var timeline: [TimelineEntry]
    /// Sections entered, in the order first entered.
    public var sections: [SectionSummary]
    /// Commands run, in the order first started (the outcome of each one's last run).
    public var commands: [CommandSummary]
    /// Variables as last set; secret values are nil.
    public var variables: [VariableSummary]
    /// What did not go to plan.
    public var failedAndSkipped: FailedAndSkipped
    /// The last lines of each failed command's output, as plain text.
    public var excerpts: [OutputExcerpt]
    /// Oddities of the log itself (torn last line, skipped lines, unknown event types), one line each.
    public var warnings: [String]
}

/// The header of a report.
public struct SessionSummary: Equatable, Sendable {
    public var runbookTitle: String
    public var runbookPath: String
    public var runbookSHA256: String
    public var sessionID: String
    public var mode: String
    /// The front that started it (`run`, `play`).
    public var front: String
    public var host: String
    public var user: String
    public var toolVersion: String
    public var startedAt: Date
    /// Wall time of `session-end`; nil when the session crashed or is still running.
    public var endedAt: Date?
    /// The `session-end` reason ("completed", "failed", "quit"); nil when there is none.
    public var endReason: String?
    /// Seconds from the start to the end, or to the last event when there is no end.
    public var durationSeconds: Double
    /// The whole runbook's budget ("**Duration**: 10-20 minutes"), if it gives one.
    public var budget: TimeBudget?
    /// Every time the session was picked up again.
    public var resumes: [ResumeSummary]
    /// Half-written lines the log writer cut after a crash.
    public var logRepairs: Int
}

/// One `resume` event.
public struct ResumeSummary: Equatable, Sendable {
    /// Seconds since the start.
    public var at: Double
    public var time: Date
    public var host: String
    public var user: String
}

/// One line of the timeline.
public struct TimelineEntry: Equatable, Sendable {
    /// Seconds since the start (the log's `mono`).
    public var at: Double
    /// Wall-clock time the event was written.
    public var time: Date
    public var kind: Kind

    /// What happened.
    public enum Kind: Equatable, Sendable {
        case sessionStart(front: String)
        /// A visit to a section and how long it lasted (nil: still there at the end of the log).
        case sectionEnter(sectionID: String, title: String, visitSeconds: Double?, budget: TimeBudget?)
        /// One run of a command, with its outcome.
        case command(CommandRun)
        case check(itemID: String, text: String)
        case uncheck(itemID: String, text: String)
        case decision(groupID: String?, choice: String, rationale: String)
        case note(text: String)
        /// `value` is nil for a secret.
        case variableSet(name: String, value: String?)
        case timerStart(timerID: String, kind: String, seconds: Int)
        /// `ranSeconds`: how long the timer ran before it was stopped.
        case timerStop(timerID: String, ranSeconds: Double?)
        case resume(host: String, user: String)
        case sessionEnd(reason: String)
        case logRepaired(line: Int, bytes: Int)
    }
}

/// How a command run ended.
public enum CommandOutcome: String, Equatable, Sendable {
    case succeeded, failed, interrupted, timedOut = "timed_out", signalled, abandoned
    /// No `command-end` and the log stops: still running, or the player died without a resume.
    case running
}

/// One run of a command.
public struct CommandRun: Equatable, Sendable {
    public var commandID: String
    public var line: Int
    public var sectionID: String?
    public var label: String?
    /// The text actually run (placeholders filled in).
    public var text: String
    public var outcome: CommandOutcome
    public var exitCode: Int32?
    public var signal: Int32?
    public var durationSeconds: Double?
    public var outputBytes: Int
}

/// A command's overall record: its last run and how many runs there were.
public struct CommandSummary: Equatable, Sendable {
    public var lastRun: CommandRun
    public var runs: Int
    /// Seconds since the start when it was first started.
    public var firstStartedAt: Double
}

/// Time in one section against its budget.
public struct SectionSummary: Equatable, Sendable {
    public var id: String
    public var title: String
    public var line: Int?
    public var visits: Int
    public var firstEnteredAt: Double
    /// Seconds spent there over all visits, counting a visit still open up to the end of the log.
    public var timeSpent: Double
    public var budget: TimeBudget?

    /// Seconds over the budget's upper bound, when it was exceeded.
    public var overBudgetSeconds: Double? {
        guard let budget, timeSpent > Double(budget.maxSeconds) else { return nil }
        return timeSpent - Double(budget.maxSeconds)
    }
}

/// A variable as last set.
public struct VariableSummary: Equatable, Sendable {
    public var name: String
    /// nil for a secret (the log never stores it).
    public var value: String?
    public var secret: Bool
    public var setAt: Double
}

/// What did not go to plan.
public struct FailedAndSkipped: Equatable, Sendable {
    /// Commands whose last run did not succeed.
    public var failedCommands: [CommandRun]
    /// Commands of entered sections that never ran.
    public var notRun: [RunbookItemRef]
    /// Checklist items of entered sections left unticked.
    public var uncheckedItems: [RunbookItemRef]
    /// Alternative sections not followed while another of the same choice was.
    public var alternativesNotTaken: [AlternativeNotTaken]

    /// True when there is nothing to list.
    public var isEmpty: Bool {
        failedCommands.isEmpty && notRun.isEmpty && uncheckedItems.isEmpty && alternativesNotTaken.isEmpty
    }
}

/// A command or checklist item of the runbook, where it is.
public struct RunbookItemRef: Equatable, Sendable {
    /// "L<line>", as in the log.
    public var id: String
    public var line: Int
    public var sectionID: String
    public var sectionTitle: String
    public var text: String
}

/// An alternative section that was not followed.
public struct AlternativeNotTaken: Equatable, Sendable {
    public var sectionID: String
    public var title: String
    /// The sections of the same choice that were followed.
    public var takenSectionIDs: [String]
}

/// The end of a failed command's output.
public struct OutputExcerpt: Equatable, Sendable {
    public var commandID: String
    public var line: Int
    /// The last lines, plain text.
    public var lines: [String]
    /// Lines before these that are left out (a lower bound when the output was very long).
    public var omittedLines: Int
}
