import Foundation

/// Appends events to an incident log durably. Use it from one thread.
///
/// - State events (`append`) are written with one `write(2)` of the whole line and fsync'd before
///   `append` returns. Buffered output is flushed first, so output captured before a state event always
///   precedes it in the file.
/// - Terminal output (`appendOutput`) is buffered and written as `output` events by `flushIfDue` (every
///   100 ms or 64 KiB) or `flush`: one event per command with output, one `write(2)` per event.
///   `flushIfDue` starts an fsync at most every 100 ms, on a background thread so streaming output never
///   waits for the disk; `flush()`, state events and `close()` fsync synchronously. (Written bytes are in
///   the kernel either way: a killed process loses nothing already flushed.)
/// - Every line is complete before the next starts, so killing the process at any moment leaves at worst
///   one torn last line, which the reader ignores and `reopen` removes.
/// - If a write fails part-way, the partial line is cut off again (`ftruncate`); if even that fails the
///   writer refuses further appends (`LogWriteError.unusable`) rather than corrupt the middle of the log.
public final class IncidentLogWriter {
    /// Output is flushed when this many seconds have passed since the last flush.
    public static let flushInterval = 0.1
    /// Output is flushed when this many bytes are waiting.
    public static let flushThreshold = 64 << 10
    /// A command's waiting output is split into events of at most this many raw bytes.
    public static let maximumOutputEventBytes = 1 << 20
    /// The `type` of the event `reopen` writes after cutting a torn last line. Payload:
    /// `{"line":<file line>,"bytes":<count>,"data":"<base64 of the removed bytes>"}` (`data` left out
    /// when more than 4 MiB were removed).
    public static let tornTailEventType = "log-torn-tail-removed"

    /// The log file.
    public let path: String
    /// The log's header.
    public let header: LogHeader
    /// The seq the next event will get.
    public private(set) var nextSeq: Int
    /// Hex SHA-256 of the last line written (the next event's `prev`).
    public private(set) var lastLineHash: String

    private let fd: Int32
    private let clock: LogClock
    /// Monotonic clock reading that corresponds to `mono` 0.
    private var monoOrigin: Double
    private var lastMono: Double

    /// The session clock now, on the same scale as the events' `mono` (seconds since the session began),
    /// for live timers that must agree with the folded state.
    public var mono: Double { max(lastMono, clock.monotonic() - monoOrigin) }
    private var output = OutputBuffer()
    private var lastFlush: Double
    private var lastSync: Double
    private var fileSize: Int
    private var failure: String?
    private var isClosed = false
    private var line: [UInt8] = []
    private let backgroundSync: BackgroundSync

    private init(path: String, fd: Int32, header: LogHeader, clock: LogClock, nextSeq: Int, lastLineHash: String,
                 monoOffset: Double, fileSize: Int) {
        self.path = path
        self.fd = fd
        self.header = header
        self.clock = clock
        self.nextSeq = nextSeq
        self.lastLineHash = lastLineHash
        let now = clock.monotonic()
        self.monoOrigin = now - monoOffset
        self.lastMono = monoOffset
        self.lastFlush = now
        self.lastSync = now
        self.fileSize = fileSize
        self.backgroundSync = BackgroundSync(fd: fd, path: path)
    }

    deinit {
        if !isClosed {
            try? flush()
            backgroundSync.waitIdle()
            Foundation.close(fd)
        }
    }

    /// Creates a new log at `path`, never overwriting (`alreadyExists`), mode 0600, missing parent
    /// directories created with mode 0700. The header is written and fsync'd *before* the file appears
    /// under its name (an `O_TMPFILE` inode linked into place, or a hidden temporary file hard-linked
    /// where `O_TMPFILE` is unsupported), so a crash during `create` never leaves an empty or half-written
    /// log behind; the directory is fsync'd afterwards. `mono` counts from this call.
    public static func create(at path: String, header: LogHeader, clock: LogClock = .system) throws(LogWriteError) -> IncidentLogWriter {
        let directory = FileIO.parentDirectory(of: path)
        try FileIO.makeDirectories(directory)
        if access(path, F_OK) == 0 { throw .alreadyExists(path: path) }
        var bytes = header.encodedLine()
        let hash = SHA256.hex(bytes)
        bytes.append(0x0A)
        let fd = try FileIO.createWithContents(path, bytes)
        do throws(LogWriteError) {
            try lock(fd, path: path)
            try FileIO.syncDirectory(of: path)
        } catch {
            Foundation.close(fd)
            throw error
        }
        return IncidentLogWriter(path: path, fd: fd, header: header, clock: clock, nextSeq: 1, lastLineHash: hash,
                                 monoOffset: 0, fileSize: bytes.count)
    }

    /// Opens an existing log to continue it (resume after a crash or a pause).
    ///
    /// Reads the whole log (throwing `LogReadError` if it is not a readable log or has a bad line in the
    /// middle), cuts a torn last line if there is one and records that with a `tornTailEventType` event,
    /// then continues seq and the hash chain from the last line. `mono` continues from
    /// `max(last event's mono, wall time since the header's started_at)` so it never goes backwards.
    ///
    /// The returned contents are as read (with `tornTail` and its warning); when a torn line was cut,
    /// its `events` also end with the record event just written.
    public static func reopen(at path: String, clock: LogClock = .system) throws -> (IncidentLogWriter, LogContents) {
        let fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw LogWriteError.io(path: path, operation: "open", message: errnoMessage()) }
        var writer: IncidentLogWriter?
        do {
            try lock(fd, path: path)
            var events: [LogEvent] = []
            let scan = try IncidentLogReader.scan(path: path, skipBad: false) { events.append($0) }
            var removed: [UInt8] = []
            var removedCount = 0
            if scan.tornLine != nil {
                removedCount = try FileIO.size(fd, path: path) - scan.validLength
                if removedCount > 0 && removedCount <= 4 << 20 {
                    removed = try FileIO.readBytes(fd, offset: scan.validLength, count: removedCount, path: path)
                }
                guard ftruncate(fd, off_t(scan.validLength)) == 0 else {
                    throw LogWriteError.io(path: path, operation: "truncate torn last line", message: errnoMessage())
                }
                try FileIO.sync(fd, path: path)
            }
            let lastLine = try FileIO.readBytes(fd, offset: scan.lastLineOffset, count: scan.lastLineLength, path: path)
            let elapsed = clock.wall().timeIntervalSince(scan.header.startedAt)
            let monoOffset = max(scan.lastEvent?.mono ?? 0, elapsed.isFinite ? elapsed : 0)
            let opened = IncidentLogWriter(
                path: path, fd: fd, header: scan.header, clock: clock, nextSeq: (scan.lastEvent?.seq ?? 0) + 1,
                lastLineHash: SHA256.hex(lastLine), monoOffset: monoOffset, fileSize: scan.validLength)
            writer = opened
            if let tornLine = scan.tornLine {
                var payload: [(String, JSONValue)] = [("line", .int(Int64(tornLine))), ("bytes", .int(Int64(removedCount)))]
                if removed.count == removedCount { payload.append(("data", .bytes(removed))) }
                events.append(try opened.append(type: tornTailEventType, payload: .object(payload)))
            }
            let contents = LogContents(header: scan.header, events: events, warnings: scan.warnings, tornTail: scan.tornTail)
            return (opened, contents)
        } catch {
            if let writer {
                writer.isClosed = true
            }
            Foundation.close(fd)
            throw error
        }
    }

    /// Takes the writer's lock. A lock that is busy is tried again for up to 2 s before giving up:
    /// a process being forked elsewhere in this program holds a copy of the descriptor (and so the
    /// lock) until its exec, which is not another writer.
    private static func lock(_ fd: Int32, path: String) throws(LogWriteError) {
        var waited = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK {
                if waited >= 2000 { throw .locked(path: path) }
                usleep(20_000)
                waited += 20
                continue
            }
            throw .io(path: path, operation: "lock", message: errnoMessage())
        }
    }

    // MARK: - State events

    /// Writes a state event: first any buffered output, then this event as one `write(2)` of the whole
    /// line, then `fsync`. Returns the event as written.
    @discardableResult
    public func append(type: String, payload: JSONValue) throws(LogWriteError) -> LogEvent {
        try checkUsable()
        try writeBufferedOutput(now: clock.monotonic())
        let (time, mono) = stamp()
        let prev = lastLineHash
        let event = LogEvent(seq: nextSeq, time: time, mono: mono, type: type, payload: payload, prev: prev)
        line.removeAll(keepingCapacity: true)
        LogEvent.appendLinePrefix(seq: event.seq, time: event.time, mono: event.mono, type: type, to: &line)
        payload.serialize(into: &line)
        LogEvent.appendLineSuffix(prev: prev, to: &line)
        try writeLine()
        try syncNow()
        return event
    }

    // MARK: - Output

    /// Buffers `bytes` printed by `command` (any bytes: escape sequences, `\r`, invalid UTF-8). Nothing is
    /// written until `flushIfDue`, `flush`, a state event or `close`. Call `flushIfDue` after each call.
    /// Ignored after `close()`.
    public func appendOutput(command: String, bytes: some Collection<UInt8>) {
        if isClosed { return }
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            output.append(command: command, bytes: UnsafeRawBufferPointer(buffer))
        }
        if done == nil { Array(bytes).withUnsafeBytes { output.append(command: command, bytes: $0) } }
    }

    /// Bytes of output waiting to be written.
    public var bufferedOutputBytes: Int { output.byteCount }

    /// Writes buffered output when `flushInterval` has passed since the last flush or at least
    /// `flushThreshold` bytes are waiting. `now` is a reading of the writer's monotonic clock (default:
    /// read it). Returns whether it wrote.
    @discardableResult
    public func flushIfDue(now: Double? = nil) throws(LogWriteError) -> Bool {
        guard !output.isEmpty else { return false }
        let time = now ?? clock.monotonic()
        let byTime = time - lastFlush >= IncidentLogWriter.flushInterval
        guard byTime || output.byteCount >= IncidentLogWriter.flushThreshold else { return false }
        try checkUsable()
        try writeBufferedOutput(now: time)
        if time - lastSync >= IncidentLogWriter.flushInterval && backgroundSync.start() { lastSync = time }
        return true
    }

    /// Writes all buffered output now and fsyncs.
    public func flush() throws(LogWriteError) {
        guard !output.isEmpty else { return }
        try checkUsable()
        try writeBufferedOutput(now: clock.monotonic())
        try syncNow()
    }

    /// Flushes, fsyncs and closes the file (releasing its lock). Calling it again does nothing.
    public func close() throws(LogWriteError) {
        if isClosed { return }
        defer {
            isClosed = true
            backgroundSync.waitIdle()
            Foundation.close(fd)
        }
        if failure == nil {
            try writeBufferedOutput(now: clock.monotonic())
            try syncNow()
            if let error = backgroundSync.takeFailure() { throw error }
        }
    }

    // MARK: - Internals

    private func checkUsable() throws(LogWriteError) {
        if isClosed { throw .closed(path: path) }
        if let failure { throw .unusable(path: path, reason: failure) }
        if let error = backgroundSync.takeFailure() {
            failure = "\(error)"
            throw error
        }
    }

    /// Wall time (ms) and mono (s, 3 decimals) for a new event; mono never goes backwards.
    private func stamp() -> (Date, Double) {
        let mono = max(lastMono, LogEvent.roundMono(clock.monotonic() - monoOrigin))
        lastMono = mono
        return (Timestamp.truncatedToMilliseconds(clock.wall()), mono)
    }

    /// Writes each command's waiting output as `output` events (no fsync).
    private func writeBufferedOutput(now: Double) throws(LogWriteError) {
        lastFlush = now
        guard !output.isEmpty else { return }
        var chunks = output.takeAll()
        var index = 0
        var offset = 0
        do throws(LogWriteError) {
            while index < chunks.count {
                let chunk = chunks[index]
                let count = min(IncidentLogWriter.maximumOutputEventBytes, chunk.bytes.count - offset)
                try writeOutputEvent(command: chunk.command, bytes: chunk.bytes, range: offset..<(offset + count))
                offset += count
                if offset >= chunk.bytes.count {
                    index += 1
                    offset = 0
                }
            }
        } catch {
            if index < chunks.count {
                chunks[index].bytes.removeFirst(offset)
                output.restore(Array(chunks[index...]))
            }
            throw error
        }
    }

    private func writeOutputEvent(command: String, bytes: [UInt8], range: Range<Int>) throws(LogWriteError) {
        let (time, mono) = stamp()
        line.removeAll(keepingCapacity: true)
        LogEvent.appendLinePrefix(seq: nextSeq, time: time, mono: mono, type: LogEvent.outputType, to: &line)
        JSONWriter.appendASCII("{\"command\":", to: &line)
        JSONWriter.appendString(command, to: &line)
        JSONWriter.appendASCII(",\"data\":\"", to: &line)
        bytes.withUnsafeBytes { raw in
            Base64.encode(UnsafeRawBufferPointer(rebasing: raw[range]), appendingTo: &line)
        }
        JSONWriter.appendASCII("\"}", to: &line)
        LogEvent.appendLineSuffix(prev: lastLineHash, to: &line)
        try writeLine()
    }

    /// Writes `line` plus a newline in one `write(2)` (looping only on partial writes), then advances seq
    /// and the hash chain. On failure, cuts the file back to where the line started.
    private func writeLine() throws(LogWriteError) {
        let hash = SHA256.hex(line)
        line.append(0x0A)
        do throws(LogWriteError) {
            try FileIO.writeAll(fd, line, path: path)
        } catch {
            if ftruncate(fd, off_t(fileSize)) != 0 {
                failure = "a write failed (\(error)) and the partial line could not be removed (\(errnoMessage()))"
            }
            throw error
        }
        fileSize += line.count
        nextSeq += 1
        lastLineHash = hash
    }

    private func syncNow(at time: Double? = nil) throws(LogWriteError) {
        backgroundSync.waitIdle()
        do throws(LogWriteError) {
            try FileIO.sync(fd, path: path)
        } catch {
            failure = "\(error)"
            throw error
        }
        lastSync = time ?? clock.monotonic()
    }
}
