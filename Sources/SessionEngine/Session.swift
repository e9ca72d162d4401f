import Foundation
import IncidentLog
import RunbookModel

/// A session being played: the runbook, its incident log, the state folded from the log, and (in a live
/// session) the shell that runs commands. Every change is first written to the log (state events are
/// fsync'd) and only then applied to the state, so the log is the truth and `resume` folds it back.
public final class Session {
    /// How a session is set up.
    public struct Options: Sendable {
        public var mode: SessionMode = .live
        /// Which front drives it ("run", "play").
        public var front = "run"
        /// Environment for commands (defaults to the player's own).
        public var environment = ProcessInfo.processInfo.environment
        /// Directory commands start in.
        public var directory = FileManager.default.currentDirectoryPath
        public var terminalSize = TerminalSize.standard
        /// Free-form facts for the log header (the `run` front stores its filters here).
        public var extra: [String: JSONValue] = [:]
        public var toolVersion = "0.1.0"
        public init() {}
    }

    public let runbook: Runbook
    public let logPath: String
    public private(set) var state: SessionState
    /// Things noticed while loading or resuming (unknown event types, unreadable events).
    public private(set) var warnings: [String] = []
    public let header: LogHeader
    let writer: IncidentLogWriter
    let shell: ShellSession?
    /// The command started by `begin` and not yet `finish`ed, if any. At most one at a time.
    public internal(set) var activeCommand: ActiveCommand?

    private init(runbook: Runbook, writer: IncidentLogWriter, state: SessionState, shell: ShellSession?) {
        self.runbook = runbook
        self.writer = writer
        self.logPath = writer.path
        self.header = writer.header
        self.state = state
        self.shell = shell
    }

    /// Starts a new session on `runbook` (read from `source`), writing its log to `logPath` or to the
    /// default location under `$XDG_STATE_HOME/runbook/sessions/`.
    public static func start(runbook: Runbook, source: [UInt8], logPath: String?, options: Options) throws -> Session {
        let sessionID = LogLocation.newSessionID()
        let now = Date()
        let path = logPath ?? LogLocation.defaultPath(
            runbookName: runbook.title ?? runbook.path ?? "runbook", sessionID: sessionID, date: now,
            environment: options.environment)
        let header = LogHeader(
            toolVersion: options.toolVersion, sessionID: sessionID, mode: options.mode.rawValue,
            runbookPath: runbook.path ?? "", sourceBytes: source,
            terminal: LogTerminalSize(rows: Int(options.terminalSize.rows), cols: Int(options.terminalSize.cols)),
            startedAt: now, extra: options.extra)
        let writer = try IncidentLogWriter.create(at: path, header: header)
        let shell = options.mode == .live
            ? try ShellSession(environment: options.environment, directory: options.directory) : nil
        let session = Session(runbook: runbook, writer: writer, state: SessionState(), shell: shell)
        try session.record(.sessionStart(SessionStart(mode: options.mode, runbookTitle: runbook.title ?? "", front: options.front)))
        return session
    }

    /// Re-opens the session logged at `logPath`: folds every event back into the state, re-reads the
    /// runbook from the source kept in the log header, and records a `resume` event.
    public static func resume(logPath: String, options: Options) throws -> Session {
        let (writer, contents) = try IncidentLogWriter.reopen(at: logPath)
        let runbook = RunbookParser.parse(
            SourceText(path: contents.header.runbookPath, text: contents.header.runbookSource,
                       byteCount: contents.header.runbookSource.utf8.count))
        let (state, warnings) = SessionLog.fold(contents, path: logPath)
        let mode = SessionMode(rawValue: contents.header.mode) ?? .live
        let shell = mode == .live ? try ShellSession(environment: options.environment, directory: options.directory) : nil
        let session = Session(runbook: runbook, writer: writer, state: state, shell: shell)
        session.warnings = warnings
        try session.record(.resume(host: LogHeader.systemHost(), user: LogHeader.systemUser()))
        return session
    }

    /// Writes `event` to the log (fsync'd), then applies it to the state.
    public func record(_ event: SessionEvent) throws {
        let (type, payload) = SessionEventCodec.encode(event)
        let logged = try writer.append(type: type, payload: payload)
        state.apply(TimedEvent(seq: logged.seq, mono: logged.mono, event: event))
    }

    /// Records `variable-set` for every value the state does not already hold as it is, in name order
    /// (names that look like secrets are logged with an empty value by the codec).
    public func recordValues(_ values: PlaceholderValues) throws {
        for (name, value) in values.values.sorted(by: { $0.key < $1.key }) where state.variables[name]?.value != value {
            try record(.variableSet(name: name, value: value, secret: PlaceholderValues.isSecret(name)))
        }
    }

    /// Stable id of a runbook command: the source line it starts on.
    public static func commandID(_ command: Command) -> String { "L\(command.line)" }

    /// Stable id of a checklist item: its source line.
    public static func itemID(_ item: ListItem) -> String { "L\(item.line)" }

    /// Runs `command` in the session's shell to completion, streaming its output to `onOutput` and
    /// to the log. Placeholder values are filled in first; the text actually run is what is logged.
    /// Presses of `interrupt` interrupt it (the first SIGINT, later ones SIGKILL). A blocking loop over
    /// `begin` / `ActiveCommand.service` / `finish`; throws what `begin` throws.
    @discardableResult
    public func run(
        _ command: Command, sectionID: String?, values: PlaceholderValues, timeout: Duration? = nil,
        interrupt: InterruptTrigger? = nil, onOutput: ([UInt8]) -> Void
    ) throws -> CommandEnd {
        let active = try begin(command, sectionID: sectionID, values: values, timeout: timeout, interrupt: interrupt)
        while !active.isFinished {
            waitForActivity(active.pollDescriptors, until: active.nextDeadline)
            active.service(budget: CommandStepper.blockingBudget, onOutput: onOutput)
        }
        return try finish(active)
    }

    /// Buffers output of command `id` in the log (flushed when due) and applies it to the state.
    func appendOutput(commandID id: String, bytes: [UInt8]) {
        writer.appendOutput(command: id, bytes: bytes)
        state.apply(TimedEvent(seq: 0, mono: 0, event: .output(commandID: id, bytes: bytes)))
        _ = try? writer.flushIfDue()
    }

    /// The session clock now (seconds since the session began, the scale of the state's times).
    public var clockNow: Double { writer.mono }

    /// Terminal size given to commands; the interactive front updates it on resize.
    public var currentSize: TerminalSize = .standard

    /// Flushes buffered output to the log if it is due (call from a ~100 ms tick).
    public func tick() {
        _ = try? writer.flushIfDue()
    }

    /// Ends the session: records `session-end`, flushes and closes the log, closes the shell.
    /// A command still active is abandoned first (killed, recorded as interrupted).
    public func end(reason: String) throws {
        if let active = activeCommand { _ = try finish(active, abandon: true) }
        if !state.ended { try record(.sessionEnd(reason: reason)) }
        try writer.close()
        shell?.close()
    }
}
