import IncidentLog
import RunbookModel

/// A recorded session opened for replay: the log's offset index, the runbook from the log header, and
/// the state folded up to the play head. Moving forward applies one event at a time; jumping anywhere
/// starts from the nearest checkpoint and folds only state events (output lines are not even parsed),
/// so a jump costs milliseconds on a log of hundreds of megabytes once the index and the checkpoints
/// (one pass over the state events when the log is opened) are built.
public final class ReplaySession {
    /// What one step forward did, for the screen.
    public enum Step: Equatable, Sendable {
        case event(SessionEvent)
        case output(commandID: String, bytes: [UInt8])
    }

    public private(set) var index: LogIndex
    public let runbook: Runbook
    /// How many events have been applied (0: before the first).
    public private(set) var position = 0
    public private(set) var state = SessionState()
    /// Event times on the replay timeline (gaps capped by the idle limit), seconds from the first event.
    public private(set) var timeline: [Double] = []
    public private(set) var warnings: [String]
    private let idleLimit: Double?
    private var checkpoints: [(position: Int, state: SessionState)] = [(0, SessionState())]
    private var unknownTypesWarned = Set<String>()
    private static let checkpointEvery = 256

    /// Opens `path`: builds the index in one pass and parses the runbook kept in the header.
    public init(path: String, skipBad: Bool = false, idleLimit: Double? = nil) throws {
        index = try LogIndex.build(path: path, skipBad: skipBad)
        warnings = index.warnings
        self.idleLimit = idleLimit.flatMap { $0 > 0 ? $0 : nil }
        let header = index.header
        runbook = RunbookParser.parse(SourceText(path: header.runbookPath, text: header.runbookSource,
                                                 byteCount: header.runbookSource.utf8.count))
        extendTimeline()
        // One pass over the state events now leaves a checkpoint every 256 events, so no jump later has
        // to fold more than that.
        try seek(to: count)
        for type in state.unknownEventTypes {
            warnings.append("\(path): events of unknown type \"\(type)\" skipped (written by a newer runbook?)")
        }
        try seek(to: 0)
    }

    /// Events in the log.
    public var count: Int { index.entries.count }

    /// Length of the replay timeline in seconds.
    public var duration: Double { timeline.last ?? 0 }

    /// Where the play head is on the timeline.
    public var positionTime: Double { position == 0 ? 0 : timeline[position - 1] }

    /// The session clock (log `mono`) at the play head, for section timers.
    public var monoAtPosition: Double { position == 0 ? (index.entries.first?.mono ?? 0) : index.entries[position - 1].mono }

    /// Indexes of step boundaries (section enter, command start/end, ticks, decisions, notes).
    public var boundaries: [Int] { index.boundaries }

    /// Applies the next event. Nil at the end.
    public func stepForward() throws -> Step? {
        guard position < count else { return nil }
        let event = try decode(position)
        position += 1
        guard let event else { return .event(.unknown(type: "")) }
        state.apply(event)
        if position % Self.checkpointEvery == 0 && checkpoints.last!.position < position {
            checkpoints.append((position, state))
        }
        if case .output(let id, let bytes) = event.event { return .output(commandID: id, bytes: bytes) }
        return .event(event.event)
    }

    /// Moves the play head so that exactly `target` events are applied.
    public func seek(to target: Int) throws {
        let target = min(max(0, target), count)
        if target == position { return }
        if target < position || target - position > Self.checkpointEvery {
            let checkpoint = checkpoints.last { $0.position <= target } ?? (0, SessionState())
            position = checkpoint.position
            state = checkpoint.state
        }
        while position < target {
            if index.entries[position].kind != .output, let event = try decode(position) {
                state.apply(event)
            }
            position += 1
            if position % Self.checkpointEvery == 0 && checkpoints.last!.position < position {
                checkpoints.append((position, state))
            }
        }
    }

    /// The index of the last event whose timeline time is at or before `time`, plus one (events to apply).
    public func position(atTime time: Double) -> Int {
        var low = 0, high = timeline.count
        while low < high {
            let mid = (low + high) / 2
            if timeline[mid] <= time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The command the output pane should show at the play head (running, else the last started) and
    /// the last `maxBytes` of its output up to the play head.
    public func outputTail(maxBytes: Int = 256 << 10) throws -> (commandID: String, bytes: [UInt8])? {
        let id = state.runningCommandID
            ?? state.commands.values.filter { $0.startedAt != nil }.max { ($0.startedAt ?? 0) < ($1.startedAt ?? 0) }?.id
        guard let id else { return nil }
        let bytes = try OutputTails.collect(index, before: position, commands: [id], maxBytes: maxBytes)[id] ?? []
        return (id, bytes)
    }

    /// For --follow: picks up events appended since the last look. Returns how many arrived.
    public func refresh() throws -> Int {
        let added = try index.refresh()
        if added > 0 {
            extendTimeline()
            for warning in index.warnings where !warnings.contains(warning) { warnings.append(warning) }
        }
        return added
    }

    private func extendTimeline() {
        let entries = index.entries
        guard timeline.count < entries.count else { return }
        var previousMono = timeline.isEmpty ? (entries.first?.mono ?? 0) : entries[timeline.count - 1].mono
        var time = timeline.last ?? 0
        for entry in entries[timeline.count...] {
            var gap = max(0, entry.mono - previousMono)
            if let idleLimit { gap = min(gap, idleLimit) }
            time += gap
            timeline.append(time)
            previousMono = entry.mono
        }
    }

    /// The event at `i`, or nil (with one warning per type) when this version cannot decode it.
    private func decode(_ i: Int) throws -> TimedEvent? {
        let event = try index.event(i)
        do {
            return try SessionEventCodec.timed(event)
        } catch {
            if unknownTypesWarned.insert(event.type).inserted {
                warnings.append("\(index.path): event \(event.seq) (\(event.type)): \(error); skipped")
            }
            return nil
        }
    }
}
