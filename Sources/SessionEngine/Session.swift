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
    private let writer: IncidentLogWriter
    private let shell: ShellSession?

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
        var state = SessionState()
        var warnings = contents.warnings.map { "\(logPath):\($0.line): \($0.message)" }
        for event in contents.events {
            do {
                state.apply(try SessionEventCodec.timed(event))
            } catch {
                warnings.append("\(logPath): event \(event.seq): \(error); skipped")
            }
        }
        for type in state.unknownEventTypes {
            warnings.append("\(logPath): events of unknown type \"\(type)\" skipped (written by a newer runbook?)")
        }
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

    /// Stable id of a runbook command: the source line it starts on.
    public static func commandID(_ command: Command) -> String { "L\(command.line)" }

    /// Stable id of a checklist item: its source line.
    public static func itemID(_ item: ListItem) -> String { "L\(item.line)" }

    /// Runs `command` in the session's shell to completion, streaming its output to `onOutput` and
    /// to the log. Placeholder values are filled in first; the text actually run is what is logged.
    @discardableResult
    public func run(
        _ command: Command, sectionID: String?, values: PlaceholderValues, timeout: Duration? = nil,
        interrupt: InterruptTrigger? = nil, onOutput: ([UInt8]) -> Void
    ) throws -> CommandEnd {
        guard let shell else { throw SessionError(.closed, "this is a drill: commands are not executed") }
        let id = Session.commandID(command)
        let text = values.fill(command)
        try record(.commandStart(CommandStart(commandID: id, sectionID: sectionID, line: command.line, label: command.label, text: text)))
        let started = ContinuousClock.now
        let end: CommandEnd
        do {
            let running = try shell.start(text, size: currentSize, timeout: timeout, environment: values.environment(for: command))
            let result = runToCompletion(
                running, timeout: timeout, interrupt: interrupt, tickInterval: .milliseconds(50),
                onTick: { _ = try? writer.flushIfDue() }
            ) { bytes in
                onOutput(bytes)
                writer.appendOutput(command: id, bytes: bytes)
                state.apply(TimedEvent(seq: 0, mono: 0, event: .output(commandID: id, bytes: bytes)))
                _ = try? writer.flushIfDue()
            }
            let (exitCode, signal): (Int32?, Int32?) = switch result.termination {
            case .exited(let code): (code, nil)
            case .signaled(let number): (nil, number)
            }
            end = CommandEnd(
                commandID: id, exitCode: exitCode, signal: signal, durationSeconds: seconds(result.duration),
                timedOut: result.timedOut, interrupted: result.interrupted)
        } catch {
            // The shell could not even start: the command failed, and says why in its output.
            let message = Array("runbook: \(error)\r\n".utf8)
            onOutput(message)
            writer.appendOutput(command: id, bytes: message)
            state.apply(TimedEvent(seq: 0, mono: 0, event: .output(commandID: id, bytes: message)))
            end = CommandEnd(commandID: id, exitCode: 127, signal: nil, durationSeconds: seconds(ContinuousClock.now - started))
        }
        try record(.commandEnd(end))
        return end
    }

    /// Terminal size given to commands; the interactive front updates it on resize.
    public var currentSize: TerminalSize = .standard

    /// Flushes buffered output to the log if it is due (call from a ~100 ms tick).
    public func tick() {
        _ = try? writer.flushIfDue()
    }

    /// Ends the session: records `session-end`, flushes and closes the log, closes the shell.
    public func end(reason: String) throws {
        if !state.ended { try record(.sessionEnd(reason: reason)) }
        try writer.close()
        shell?.close()
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
