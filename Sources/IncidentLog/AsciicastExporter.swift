import Foundation

/// Turns an incident log's events into an asciicast v2 recording (https://docs.asciinema.org), one
/// JSON text per line, for `asciinema play`/`cat` and web players. Pure: events in, lines out.
///
/// - The header takes width/height from the log header's terminal size (80x24 when it has none), the
///   start time, the runbook title and `TERM` (`extra.term` of the log header, else `xterm-256color`).
/// - Each output event becomes `[t, "o", text]` with `t` the event's `mono` (seconds since the session
///   began). Bytes are decoded as UTF-8 across events: a character cut between two output events of the
///   same command is joined again; invalid bytes become U+FFFD. Escape sequences pass through (JSON-escaped).
/// - Each command-start prints a bold `$ command` line so a viewer sees which command ran.
/// - With `markers`, section enters, command starts, checks, decisions and notes also become `"m"` marker
///   events (asciinema 2.3+; 2.2 players skip them, so they are off by default).
/// - With `idleLimit`, any pause longer than that many seconds is shortened to it (like `asciinema rec -i`).
public struct AsciicastExporter {
    /// What to include and how to time it.
    public struct Options: Sendable {
        /// Longest pause kept between two events, in seconds; `nil` keeps the real timing.
        public var idleLimit: Double?
        /// Whether to write `"m"` marker events.
        public var markers: Bool

        /// Options with every field given.
        public init(idleLimit: Double? = nil, markers: Bool = false) {
            self.idleLimit = idleLimit
            self.markers = markers
        }
    }

    /// Terminal size used when the log recorded none (not started on a terminal).
    public static let defaultSize = LogTerminalSize(rows: 24, cols: 80)

    private let header: LogHeader
    private let title: String
    private let options: Options
    private var decoder = UTF8StreamDecoder()
    /// The command whose output `decoder` holds back bytes of.
    private var pendingCommand: String?
    private var lastMono: Double?
    private var lastTime = 0.0
    /// Events that could not be exported, as `seq N: why`.
    public private(set) var warnings: [String] = []

    /// An exporter for the log with `header`; `title` is the runbook's title (e.g. from the
    /// `session-start` event), the runbook path when empty.
    public init(header: LogHeader, title: String, options: Options = Options()) {
        self.header = header
        self.title = title.isEmpty ? header.runbookPath : title
        self.options = options
    }

    /// The first line of the recording.
    public func headerLine() -> String {
        let size = header.terminal.flatMap { $0.rows > 0 && $0.cols > 0 ? $0 : nil } ?? AsciicastExporter.defaultSize
        var members: [(String, JSONValue)] = [
            ("version", 2), ("width", .int(Int64(size.cols))), ("height", .int(Int64(size.rows))),
            ("timestamp", .int(Int64(header.startedAt.timeIntervalSince1970.rounded(.down)))),
        ]
        if let limit = options.idleLimit { members.append(("idle_time_limit", .number(limit))) }
        members.append(("title", .string(title)))
        members.append(("env", .object([("TERM", .string(header.extra["term"]?.stringValue ?? "xterm-256color"))])))
        return JSONValue.object(members).serialized()
    }

    /// The recording's lines for one event, in order (none for events a viewer does not see).
    public mutating func lines(for event: LogEvent) -> [String] {
        let time = advance(to: event.mono)
        var out: [String] = []
        switch LogIndex.EventKind(type: event.type) {
        case .output:
            guard let (command, data) = event.outputData else {
                warnings.append("seq \(event.seq): output event without a command id and base64 data; left out")
                return []
            }
            var text = ""
            if pendingCommand != nil && pendingCommand != command { text += decoder.finish() }
            text += decoder.decode(data)
            pendingCommand = decoder.pending.isEmpty ? nil : command
            appendOutput(text, at: time, to: &out)
        case .commandStart:
            appendOutput(flushPending(), at: time, to: &out)
            let command = event.payload["text"]?.stringValue ?? event.payload["command"]?.stringValue ?? "?"
            appendOutput("\r\n\u{1B}[1m" + AsciicastExporter.echo(command) + "\u{1B}[0m\r\n", at: time, to: &out)
            appendMarker("$ " + AsciicastExporter.firstLine(command), at: time, to: &out)
        case .commandEnd:
            appendOutput(flushPending(), at: time, to: &out)
        case .sectionEnter:
            appendMarker(event.payload["title"]?.stringValue ?? event.payload["section"]?.stringValue ?? "section", at: time, to: &out)
        case .check:
            appendMarker("✓ " + (event.payload["text"]?.stringValue ?? event.payload["item"]?.stringValue ?? ""), at: time, to: &out)
        case .decision:
            appendMarker("decision: " + (event.payload["choice"]?.stringValue ?? ""), at: time, to: &out)
        case .note:
            appendMarker("note: " + AsciicastExporter.firstLine(event.payload["text"]?.stringValue ?? ""), at: time, to: &out)
        default:
            break
        }
        return out
    }

    /// Lines still owed at the end: held-back bytes of an incomplete character, as U+FFFD.
    public mutating func finish() -> [String] {
        var out: [String] = []
        appendOutput(flushPending(), at: lastTime, to: &out)
        return out
    }

    /// The whole recording of `events`: header line, event lines, closing lines.
    public static func export(header: LogHeader, title: String, events: some Sequence<LogEvent>, options: Options = Options()) -> [String] {
        var exporter = AsciicastExporter(header: header, title: title, options: options)
        var lines = [exporter.headerLine()]
        for event in events { lines += exporter.lines(for: event) }
        return lines + exporter.finish()
    }

    // MARK: - Internals

    /// The recording time for an event at `mono`, pauses capped at `idleLimit`, never going backwards.
    private mutating func advance(to mono: Double) -> Double {
        let gap = max(0, mono - (lastMono ?? 0))
        lastMono = max(mono, lastMono ?? 0)
        lastTime += options.idleLimit.map { min(gap, $0) } ?? gap
        lastTime = (lastTime * 1_000_000).rounded() / 1_000_000
        return lastTime
    }

    private mutating func flushPending() -> String {
        pendingCommand = nil
        return decoder.finish()
    }

    private func appendOutput(_ text: String, at time: Double, to out: inout [String]) {
        guard !text.isEmpty else { return }
        out.append(JSONValue.array([.number(time), "o", .string(text)]).serialized())
    }

    private func appendMarker(_ label: String, at time: Double, to out: inout [String]) {
        guard options.markers else { return }
        out.append(JSONValue.array([.number(time), "m", .string(label)]).serialized())
    }

    /// `$ command` for the terminal: line breaks as CR LF, other control characters shown as `^X`
    /// so runbook text cannot drive the viewer's terminal.
    static func echo(_ command: String) -> String {
        var text = "$ "
        for scalar in command.unicodeScalars {
            switch scalar.value {
            case 0x0A: text += "\r\n  "
            case 0x09: text += "    "
            case 0..<0x20: text += "^" + String(UnicodeScalar(UInt8(scalar.value) + 0x40))
            case 0x7F: text += "^?"
            case 0x80..<0xA0: text += "?"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
