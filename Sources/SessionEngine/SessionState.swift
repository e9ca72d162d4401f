/// The state of a session: a pure fold of its events. Nothing else changes it.
public struct SessionState: Equatable, Sendable {
    public var mode: SessionMode = .live
    public var runbookTitle: String = ""
    public var started = false
    public var endReason: String?
    /// The section the operator is in.
    public var currentSectionID: String?
    /// Every section entered, with the time spent there.
    public var sections: [String: SectionProgress] = [:]
    /// Every command started, by command id.
    public var commands: [String: CommandRecord] = [:]
    /// Command ids in the order they were first started.
    public var commandOrder: [String] = []
    /// The command running now, if any.
    public var runningCommandID: String?
    /// Ticked checklist items.
    public var checked: Set<String> = []
    public var variables: [String: VariableValue] = [:]
    public var notes: [TimedText] = []
    public var decisions: [DecisionRecord] = []
    public var timers: [String: TimerRecord] = [:]
    public var resumes = 0
    /// Half-written lines the log writer removed after a crash.
    public var logRepairs = 0
    /// Seconds since the session started, as of the last event.
    public var clock: Double = 0
    public var lastSeq = 0
    /// Event types this version does not know, each listed once.
    public var unknownEventTypes: [String] = []

    public init() {}

    /// The state after `events`, in order.
    public static func fold<S: Sequence>(_ events: S) -> SessionState where S.Element == TimedEvent {
        var state = SessionState()
        for event in events { state.apply(event) }
        return state
    }

    public var ended: Bool { endReason != nil }

    /// Applies one event. Events are trusted to be in log order; a late or duplicate event is applied
    /// as written (the log is the truth), never a crash.
    public mutating func apply(_ timed: TimedEvent) {
        lastSeq = max(lastSeq, timed.seq)
        clock = max(clock, timed.mono)
        let now = timed.mono
        switch timed.event {
        case .sessionStart(let start):
            started = true
            mode = start.mode
            runbookTitle = start.runbookTitle
        case .sectionEnter(let id, let title):
            leaveCurrentSection(at: now)
            currentSectionID = id
            var progress = sections[id] ?? SectionProgress(id: id, title: title)
            progress.enteredAt = now
            progress.visits += 1
            if progress.firstEnteredAt == nil { progress.firstEnteredAt = now }
            sections[id] = progress
        case .commandStart(let start):
            var record = commands[start.commandID] ?? CommandRecord(id: start.commandID)
            if commands[start.commandID] == nil { commandOrder.append(start.commandID) }
            record.status = .running
            record.sectionID = start.sectionID
            record.line = start.line
            record.text = start.text
            record.label = start.label
            record.startedAt = now
            record.endedAt = nil
            record.exitCode = nil
            record.signal = nil
            record.runs += 1
            record.outputBytes = 0
            commands[start.commandID] = record
            runningCommandID = start.commandID
        case .output(let id, let bytes):
            commands[id]?.outputBytes += bytes.count
        case .commandEnd(let end):
            var record = commands[end.commandID] ?? CommandRecord(id: end.commandID)
            if commands[end.commandID] == nil { commandOrder.append(end.commandID) }
            record.exitCode = end.exitCode
            record.signal = end.signal
            record.endedAt = now
            record.duration = end.durationSeconds
            record.status = end.succeeded ? .succeeded
                : end.timedOut ? .timedOut
                : end.interrupted ? .interrupted
                : .failed
            commands[end.commandID] = record
            if runningCommandID == end.commandID { runningCommandID = nil }
        case .check(let id, _):
            checked.insert(id)
        case .uncheck(let id):
            checked.remove(id)
        case .variableSet(let name, let value, let secret):
            variables[name] = VariableValue(value: value, secret: secret, setAt: now)
        case .note(let text):
            notes.append(TimedText(at: now, text: text))
        case .decision(let group, let choice, let rationale):
            decisions.append(DecisionRecord(groupID: group, choice: choice, rationale: rationale, at: now))
        case .timerStart(let id, let kind, let seconds):
            timers[id] = TimerRecord(id: id, kind: kind, seconds: seconds, startedAt: now)
        case .timerStop(let id):
            timers[id]?.stoppedAt = now
        case .resume:
            resumes += 1
            endReason = nil
            // A command that was running when the player died did not finish: mark it as such.
            if let id = runningCommandID {
                commands[id]?.status = .abandoned
                runningCommandID = nil
            }
        case .sessionEnd(let reason):
            leaveCurrentSection(at: now)
            endReason = reason
        case .logRepaired:
            logRepairs += 1
        case .unknown(let type):
            if !unknownEventTypes.contains(type) { unknownEventTypes.append(type) }
        }
    }

    private mutating func leaveCurrentSection(at now: Double) {
        guard let id = currentSectionID, var progress = sections[id], let entered = progress.enteredAt else { return }
        progress.timeSpent += max(0, now - entered)
        progress.enteredAt = nil
        sections[id] = progress
    }

    /// Seconds spent in a section so far, counting the current visit up to `now`.
    public func timeSpent(inSection id: String, now: Double) -> Double {
        guard let progress = sections[id] else { return 0 }
        return progress.timeSpent + (progress.enteredAt.map { max(0, now - $0) } ?? 0)
    }
}

/// An event with its place in the log.
public struct TimedEvent: Equatable, Sendable {
    public var seq: Int
    /// Seconds since the session started (monotonic clock).
    public var mono: Double
    public var event: SessionEvent
    public init(seq: Int, mono: Double, event: SessionEvent) {
        self.seq = seq
        self.mono = mono
        self.event = event
    }
}

/// Time spent in one section.
public struct SectionProgress: Equatable, Sendable {
    public var id: String
    public var title: String
    public var visits = 0
    public var firstEnteredAt: Double?
    /// Start of the current visit, nil when the operator is elsewhere.
    public var enteredAt: Double?
    /// Seconds spent in finished visits.
    public var timeSpent: Double = 0
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// What happened to one runbook command.
public struct CommandRecord: Equatable, Sendable {
    /// Where a command stands.
    public enum Status: String, Sendable { case notStarted, running, succeeded, failed, interrupted, timedOut, abandoned }
    public var id: String
    public var status: Status = .notStarted
    public var sectionID: String?
    public var line = 0
    public var label: String?
    public var text = ""
    public var startedAt: Double?
    public var endedAt: Double?
    public var duration: Double?
    public var exitCode: Int32?
    public var signal: Int32?
    public var runs = 0
    public var outputBytes = 0
    public init(id: String) { self.id = id }
}

/// A variable's value; secrets are never shown or written in clear.
public struct VariableValue: Equatable, Sendable {
    public var value: String
    public var secret: Bool
    public var setAt: Double
}

/// A note with its time.
public struct TimedText: Equatable, Sendable {
    public var at: Double
    public var text: String
}

/// A decision the operator recorded.
public struct DecisionRecord: Equatable, Sendable {
    public var groupID: String?
    public var choice: String
    public var rationale: String
    public var at: Double
}

/// A timer: the phase budget clock or a "monitor for N minutes" countdown.
public struct TimerRecord: Equatable, Sendable {
    public var id: String
    public var kind: String
    public var seconds: Int
    public var startedAt: Double
    public var stoppedAt: Double?

    /// Seconds left at `now` (negative when overdue).
    public func remaining(at now: Double) -> Double {
        Double(seconds) - ((stoppedAt ?? now) - startedAt)
    }
}
