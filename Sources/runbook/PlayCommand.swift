import ArgumentParser
import Foundation
import IncidentLog
import RunbookModel
import SessionEngine
import TerminalUI

/// `runbook play FILE`: the interactive player.
struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play a runbook interactively: phases as panels, commands in a real terminal, checklists, timers.",
        discussion: """
            Every command run, box ticked, note and section entered is written to the incident log first \
            (fsync'd). Keys: j/k move, Enter runs, Space ticks, Tab cycles panes, ? lists them all, q quits. \
            NO_COLOR forces the mono theme.
            """
    )

    @Argument(help: "The Markdown runbook (leave out with --resume).")
    var file: String?

    @Option(help: "Continue the session recorded in this incident log (after a crash or a dropped ssh): every status, tick and variable comes back, and each command's last output.")
    var resume: String?

    @Option(help: "Write the incident log here instead of $XDG_STATE_HOME/runbook/sessions/.")
    var log: String?

    @OptionGroup var execution: ExecutionOptions

    @Option(help: "Theme: default, light, high-contrast, mono, or a path to a .toml file.")
    var theme: String?

    func validate() throws {
        if (file == nil) == (resume == nil) {
            throw ValidationError("give either a runbook FILE or --resume LOG")
        }
        if resume != nil && log != nil {
            throw ValidationError("--log does not go with --resume: the session continues in its own log")
        }
    }

    func run() throws {
        var values = try CLI.parseVariables(execution.variables, command: "play")
        let loaded = file.map { CLI.loadRunbook($0, command: "play") }
        let (chosenTheme, themeWarnings) = PlayerTerminal.prepare(command: "play", theme: theme,
                                                                  otherwise: "use `runbook run` for scripts")
        let options = CLI.sessionOptions(front: "play", extra: [:])
        let session = try CLI.startSession {
            if let resume { return try Session.resume(logPath: resume, options: options) }
            let (source, runbook) = loaded!
            return try Session.start(runbook: runbook, source: Array(source.text.utf8), logPath: log, options: options)
        }
        if resume != nil { values = PlaceholderValues.resumed(from: session.state, overriddenBy: values) }
        let status: Int32
        do {
            let loop = try PlayLoop(session: session, values: values, theme: chosenTheme,
                                    timeout: execution.timeout, warnings: themeWarnings + session.warnings)
            status = try loop.run()
        } catch {
            try? session.end(reason: "error")
            CLI.fail("play", "\(error)")
        }
        for warning in themeWarnings { CLI.note("play", warning) }
        print("Incident log: \(session.logPath)")
        throw ExitCode(status)
    }
}
