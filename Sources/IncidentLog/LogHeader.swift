import Foundation

/// Terminal dimensions recorded in the header.
public struct LogTerminalSize: Equatable, Sendable {
    /// Number of rows.
    public var rows: Int
    /// Number of columns.
    public var cols: Int

    /// A size of `rows` x `cols`.
    public init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
    }
}

/// The first line of every incident log: which runbook was played (its full text and hash), where, by
/// whom and when. Written once by `IncidentLogWriter.create`; its hash anchors the event chain.
///
/// Line layout (keys always in this order; `extra` only when not empty, its keys sorted):
/// `{"format":"runbook-incident-log","format_version":1,"tool_version":"0.1.0","session_id":"k3j9x2",
/// "mode":"live","runbook_path":"playbooks/demo.md","runbook_sha256":"…","runbook_source":"…","host":"…",
/// "user":"…","terminal":{"rows":24,"cols":80},"started_at":"2026-11-25T19:20:35.123Z","extra":{…}}`
public struct LogHeader: Equatable, Sendable {
    /// The value of the `format` key that marks a file as an incident log.
    public static let formatName = "runbook-incident-log"
    /// The format version this code writes (and the newest it reads).
    public static let currentFormatVersion = 1

    /// `format_version`; `currentFormatVersion` for new logs.
    public var formatVersion: Int
    /// `tool_version`: the runbook release that wrote the log.
    public var toolVersion: String
    /// `session_id`: 6 characters `[a-z0-9]`, also part of the file name.
    public var sessionID: String
    /// `mode`: how the session runs (e.g. `live`, `rehearsal`); free text to this module.
    public var mode: String
    /// `runbook_path`: the runbook file as the user named it.
    public var runbookPath: String
    /// `runbook_sha256`: hex SHA-256 of the runbook file's bytes as read from disk.
    public var runbookSHA256: String
    /// `runbook_source`: the full Markdown text that was played.
    public var runbookSource: String
    /// `host`: the machine's host name.
    public var host: String
    /// `user`: the login name.
    public var user: String
    /// `terminal`: rows and columns at start; `nil` (written as `null`) when not on a terminal.
    public var terminal: LogTerminalSize?
    /// `started_at`: wall-clock start, kept to whole milliseconds (what the log can store).
    public var startedAt: Date {
        didSet { startedAt = Timestamp.truncatedToMilliseconds(startedAt) }
    }
    /// `extra`: free-form additional fields, written with sorted keys.
    public var extra: [String: JSONValue]

    /// A header with every field given; `startedAt` is truncated to milliseconds.
    public init(
        formatVersion: Int = LogHeader.currentFormatVersion, toolVersion: String, sessionID: String, mode: String,
        runbookPath: String, runbookSHA256: String, runbookSource: String, host: String, user: String,
        terminal: LogTerminalSize?, startedAt: Date, extra: [String: JSONValue] = [:]
    ) {
        self.formatVersion = formatVersion
        self.toolVersion = toolVersion
        self.sessionID = sessionID
        self.mode = mode
        self.runbookPath = runbookPath
        self.runbookSHA256 = runbookSHA256
        self.runbookSource = runbookSource
        self.host = host
        self.user = user
        self.terminal = terminal
        self.startedAt = Timestamp.truncatedToMilliseconds(startedAt)
        self.extra = extra
    }

    /// A header for a runbook read as `sourceBytes`: `runbookSHA256` is their hash and `runbookSource`
    /// their text (invalid UTF-8 replaced by U+FFFD unless `sourceText` gives the repaired text).
    /// `host` and `user` default to this machine and login.
    public init(
        toolVersion: String, sessionID: String, mode: String, runbookPath: String, sourceBytes: [UInt8],
        sourceText: String? = nil, terminal: LogTerminalSize?, startedAt: Date,
        host: String = LogHeader.systemHost(), user: String = LogHeader.systemUser(), extra: [String: JSONValue] = [:]
    ) {
        self.init(
            toolVersion: toolVersion, sessionID: sessionID, mode: mode, runbookPath: runbookPath,
            runbookSHA256: SHA256.hex(sourceBytes),
            runbookSource: sourceText ?? String(decoding: sourceBytes, as: UTF8.self),
            host: host, user: user, terminal: terminal, startedAt: startedAt, extra: extra)
    }

    /// This machine's host name (`gethostname`), or `unknown`.
    public static func systemHost() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        let name = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "unknown" : name
    }

    /// The login name: `$USER`, else the password database entry for the real uid, else the uid.
    public static func systemUser() -> String {
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name {
            let text = String(cString: name)
            if !text.isEmpty { return text }
        }
        return String(getuid())
    }

    /// The header as a JSON object with keys in the documented order.
    public var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [
            ("format", .string(LogHeader.formatName)),
            ("format_version", .int(Int64(formatVersion))),
            ("tool_version", .string(toolVersion)),
            ("session_id", .string(sessionID)),
            ("mode", .string(mode)),
            ("runbook_path", .string(runbookPath)),
            ("runbook_sha256", .string(runbookSHA256)),
            ("runbook_source", .string(runbookSource)),
            ("host", .string(host)),
            ("user", .string(user)),
            ("terminal", terminal.map { .object([("rows", .int(Int64($0.rows))), ("cols", .int(Int64($0.cols)))]) } ?? .null),
            ("started_at", .string(Timestamp.format(startedAt))),
        ]
        if !extra.isEmpty {
            members.append(("extra", .object(extra.sorted(by: { $0.key < $1.key }).map { ($0.key, $0.value) })))
        }
        return .object(members)
    }

    /// The header line's bytes, without the newline.
    public func encodedLine() -> [UInt8] {
        var out: [UInt8] = []
        jsonValue.serialize(into: &out)
        return out
    }

    /// `true` when `value` is an object whose `format` is `runbook-incident-log`.
    static func looksLikeHeader(_ value: JSONValue) -> Bool {
        value["format"]?.stringValue == formatName
    }

    /// Reads a header from a parsed first line. Call only when `looksLikeHeader` is true.
    /// Throws `.newer(version)` or `.invalid(reason)`.
    static func decode(_ value: JSONValue) throws(HeaderDecodeError) -> LogHeader {
        guard let versionValue = value["format_version"] else {
            throw .invalid("header has no \"format_version\" (expected an integer)")
        }
        guard let version64 = versionValue.intValue, version64 >= 1, let version = Int(exactly: version64) else {
            throw .invalid("header \"format_version\" is \(versionValue.serialized()) (expected a positive integer)")
        }
        if version > currentFormatVersion { throw .newer(version) }
        func string(_ key: String) throws(HeaderDecodeError) -> String {
            guard let field = value[key] else { throw .invalid("header has no \"\(key)\" (expected a string)") }
            guard let text = field.stringValue else {
                throw .invalid("header \"\(key)\" is \(Self.shortDescription(field)) (expected a string)")
            }
            return text
        }
        var terminal: LogTerminalSize?
        switch value["terminal"] {
        case nil, .null?:
            terminal = nil
        case let field?:
            guard let rows = field["rows"]?.intValue, let cols = field["cols"]?.intValue,
                  let r = Int(exactly: rows), let c = Int(exactly: cols), r >= 0, c >= 0
            else {
                throw .invalid("header \"terminal\" is \(Self.shortDescription(field)) (expected {\"rows\":N,\"cols\":N})")
            }
            terminal = LogTerminalSize(rows: r, cols: c)
        }
        let startedText = try string("started_at")
        guard let startedAt = Timestamp.parse(startedText) else {
            throw .invalid("header \"started_at\" is \"\(startedText)\" (expected a UTC time like 2026-11-25T19:20:35.123Z)")
        }
        var extra: [String: JSONValue] = [:]
        switch value["extra"] {
        case nil, .null?: break
        case .object(let members)?:
            for (key, member) in members where extra[key] == nil { extra[key] = member }
        case let field?:
            throw .invalid("header \"extra\" is \(Self.shortDescription(field)) (expected an object)")
        }
        return LogHeader(
            formatVersion: version, toolVersion: try string("tool_version"), sessionID: try string("session_id"),
            mode: try string("mode"), runbookPath: try string("runbook_path"),
            runbookSHA256: try string("runbook_sha256"), runbookSource: try string("runbook_source"),
            host: try string("host"), user: try string("user"), terminal: terminal, startedAt: startedAt, extra: extra)
    }

    /// A short rendering of a JSON value for error messages (at most 40 characters).
    static func shortDescription(_ value: JSONValue) -> String {
        let text = value.serialized()
        return text.count <= 40 ? text : String(text.prefix(37)) + "..."
    }
}

/// Why a parsed first line is not a usable header.
enum HeaderDecodeError: Error {
    case newer(Int)
    case invalid(String)
}
