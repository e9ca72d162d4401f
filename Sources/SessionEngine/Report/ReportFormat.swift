import Foundation
import IncidentLog
import RunbookModel

/// The words and numbers both report renderers print: offsets, clock times, durations, budgets and
/// command outcomes, so Markdown and JSON say the same thing.
public enum ReportFormat {
    /// Seconds since the start as "+mm:ss" ("+1:02:03" past an hour).
    public static func offset(_ seconds: Double) -> String {
        let total = wholeSeconds(seconds)
        let hours = total / 3600, minutes = total % 3600 / 60, rest = total % 60
        return hours > 0
            ? "+\(hours):\(twoDigits(minutes)):\(twoDigits(rest))"
            : "+\(twoDigits(minutes)):\(twoDigits(rest))"
    }

    /// The UTC wall-clock time of day, "19:24:47".
    public static func clock(_ date: Date) -> String {
        let stamp = Timestamp.format(date)   // 2026-11-25T19:24:47.123Z
        return String(stamp.dropFirst(11).prefix(8))
    }

    /// A duration as the panes print it too ("<0.1s", "0.4s", "4m12s"): `TimeBudget.runDuration`.
    public static func duration(_ seconds: Double) -> String { TimeBudget.runDuration(seconds) }

    /// Whole seconds, clamped to 0...10 years so a damaged log's huge or odd clock cannot trap.
    static func wholeSeconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int(min(seconds, 315_360_000).rounded(.down))
    }

    /// Time spent against a budget: "4m12s of 2m–5m", "6m10s of 2m–5m, over budget by 1m10s";
    /// just the time when there is no budget.
    public static func spent(_ seconds: Double, budget: TimeBudget?) -> String {
        let spent = duration(seconds)
        guard let budget else { return spent }
        let over = seconds - Double(budget.maxSeconds)
        return over > 0.5 ? "\(spent) of \(budget.compactText), over budget by \(duration(over))" : "\(spent) of \(budget.compactText)"
    }

    /// How a run ended: "exit 0", "exit 3", "killed by signal 9", "interrupted", "timed out",
    /// "abandoned (the player stopped while it ran)", "no end in the log (still running or the player died)".
    public static func outcome(_ run: CommandRun) -> String {
        switch run.outcome {
        case .succeeded, .failed: return "exit \(run.exitCode.map(String.init) ?? "?")"
        case .signalled: return "killed by signal \(run.signal.map(String.init) ?? "?")"
        case .interrupted: return run.signal.map { "interrupted (signal \($0))" } ?? "interrupted"
        case .timedOut: return "timed out"
        case .abandoned: return "abandoned (the player stopped while it ran)"
        case .running: return "no end in the log (still running or the player died)"
        }
    }

    /// A command's text on one line: its first line, with "…" when there is more or it is long.
    public static func shortCommand(_ text: String, limit: Int = 100) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        var first = String(lines.first ?? "").trimmingCharacters(in: .whitespaces)
        var more = lines.count > 1
        if first.count > limit {
            first = String(first.prefix(limit - 1)).trimmingCharacters(in: .whitespaces)
            more = true
        }
        return more ? first + " …" : first
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
