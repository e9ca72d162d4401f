import Foundation

/// Where every event of an incident log starts, what kind it is and when it happened, built in one
/// streaming pass so replay can seek anywhere in a log of hundreds of megabytes and read one event at a
/// time (`event(_:)`).
///
/// Reading rules are the reader's (`IncidentLogReader`): an empty file, a file that is not a log or a log
/// from a newer format throw `LogReadError`; a torn last line is a warning and is left out; a bad line in
/// the middle throws `.badLine` naming it, or with `skipBad` is skipped with a warning; seq gaps are
/// warnings. Output lines are not JSON-parsed while indexing (see `OutputLineScanner`); every other line is.
/// The hash chain is not checked (see `IncidentLogVerifier`).
public struct LogIndex: Sendable {
    /// One indexed event line.
    public struct Entry: Equatable, Sendable {
        /// The event's `seq`.
        public var seq: Int
        /// Byte offset of the line's first byte.
        public var offset: Int64
        /// The line's length in bytes, without its newline.
        public var length: Int32
        /// The event's `mono` (seconds since the session began).
        public var mono: Double
        /// What the event is.
        public var kind: EventKind

        /// An entry with every field given.
        public init(seq: Int, offset: Int64, length: Int32, mono: Double, kind: EventKind) {
            self.seq = seq
            self.offset = offset
            self.length = length
            self.mono = mono
            self.kind = kind
        }
    }

    /// The log file as given to `build`.
    public let path: String
    /// The log's first line.
    public let header: LogHeader
    /// Every readable event line, in file order.
    public internal(set) var entries: [Entry] = []
    /// Recoverable oddities as `line N: what`: a torn last line, skipped bad lines, seq gaps.
    public internal(set) var warnings: [String] = []
    /// Indexes into `entries` of the step boundaries (`EventKind.isStepBoundary`), ascending: targets for
    /// ]/[ in replay and the progress bar's markers.
    public internal(set) var boundaries: [Int] = []

    /// The open file, shared by copies of the index.
    let file: LineReader
    let skipBad: Bool
    /// Bytes consumed so far: the end of the last complete line looked at.
    var scannedLength = 0
    /// The 1-based file line number of the line starting at `scannedLength`.
    var nextLine = 2
    /// File line numbers of skipped bad lines, ascending (for `lineNumber(_:)`).
    var skippedLines: [Int] = []
    /// Where in `warnings` the torn-tail warning sits, and the line it is about, while that line is incomplete.
    var tornWarning: (position: Int, line: Int)?
    /// Warnings not kept because there were already `IncidentLogReader.maximumWarnings`.
    var omittedWarnings = 0

    init(path: String, header: LogHeader, file: LineReader, skipBad: Bool) {
        self.path = path
        self.header = header
        self.file = file
        self.skipBad = skipBad
    }

    /// Indexes the log at `path` in one streaming pass (bounded memory apart from the entries array).
    /// Output lines are located, not parsed: their `seq`, `mono` and `type` are found cheaply when the
    /// line has the writer's key order (seq, time, mono, type, payload, prev); lines in any other order
    /// are parsed fully. A bad line in the middle throws `LogReadError.badLine` naming it unless
    /// `skipBad`; a torn last line is a warning and left out (a later `refresh()` picks it up once
    /// complete).
    public static func build(path: String, skipBad: Bool = false) throws -> LogIndex {
        try IncidentLogReader.checkLooksLikeLog(path: path)
        let file = try LineReader(path: path)
        var header: LogHeader?
        var headerLength = 0
        // Line 1 is decoded on its own so the pass over the events below can start right after it.
        do {
            try file.forEachLine { line in
                header = try LogLineDecoder.header(line, path: path)
                headerLength = line.bytes.count + 1
                throw StopReading()
            }
        } catch is StopReading {}
        guard let header else { throw LogReadError.empty(path: path) }
        var index = LogIndex(path: path, header: header, file: file, skipBad: skipBad)
        index.scannedLength = headerLength
        try index.scan(warnTornTail: true)
        return index
    }

    /// For `--follow`: indexes the complete lines appended since the last `build`/`refresh` and returns
    /// how many entries were added (0 when nothing new). A partial last line is left for a later call;
    /// once it is complete, the torn-tail warning `build` gave for it is dropped.
    public mutating func refresh() throws -> Int {
        let before = entries.count
        let size = try file.size()
        if size < scannedLength {
            throw LogReadError.io(path: path, message: "the log shrank from \(scannedLength) to \(size) bytes since it was indexed; open it again")
        }
        if size == scannedLength { return 0 }
        try scan(warnTornTail: false)
        return entries.count - before
    }

    /// Reads entry `i` again (one `pread` at its offset) and parses it into a `LogEvent`. Throws
    /// `.badLine` naming the file line when the line is not a valid event (possible for an output line,
    /// which indexing did not parse), `.io` when the file changed underneath.
    public func event(_ i: Int) throws -> LogEvent {
        guard entries.indices.contains(i) else {
            throw LogReadError.io(path: path, message: "no event number \(i) (the index has \(entries.count))")
        }
        let entry = entries[i]
        let bytes = try file.readLine(at: Int(entry.offset), length: Int(entry.length))
        let decoded = bytes.withUnsafeBytes { LogLineDecoder.event($0) }
        switch decoded {
        case .success(let event): return event
        case .failure(let problem): throw LogReadError.badLine(path: path, line: lineNumber(i), reason: problem.reason)
        }
    }

    /// Index of the last entry with `mono <= t` (binary search; the writer never lets `mono` go
    /// backwards), `nil` when `t` is before the first entry. Among equal `mono`s, the last one.
    public func lastIndex(atOrBefore mono: Double) -> Int? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].mono <= mono { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }

    /// The 1-based file line of entry `i` (the header is line 1), for messages.
    public func lineNumber(_ i: Int) -> Int {
        var line = i + 2
        for skipped in skippedLines {
            if skipped <= line { line += 1 } else { break }
        }
        return line
    }
}

/// Thrown to leave `LineReader.forEachLine` early.
private struct StopReading: Error {}
