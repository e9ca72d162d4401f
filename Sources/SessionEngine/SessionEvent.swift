/// Everything that can happen in a session. The incident log stores these; the session state is a
/// pure fold of them (`SessionState.apply`), so live play, resume and replay cannot disagree.
public enum SessionEvent: Equatable, Sendable {
    case sessionStart(SessionStart)
    case sectionEnter(sectionID: String, title: String)
    case commandStart(CommandStart)
    /// Raw bytes from the command's terminal, lossless.
    case output(commandID: String, bytes: [UInt8])
    case commandEnd(CommandEnd)
    case check(itemID: String, text: String)
    case uncheck(itemID: String)
    case variableSet(name: String, value: String, secret: Bool)
    case note(text: String)
    /// A choice among alternatives (or any decision), with why.
    case decision(groupID: String?, choice: String, rationale: String)
    case timerStart(timerID: String, kind: String, seconds: Int)
    case timerStop(timerID: String)
    /// The session was picked up again from its log by `runbook resume`.
    case resume(host: String, user: String)
    case sessionEnd(reason: String)
    /// The log writer cut a half-written last line after a crash (`IncidentLogWriter.tornTailEventType`).
    case logRepaired(line: Int, bytes: Int)
    /// An event type this version does not know (written by a newer runbook); kept, not applied.
    case unknown(type: String)

    /// The `type` string written to the log.
    public var typeName: String {
        switch self {
        case .sessionStart: "session-start"
        case .sectionEnter: "section-enter"
        case .commandStart: "command-start"
        case .output: "output"
        case .commandEnd: "command-end"
        case .check: "check"
        case .uncheck: "uncheck"
        case .variableSet: "variable-set"
        case .note: "note"
        case .decision: "decision"
        case .timerStart: "timer-start"
        case .timerStop: "timer-stop"
        case .resume: "resume"
        case .sessionEnd: "session-end"
        case .logRepaired: "log-torn-tail-removed"
        case .unknown(let type): type
        }
    }
}

/// What kind of session it is.
public enum SessionMode: String, Sendable, Codable {
    /// Commands run for real.
    case live
    /// A tabletop exercise: nothing is executed; a scenario plays outputs.
    case drill
}

/// Payload of `session-start`.
public struct SessionStart: Equatable, Sendable {
    public var mode: SessionMode
    public var runbookTitle: String
    public var front: String
    public init(mode: SessionMode, runbookTitle: String, front: String) {
        self.mode = mode
        self.runbookTitle = runbookTitle
        self.front = front
    }
}

/// Payload of `command-start`: the command as it was really run (placeholders filled in).
public struct CommandStart: Equatable, Sendable {
    /// Stable id of the runbook command ("L39": the source line it starts on).
    public var commandID: String
    public var sectionID: String?
    public var line: Int
    public var label: String?
    public var text: String
    public init(commandID: String, sectionID: String?, line: Int, label: String?, text: String) {
        self.commandID = commandID
        self.sectionID = sectionID
        self.line = line
        self.label = label
        self.text = text
    }
}

/// Payload of `command-end`.
public struct CommandEnd: Equatable, Sendable {
    public var commandID: String
    /// Exit status when the command exited; nil when a signal ended it.
    public var exitCode: Int32?
    /// The signal that ended it, if any.
    public var signal: Int32?
    public var durationSeconds: Double
    public var timedOut: Bool
    public var interrupted: Bool
    public init(commandID: String, exitCode: Int32?, signal: Int32?, durationSeconds: Double, timedOut: Bool = false, interrupted: Bool = false) {
        self.commandID = commandID
        self.exitCode = exitCode
        self.signal = signal
        self.durationSeconds = durationSeconds
        self.timedOut = timedOut
        self.interrupted = interrupted
    }

    /// True when the command exited with status 0.
    public var succeeded: Bool { exitCode == 0 && signal == nil && !timedOut }
}
