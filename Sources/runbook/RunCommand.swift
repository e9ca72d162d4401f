import ArgumentParser
import Foundation
import IncidentLog
import RunbookModel
import SessionEngine

/// `runbook run FILE`: runs a runbook's commands in order without the interactive UI, for staging
/// tests and scripts. Streams output, records the incident log, stops at the first failure.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a runbook's commands in order, non-interactively, recording an incident log.",
        discussion: """
            Runs every runnable command (or those of the sections matching --section, with their sub-sections) \
            in one shell session: cd, export and VAR=$(...) carry over between commands. Blocks marked \
            excludeFromRunAll are skipped, and of each group of alternative sections (Option A/B, platforms) \
            only the first runs unless --section picks another. Stops at the first failing command and exits \
            with its status (128+N for signal N); 0 when all pass; 2 when the runbook cannot be read or a \
            placeholder has no value (nothing runs then).
            """
    )

    @Argument(help: "The Markdown runbook.")
    var file: String

    @Option(name: .customLong("section"), help: "Run only sections whose id or title contains this text (repeatable).")
    var sections: [String] = []

    @OptionGroup var execution: ExecutionOptions

    @Option(help: "Write the incident log here instead of $XDG_STATE_HOME/runbook/sessions/.")
    var log: String?

    func run() throws {
        let (source, runbook) = CLI.loadRunbook(file, command: "run")
        let values = try CLI.parseVariables(execution.variables, command: "run")
        let plan = RunPlan(runbook: runbook, sectionFilters: sections)
        for filter in plan.unmatchedFilters {
            CLI.fail("run", "\(file): no section matches --section \"\(filter)\"")
        }
        let options = CLI.sessionOptions(front: "run", extra: ["sections": .array(sections.map(JSONValue.string))])
        CLI.checkPlaceholders(plan: plan, values: values, environment: options.environment, file: file, command: "run")
        let session = try CLI.startSession {
            try Session.start(runbook: runbook, source: Array(source.text.utf8), logPath: log, options: options)
        }
        let status = try CLI.execute(plan: plan, session: session, values: values, timeout: execution.timeout, skipSucceeded: false)
        throw ExitCode(status)
    }
}

/// `runbook resume LOG`: picks a session up from its log and runs what is left.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a session from its incident log: same log file, every tick, variable and status as before.",
        discussion: """
            Folds the log, records a resume event and runs the commands of the original run that have not \
            succeeded yet. The runbook is read from the log itself, so the original file may have moved or changed.
            """
    )

    @Argument(help: "The incident log (.jsonl) of the session.")
    var logPath: String

    @OptionGroup var execution: ExecutionOptions

    func run() throws {
        var options = CLI.sessionOptions(front: "run", extra: [:])
        options.front = "resume"
        let session = try CLI.startSession { try Session.resume(logPath: logPath, options: options) }
        for warning in session.warnings { CLI.note("resume", warning) }
        let state = session.state
        let done = state.commands.values.filter { $0.status == .succeeded }.count
        CLI.note("resume", "resumed session \(session.header.sessionID) of \"\(state.runbookTitle)\": "
            + "\(done) command\(done == 1 ? "" : "s") done, \(state.checked.count) checked, "
            + "\(state.variables.count) variable\(state.variables.count == 1 ? "" : "s")")
        let values = PlaceholderValues.resumed(
            from: state, overriddenBy: try CLI.parseVariables(execution.variables, command: "resume"))
        let filters = session.header.extra["sections"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let plan = RunPlan(runbook: session.runbook, sectionFilters: filters)
        CLI.checkPlaceholders(plan: plan, values: values, environment: options.environment, file: logPath, command: "resume")
        let status = try CLI.execute(plan: plan, session: session, values: values, timeout: execution.timeout, skipSucceeded: true)
        throw ExitCode(status)
    }
}

/// `runbook verify LOG`: checks the hash chain of an incident log.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that an incident log has not been altered: every line's hash chains to the next.",
        discussion: "Exit status: 0 when the chain is intact, 1 when a line was altered (the first bad line is named)."
    )

    @Argument(help: "The incident log (.jsonl).")
    var logPath: String

    func run() throws {
        let result = IncidentLogVerifier.verify(path: logPath)
        switch result {
        case .ok:
            print("\(logPath): \(result)")
        default:
            FileHandle.standardError.write(Data("runbook verify: \(logPath): \(result)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Options `run` and `resume` share.
struct ExecutionOptions: ParsableArguments {
    @Option(name: .customLong("var"), help: "A placeholder value, NAME=VALUE (repeatable); secrets are never kept in the log.")
    var variables: [String] = []

    @Option(help: "Interrupt a command after this many seconds (SIGINT, then SIGKILL 2 s later).")
    var timeout: Double?
}
