import ArgumentParser

/// The `runbook` executable: an interactive terminal player for Markdown runbooks.
@main
struct RunbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runbook",
        abstract: "Play Markdown runbooks in the terminal: phases, commands, checklists, timers, incident log.",
        version: RunbookVersion.string,
        subcommands: [PlayCommand.self, CheckCommand.self, RunCommand.self, ResumeCommand.self, VerifyCommand.self, ReportCommand.self, ExportCommand.self, ReplayCommand.self]
    )
}

/// The tool's version, written into outputs and (later) incident logs.
enum RunbookVersion {
    static let string = "0.1.0"
}
