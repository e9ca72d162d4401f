extension LogIndex {
    /// What an indexed event is, in one byte: enough for replay to find steps and output without reading
    /// the line again.
    public enum EventKind: UInt8, Sendable {
        case output, sectionEnter, commandStart, commandEnd, check, uncheck, decision, note, variableSet, timerStart,
             timerStop, sessionStart, sessionEnd, resume, other

        /// The kind of an event `type` as the session engine writes it; unknown types are `.other`.
        public init(type: String) {
            switch type {
            case LogEvent.outputType: self = .output
            case "section-enter": self = .sectionEnter
            case "command-start": self = .commandStart
            case "command-end": self = .commandEnd
            case "check": self = .check
            case "uncheck": self = .uncheck
            case "decision": self = .decision
            case "note": self = .note
            case "variable-set": self = .variableSet
            case "timer-start": self = .timerStart
            case "timer-stop": self = .timerStop
            case "session-start": self = .sessionStart
            case "session-end": self = .sessionEnd
            case "resume": self = .resume
            default: self = .other
            }
        }

        /// Step boundaries for ]/[ in replay: section enter, command start/end, check/uncheck, decision, note.
        public var isStepBoundary: Bool {
            switch self {
            case .sectionEnter, .commandStart, .commandEnd, .check, .uncheck, .decision, .note: true
            default: false
            }
        }
    }
}
