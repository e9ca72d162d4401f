/// The outcome of `IncidentLogVerifier.verify`.
public enum VerifyResult: Equatable, Sendable, CustomStringConvertible {
    /// Every line is well formed, seq runs 1, 2, 3… and every `prev` matches the line before it.
    case ok(events: Int)
    /// The first line (1-based) where verification fails, and why.
    case broken(line: Int, reason: String)
    /// The file could not be read as a log at all (missing, empty, not a log, newer format).
    case unreadable(LogReadError)

    /// One line for users: `ok: N events` / `line L: reason` / the read error.
    public var description: String {
        switch self {
        case .ok(let events): return "ok: \(events) event\(events == 1 ? "" : "s"), hash chain intact"
        case .broken(let line, let reason): return "line \(line): \(reason)"
        case .unreadable(let error): return error.description
        }
    }
}

/// Checks an incident log's tamper-evidence by recomputing its hash chain.
///
/// Each event line's `prev` must equal the SHA-256 of the previous line's exact bytes, `seq` must be 1
/// for the first event and grow by one, and every line must be a complete, valid header or event. The
/// first failure is reported with its 1-based line number: `prev hash does not match line 6` (line 6 or
/// this line's `prev` was altered), `line is not valid JSON: …`, `seq 7 follows 5`.
///
/// Choices and limits:
/// - A torn last line (no newline: the writer was killed mid-write) makes the log `.broken` at that line
///   even though the reader loads everything before it; the reason says so. `IncidentLogWriter.reopen`
///   cuts such a line and records that it did (a `log-torn-tail-removed` event), after which the log
///   verifies again.
/// - Nothing hashes the last line, so an edit inside the last line that keeps it a valid event cannot be
///   detected, and neither can removing whole lines from the end. Every other line is covered.
public enum IncidentLogVerifier {
    private struct Stop: Error { var result: VerifyResult }

    /// Verifies the log at `path`, streaming it line by line.
    public static func verify(path: String) -> VerifyResult {
        do {
            let reader = try LineReader(path: path)
            try IncidentLogReader.checkLooksLikeLog(path: path)
            var previousHash = ""
            var previousSeq = 0
            var events = 0
            try reader.forEachLine { line in
                if line.number == 1 {
                    do throws(LogReadError) {
                        _ = try LogLineDecoder.header(line, path: path)
                    } catch {
                        if case .badLine(_, let number, let reason) = error { throw Stop(result: .broken(line: number, reason: reason)) }
                        throw error
                    }
                    previousHash = SHA256.hex(line.bytes)
                    return
                }
                guard line.terminated else {
                    throw Stop(result: .broken(line: line.number, reason: "line \(line.number) is incomplete (no newline at the end: the writer stopped mid-line); the \(events) event\(events == 1 ? "" : "s") before it verify"))
                }
                let event: LogEvent
                switch LogLineDecoder.event(line.bytes) {
                case .success(let decoded): event = decoded
                case .failure(let problem): throw Stop(result: .broken(line: line.number, reason: problem.reason))
                }
                if event.seq != previousSeq + 1 {
                    let reason = previousSeq == 0 ? "first event has seq \(event.seq), expected 1" : "seq \(event.seq) follows \(previousSeq)"
                    throw Stop(result: .broken(line: line.number, reason: reason))
                }
                if event.prev != previousHash {
                    throw Stop(result: .broken(line: line.number, reason: "prev hash does not match line \(line.number - 1)"))
                }
                previousHash = SHA256.hex(line.bytes)
                previousSeq = event.seq
                events += 1
            }
            return .ok(events: events)
        } catch let stop as Stop {
            return stop.result
        } catch let error as LogReadError {
            if case .badLine(_, let number, let reason) = error { return .broken(line: number, reason: reason) }
            return .unreadable(error)
        } catch {
            return .unreadable(.io(path: path, message: "\(error)"))
        }
    }
}
