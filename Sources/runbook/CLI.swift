import ArgumentParser
import Foundation
import IncidentLog
import RunbookModel
import SessionEngine

/// What the non-interactive fronts share: messages, variables, placeholder checks, the run loop.
enum CLI {
    /// Prints `runbook COMMAND: message` to stderr and exits 2.
    static func fail(_ command: String, _ message: String) -> Never {
        note(command, message)
        Foundation.exit(2)
    }

    /// Prints `runbook COMMAND: message` to stderr.
    static func note(_ command: String, _ message: String) {
        FileHandle.standardError.write(Data("runbook \(command): \(message)\n".utf8))
    }

    /// Reads and parses the runbook at `path`; a file that cannot be read as one ends the program
    /// with its `file:line: error` message and exit 2.
    static func loadRunbook(_ path: String, command: String) -> (SourceText, Runbook) {
        do {
            let source = try SourceDecoder.load(path: path)
            return (source, RunbookParser.parse(source))
        } catch {
            fail(command, error.description)
        }
    }

    /// A log that cannot be read: one line and exit 2; a corrupt middle line also says how to get past it.
    static func failReading(_ command: String, _ error: any Error, skipBad: Bool) -> Never {
        if let error = error as? LogReadError, case .badLine = error, !skipBad {
            fail(command, "\(error) (pass --skip-bad to leave the line out)")
        }
        fail(command, "\(error)")
    }

    /// `NAME=VALUE` options as placeholder values.
    static func parseVariables(_ raw: [String], command: String) throws -> PlaceholderValues {
        var values = PlaceholderValues()
        for entry in raw {
            guard let equals = entry.firstIndex(of: "="), equals > entry.startIndex else {
                fail(command, "--var \"\(entry)\" is not NAME=VALUE")
            }
            values.values[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        return values
    }

    static func sessionOptions(front: String, extra: [String: JSONValue]) -> Session.Options {
        var options = Session.Options()
        options.front = front
        options.extra = extra
        options.toolVersion = RunbookVersion.string
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 {
            options.terminalSize = TerminalSize(rows: size.ws_row, cols: size.ws_col)
        }
        return options
    }

    /// Refuses to start (exit 2) when a command of the plan has a placeholder with no value,
    /// naming each one with its line.
    static func checkPlaceholders(plan: RunPlan, values: PlaceholderValues, environment: [String: String], file: String, command: String) {
        var problems: [String] = []
        var seen = Set<String>()
        for step in plan.steps {
            for placeholder in values.missing(in: step.command, environment: environment)
            where seen.insert(placeholder.name).inserted {
                problems.append("\(file):\(step.command.line): placeholder \(placeholder.token) has no value; pass --var \(placeholder.name)=...")
            }
        }
        guard !problems.isEmpty else { return }
        for problem in problems { note(command, problem) }
        Foundation.exit(2)
    }

    /// Opens a session, turning setup failures into one line and exit 2.
    static func startSession(_ open: () throws -> Session) throws -> Session {
        do {
            return try open()
        } catch {
            fail("run", "\(error)")
        }
    }

    /// The command as echoed before it runs: `$ text`, a long script shortened to its first lines.
    static func commandEcho(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 6 else { return "$ " + text }
        return "$ " + lines.prefix(3).joined(separator: "\n") + "\n  … (\(lines.count - 3) more lines)"
    }

    /// Runs the plan's commands in order, printing a header per command; stops at the first failure.
    /// Returns the exit status for the process.
    static func execute(plan: RunPlan, session: Session, values: PlaceholderValues, timeout: Double?, skipSucceeded: Bool) throws -> Int32 {
        let interrupt = try InterruptTrigger()
        try ProcessGroupRegistry.installSignalHandlers(interruptTrigger: interrupt)
        note("run", "incident log: \(session.logPath)")
        for section in plan.skippedAlternatives {
            note("run", "skipping alternative \"\(section.title)\" (line \(section.line)); pick it with --section")
        }
        for command in plan.excluded {
            note("run", "skipping line \(command.line) (excludeFromRunAll)")
        }
        try session.recordValues(values)
        let out = FileHandle.standardOutput
        var status: Int32 = 0
        for step in plan.steps {
            let id = Session.commandID(step.command)
            if skipSucceeded, session.state.commands[id]?.status == .succeeded { continue }
            if let section = step.section, session.state.currentSectionID != section.id {
                try session.record(.sectionEnter(sectionID: section.id, title: section.title))
            }
            let where_ = step.section.map { "\($0.id) \($0.title)" } ?? "preamble"
            let label = step.command.label.map { " · \($0.split(separator: "\n").first ?? "")" } ?? ""
            out.write(Data("\n── \(where_) · line \(step.command.line)\(label)\n\(commandEcho(values.fill(step.command)))\n".utf8))
            let end = try session.run(
                step.command, sectionID: step.section?.id, values: values,
                timeout: timeout.map { .milliseconds(Int64($0 * 1000)) }, interrupt: interrupt
            ) { bytes in out.write(Data(bytes)) }
            if !end.succeeded {
                status = end.exitCode ?? (128 + (end.signal ?? 0))
                let why = end.timedOut ? "timed out" : end.interrupted ? "interrupted" : end.signal.map { "killed by signal \($0)" } ?? "exit \(status)"
                note("run", "line \(step.command.line) failed (\(why)) after \(String(format: "%.1f", end.durationSeconds)) s; stopping")
                if status == 0 { status = 1 }
                break
            }
        }
        try session.end(reason: status == 0 ? "completed" : "failed")
        note("run", status == 0 ? "\(plan.steps.count == 1 ? "the command" : "all \(plan.steps.count) commands") passed; log: \(session.logPath)" : "log: \(session.logPath)")
        return status
    }
}
