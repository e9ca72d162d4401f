import IncidentLog

/// Maps `SessionEvent`s to the incident log's `type` + JSON payload and back. The log module knows
/// nothing of sessions; this is the one place where the two meet.
public enum SessionEventCodec {
    /// The log `type` and payload of an event.
    public static func encode(_ event: SessionEvent) -> (type: String, payload: JSONValue) {
        let payload: JSONValue
        switch event {
        case .sessionStart(let start):
            payload = ["mode": .string(start.mode.rawValue), "runbook_title": .string(start.runbookTitle), "front": .string(start.front)]
        case .sectionEnter(let id, let title):
            payload = ["section": .string(id), "title": .string(title)]
        case .commandStart(let start):
            payload = [
                "command": .string(start.commandID), "section": start.sectionID.map(JSONValue.string) ?? .null,
                "line": .int(Int64(start.line)), "label": start.label.map(JSONValue.string) ?? .null,
                "text": .string(start.text),
            ]
        case .output(let id, let bytes):
            payload = LogEvent.outputPayload(command: id, data: bytes)
        case .commandEnd(let end):
            payload = [
                "command": .string(end.commandID),
                "exit_code": end.exitCode.map { .int(Int64($0)) } ?? .null,
                "signal": end.signal.map { .int(Int64($0)) } ?? .null,
                "duration": .number(end.durationSeconds),
                "timed_out": .bool(end.timedOut), "interrupted": .bool(end.interrupted),
            ]
        case .check(let id, let text):
            payload = ["item": .string(id), "text": .string(text)]
        case .uncheck(let id):
            payload = ["item": .string(id)]
        case .variableSet(let name, let value, let secret):
            payload = ["name": .string(name), "value": .string(secret ? "" : value), "secret": .bool(secret)]
        case .note(let text):
            payload = ["text": .string(text)]
        case .decision(let group, let choice, let rationale):
            payload = ["group": group.map(JSONValue.string) ?? .null, "choice": .string(choice), "rationale": .string(rationale)]
        case .timerStart(let id, let kind, let seconds):
            payload = ["timer": .string(id), "kind": .string(kind), "seconds": .int(Int64(seconds))]
        case .timerStop(let id):
            payload = ["timer": .string(id)]
        case .resume(let host, let user):
            payload = ["host": .string(host), "user": .string(user)]
        case .sessionEnd(let reason):
            payload = ["reason": .string(reason)]
        case .logRepaired(let line, let bytes):
            payload = ["line": .int(Int64(line)), "bytes": .int(Int64(bytes))]
        case .unknown:
            payload = [:]
        }
        return (event.typeName, payload)
    }

    /// What went wrong decoding one event.
    public struct DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
        public var type: String
        public var field: String
        public var description: String { "\(type) event without a valid \"\(field)\"" }
    }

    /// The event a log line holds. Unknown types decode as `.unknown`; a known type with a
    /// missing or mistyped field is an error naming the field.
    public static func decode(type: String, payload: JSONValue) throws(DecodeError) -> SessionEvent {
        func string(_ key: String) throws(DecodeError) -> String {
            guard let value = payload[key]?.stringValue else { throw DecodeError(type: type, field: key) }
            return value
        }
        func optionalString(_ key: String) -> String? { payload[key]?.stringValue }
        func int(_ key: String) throws(DecodeError) -> Int {
            guard let value = payload[key]?.intValue else { throw DecodeError(type: type, field: key) }
            return Int(value)
        }
        func optionalInt32(_ key: String) -> Int32? { payload[key]?.intValue.flatMap { Int32(exactly: $0) } }
        func bool(_ key: String) -> Bool { payload[key]?.boolValue ?? false }

        switch type {
        case "session-start":
            return .sessionStart(SessionStart(
                mode: SessionMode(rawValue: try string("mode")) ?? .live,
                runbookTitle: optionalString("runbook_title") ?? "", front: optionalString("front") ?? ""))
        case "section-enter":
            return .sectionEnter(sectionID: try string("section"), title: optionalString("title") ?? "")
        case "command-start":
            return .commandStart(CommandStart(
                commandID: try string("command"), sectionID: optionalString("section"), line: try int("line"),
                label: optionalString("label"), text: try string("text")))
        case LogEvent.outputType:
            guard let id = payload["command"]?.stringValue, let bytes = payload["data"]?.decodeBytes else {
                throw DecodeError(type: type, field: "data")
            }
            return .output(commandID: id, bytes: bytes)
        case "command-end":
            return .commandEnd(CommandEnd(
                commandID: try string("command"), exitCode: optionalInt32("exit_code"), signal: optionalInt32("signal"),
                durationSeconds: payload["duration"]?.doubleValue ?? 0,
                timedOut: bool("timed_out"), interrupted: bool("interrupted")))
        case "check":
            return .check(itemID: try string("item"), text: optionalString("text") ?? "")
        case "uncheck":
            return .uncheck(itemID: try string("item"))
        case "variable-set":
            return .variableSet(name: try string("name"), value: optionalString("value") ?? "", secret: bool("secret"))
        case "note":
            return .note(text: try string("text"))
        case "decision":
            return .decision(groupID: optionalString("group"), choice: try string("choice"), rationale: optionalString("rationale") ?? "")
        case "timer-start":
            return .timerStart(timerID: try string("timer"), kind: optionalString("kind") ?? "countdown", seconds: try int("seconds"))
        case "timer-stop":
            return .timerStop(timerID: try string("timer"))
        case "resume":
            return .resume(host: optionalString("host") ?? "", user: optionalString("user") ?? "")
        case "session-end":
            return .sessionEnd(reason: optionalString("reason") ?? "")
        case IncidentLogWriter.tornTailEventType:
            return .logRepaired(line: payload["line"]?.intValue.map(Int.init) ?? 0, bytes: payload["bytes"]?.intValue.map(Int.init) ?? 0)
        default:
            return .unknown(type: type)
        }
    }

    /// A log event as a timed session event.
    public static func timed(_ event: LogEvent) throws(DecodeError) -> TimedEvent {
        TimedEvent(seq: event.seq, mono: event.mono, event: try decode(type: event.type, payload: event.payload))
    }
}
