import Foundation

/// Why a file cannot be read as an incident log. Each description is one line naming the file (and the
/// line when there is one) and what was expected, ready to print after `error: `.
public enum LogReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The first line is not a `"format":"runbook-incident-log"` header.
    case notALog(path: String)
    /// The file has no bytes at all.
    case empty(path: String)
    /// The header's `format_version` is newer than `IncidentLogReader.supportedFormatVersion`.
    case newerFormat(version: Int, path: String)
    /// A line (1-based) that is not a valid header or event, and why.
    case badLine(path: String, line: Int, reason: String)
    /// The file could not be opened or read.
    case io(path: String, message: String)

    /// One line: `<path>:<line>: <what is wrong>`.
    public var description: String {
        switch self {
        case .notALog(let path):
            return "\(path):1: not a runbook incident log (expected a first line like {\"format\":\"runbook-incident-log\",...})"
        case .empty(let path):
            return "\(path): the file is empty (expected a runbook incident log)"
        case .newerFormat(let version, let path):
            return "\(path):1: written by a newer runbook (format \(version)); this one reads format \(IncidentLogReader.supportedFormatVersion)"
        case .badLine(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .io(let path, let message):
            return "\(path): \(message)"
        }
    }
}

/// Why the writer could not create, reopen or append to a log. Descriptions are one line naming the file.
public enum LogWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `create` found a file already at the path (logs are never overwritten).
    case alreadyExists(path: String)
    /// Another process holds the log's write lock.
    case locked(path: String)
    /// A system call failed: which one, and the system's message.
    case io(path: String, operation: String, message: String)
    /// `append`/`flush` after `close()`.
    case closed(path: String)
    /// An earlier write failed and could not be undone, so the writer refuses to add more lines.
    case unusable(path: String, reason: String)

    /// One line: `<path>: <what went wrong>`.
    public var description: String {
        switch self {
        case .alreadyExists(let path):
            return "\(path): a file already exists there; incident logs are never overwritten"
        case .locked(let path):
            return "\(path): another process is writing this log (it holds the lock)"
        case .io(let path, let operation, let message):
            return "\(path): \(operation) failed: \(message)"
        case .closed(let path):
            return "\(path): the log is already closed"
        case .unusable(let path, let reason):
            return "\(path): the log writer stopped after an earlier failure: \(reason)"
        }
    }
}

/// Something odd but recoverable the reader noticed, with the 1-based line it concerns.
public struct LogWarning: Equatable, Sendable, CustomStringConvertible {
    /// 1-based line number in the file.
    public var line: Int
    /// What was noticed, e.g. `seq 7 follows 5 (1 event missing)`.
    public var message: String

    /// A warning about `line`.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line <n>: <message>`.
    public var description: String { "line \(line): \(message)" }
}

/// errno as the system's message.
func errnoMessage(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
