import Foundation

/// Reads incident logs, streaming line by line (memory is bounded by the longest line, not the file).
///
/// Rules:
/// - an empty file throws `.empty`; a first line that is not a `"format":"runbook-incident-log"` object
///   throws `.notALog`; a `format_version` above `supportedFormatVersion` throws `.newerFormat`;
/// - a last line without a newline (the writer was killed mid-write) is ignored: everything before it
///   loads, `tornTail` is set and a warning names the line;
/// - any other line that is not valid JSON or lacks an event field throws `.badLine` naming the line, or
///   with `skipBad: true` is skipped with a warning;
/// - event `type`s are free strings (unknown ones are the caller's business);
/// - seq gaps, repeats and steps backwards are warnings.
///
/// The hash chain is not checked here (see `IncidentLogVerifier`).
public enum IncidentLogReader {
    /// The newest `format_version` this code understands.
    public static let supportedFormatVersion = LogHeader.currentFormatVersion
    /// At most this many warnings are kept; one more says how many were left out.
    public static let maximumWarnings = 1000

    /// Reads the whole log into memory.
    public static func read(path: String, skipBad: Bool = false) throws(LogReadError) -> LogContents {
        var events: [LogEvent] = []
        let scan = try scan(path: path, skipBad: skipBad) { events.append($0) }
        return LogContents(header: scan.header, events: events, warnings: scan.warnings, tornTail: scan.tornTail)
    }

    /// Streams the log's events to `body` one at a time without keeping them; returns the header,
    /// warnings and counts. Errors thrown by `body` stop the read and are rethrown as they are.
    public static func forEachEvent(
        path: String, skipBad: Bool = false, _ body: (LogEvent) throws -> Void
    ) throws -> LogSummary {
        let scan = try scanAny(path: path, skipBad: skipBad, body)
        return LogSummary(header: scan.header, eventCount: scan.eventCount, lastEvent: scan.lastEvent,
                          warnings: scan.warnings, tornTail: scan.tornTail)
    }

    /// Everything a scan learns, including what `IncidentLogWriter.reopen` needs to continue the chain.
    struct Scan {
        var header: LogHeader
        var eventCount: Int
        var lastEvent: LogEvent?
        var warnings: [LogWarning]
        var tornTail: Bool
        /// Byte length of the file up to and including the newline of the last good line.
        var validLength: Int
        /// Where the last good (header or event) line starts, and its length without the newline.
        var lastLineOffset: Int
        var lastLineLength: Int
        /// 1-based number of the torn line, when there is one.
        var tornLine: Int?
    }

    /// Like `scanAny`, for callbacks that cannot throw, keeping the typed error.
    static func scan(path: String, skipBad: Bool, _ body: (LogEvent) -> Void) throws(LogReadError) -> Scan {
        do {
            return try scanAny(path: path, skipBad: skipBad, body)
        } catch let error as LogReadError {
            throw error
        } catch {
            throw .io(path: path, message: "\(error)")
        }
    }

    static func scanAny(path: String, skipBad: Bool, _ body: (LogEvent) throws -> Void) throws -> Scan {
        let reader = try LineReader(path: path)
        try checkLooksLikeLog(path: path)
        var header: LogHeader?
        var warnings: [LogWarning] = []
        var omittedWarnings = 0
        var eventCount = 0
        var lastEvent: LogEvent?
        var tornLine: Int?
        var validLength = 0
        var lastLineOffset = 0
        var lastLineLength = 0
        func warn(_ line: Int, _ message: String) {
            if warnings.count < maximumWarnings { warnings.append(LogWarning(line: line, message: message)) } else { omittedWarnings += 1 }
        }
        try reader.forEachLine { line in
            if line.number == 1 {
                header = try LogLineDecoder.header(line, path: path)
                validLength = line.bytes.count + 1
                lastLineLength = line.bytes.count
                return
            }
            if !line.terminated {
                tornLine = line.number
                warn(line.number, tornLineMessage(line.number))
                return
            }
            let event: LogEvent
            switch LogLineDecoder.event(line.bytes) {
            case .success(let decoded):
                event = decoded
            case .failure(let problem):
                guard skipBad else { throw LogReadError.badLine(path: path, line: line.number, reason: problem.reason) }
                warn(line.number, "skipped: \(problem.reason)")
                return
            }
            if let message = seqProblem(event.seq, after: lastEvent?.seq) { warn(line.number, message) }
            try body(event)
            eventCount += 1
            lastEvent = event
            validLength = line.offset + line.bytes.count + 1
            lastLineOffset = line.offset
            lastLineLength = line.bytes.count
        }
        guard let header else { throw LogReadError.empty(path: path) }
        if omittedWarnings > 0 {
            warnings.append(LogWarning(line: warnings.last?.line ?? 1, message: "\(omittedWarnings) more warnings not shown"))
        }
        return Scan(header: header, eventCount: eventCount, lastEvent: lastEvent, warnings: warnings,
                    tornTail: tornLine != nil, validLength: validLength, lastLineOffset: lastLineOffset,
                    lastLineLength: lastLineLength, tornLine: tornLine)
    }

    /// The warning for a last line without a newline (a torn write), left out of what is read.
    static func tornLineMessage(_ line: Int) -> String {
        "line \(line) is incomplete (no newline at the end: the writer stopped mid-line); ignored"
    }

    /// The warning for an event numbered `seq` after one numbered `previous` (nil before the first).
    static func seqProblem(_ seq: Int, after previous: Int?) -> String? {
        guard let previous else { return seq == 1 ? nil : "first event has seq \(seq), expected 1" }
        if seq == previous + 1 { return nil }
        if seq == previous { return "seq \(seq) repeats the previous event's seq" }
        if seq < previous { return "seq \(seq) goes backwards after \(previous)" }
        let missing = seq - previous - 1
        return "seq \(seq) follows \(previous) (\(missing) event\(missing == 1 ? "" : "s") missing)"
    }

    /// Rejects empty files and files whose first non-blank byte is not `{` before reading any further,
    /// so a large binary file fails fast.
    static func checkLooksLikeLog(path: String) throws(LogReadError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, message: "cannot open: \(errnoMessage())") }
        defer { close(fd) }
        var prefix = [UInt8](repeating: 0, count: 64)
        var count = 0
        repeat {
            count = prefix.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        } while count < 0 && errno == EINTR
        guard count >= 0 else { throw .io(path: path, message: "read failed: \(errnoMessage())") }
        if count == 0 { throw .empty(path: path) }
        guard let first = prefix[0..<count].first(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { throw .notALog(path: path) }
        if first != UInt8(ascii: "{") { throw .notALog(path: path) }
    }
}

/// Turns raw lines into headers and events with user-facing reasons; shared by reader and verifier.
enum LogLineDecoder {
    /// The header from line 1, or the error the reader reports for it.
    static func header(_ line: RawLine, path: String) throws(LogReadError) -> LogHeader {
        let value: JSONValue
        do {
            value = try JSONValueParser.parse(line.bytes)
        } catch {
            if !line.terminated && startsLikeHeader(line.bytes, complete: false) {
                throw .badLine(path: path, line: 1, reason: "the header line is incomplete (no newline at the end: the writer stopped while creating the log)")
            }
            if startsLikeHeader(line.bytes, complete: true) {
                throw .badLine(path: path, line: 1, reason: "the header line is not valid JSON: \(error)")
            }
            throw .notALog(path: path)
        }
        guard LogHeader.looksLikeHeader(value) else { throw .notALog(path: path) }
        let header: LogHeader
        do {
            header = try LogHeader.decode(value)
        } catch {
            switch error {
            case .newer(let version): throw .newerFormat(version: version, path: path)
            case .invalid(let reason): throw .badLine(path: path, line: 1, reason: reason)
            }
        }
        if !line.terminated {
            throw .badLine(path: path, line: 1, reason: "the header line has no newline at the end (the writer stopped while creating the log)")
        }
        return header
    }

    /// The event on a line, or why it is not one.
    static func event(_ bytes: UnsafeRawBufferPointer) -> Result<LogEvent, EventDecodeError> {
        if bytes.isEmpty { return .failure(EventDecodeError(reason: "empty line (expected an event object)")) }
        let value: JSONValue
        do {
            value = try JSONValueParser.parse(bytes)
        } catch {
            return .failure(EventDecodeError(reason: "line is not valid JSON: \(error)"))
        }
        do {
            return .success(try LogEvent.decode(value))
        } catch {
            return .failure(error)
        }
    }

    /// Whether `bytes` begin with `{"format":"runbook-incident-log"` as the writer spells it (or, when
    /// `complete` is false, with any non-empty part of it).
    private static func startsLikeHeader(_ bytes: UnsafeRawBufferPointer, complete: Bool) -> Bool {
        let marker = Array("{\"format\":\"runbook-incident-log\"".utf8)
        let prefix = Array(bytes.prefix(marker.count))
        if complete && prefix.count < marker.count { return false }
        return !prefix.isEmpty && prefix == Array(marker.prefix(prefix.count))
    }
}
