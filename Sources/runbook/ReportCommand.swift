import ArgumentParser
import Foundation
import SessionEngine

/// `runbook report LOG`: turns an incident log into a report to paste into a ticket.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an incident report from a session's log: timeline, budgets, commands, failures, output excerpts.",
        discussion: """
            Markdown (GitHub-flavoured) by default, or one JSON object with --format json. Secret variables \
            are never shown. A log whose last line is incomplete (the player was killed mid-write) is \
            reported up to that line with a warning on stderr; a damaged line in the middle stops the \
            report (exit 2) unless --skip-bad leaves it out. Exit status: 0 on success, 2 when the file \
            cannot be read as an incident log or the report cannot be written.
            """
    )

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json
    }

    @Argument(help: "The incident log (.jsonl) of the session.")
    var logPath: String

    @Option(help: "markdown or json.")
    var format: Format = .markdown

    @Option(help: "Write the report to this file (replaced atomically) instead of stdout.")
    var output: String?

    @Flag(help: "Leave out damaged lines in the middle of the log (with a warning) instead of stopping.")
    var skipBad = false

    /// Reads the log, prints its warnings to stderr, writes the report to stdout or `--output`.
    func run() throws {
        let report: IncidentReport
        do {
            report = try IncidentReport.load(path: logPath, skipBad: skipBad)
        } catch {
            CLI.failReading("report", error, skipBad: skipBad)
        }
        for warning in report.warnings { CLI.note("report", "warning: \(warning)") }
        let text = format == .json ? JSONReportRenderer().render(report) : MarkdownReportRenderer().render(report)
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try ReportFile.write(text, to: output)
        } catch {
            CLI.fail("report", error.description)
        }
        CLI.note("report", "wrote \(output)")
    }
}
