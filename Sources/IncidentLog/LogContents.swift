/// A whole incident log as read into memory by `IncidentLogReader.read`.
public struct LogContents: Equatable, Sendable {
    /// The first line.
    public var header: LogHeader
    /// Every event line that was read, in file order (skipped bad lines and a torn tail excluded).
    public var events: [LogEvent]
    /// Recoverable oddities: a torn last line, skipped bad lines, seq gaps or repeats.
    public var warnings: [LogWarning]
    /// `true` when the last line had no newline (the writer was stopped mid-write) and was ignored.
    public var tornTail: Bool

    /// Contents with every field given.
    public init(header: LogHeader, events: [LogEvent], warnings: [LogWarning], tornTail: Bool) {
        self.header = header
        self.events = events
        self.warnings = warnings
        self.tornTail = tornTail
    }
}

/// What `IncidentLogReader.forEachEvent` learned besides the events it streamed.
public struct LogSummary: Equatable, Sendable {
    /// The first line.
    public var header: LogHeader
    /// How many events were passed to the callback.
    public var eventCount: Int
    /// The last event passed to the callback, if any.
    public var lastEvent: LogEvent?
    /// Recoverable oddities: a torn last line, skipped bad lines, seq gaps or repeats.
    public var warnings: [LogWarning]
    /// `true` when the last line had no newline (the writer was stopped mid-write) and was ignored.
    public var tornTail: Bool

    /// A summary with every field given.
    public init(header: LogHeader, eventCount: Int, lastEvent: LogEvent?, warnings: [LogWarning], tornTail: Bool) {
        self.header = header
        self.eventCount = eventCount
        self.lastEvent = lastEvent
        self.warnings = warnings
        self.tornTail = tornTail
    }
}
