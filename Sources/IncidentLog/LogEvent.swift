import Foundation

/// One event line of an incident log.
///
/// Line layout (keys always in this order):
/// `{"seq":1,"time":"2026-11-25T19:20:35.456Z","mono":0.333,"type":"section-enter","payload":{…},"prev":"<hex>"}`
/// where `prev` is the SHA-256 of the exact bytes of the previous line (without its newline). `type` is
/// free text to this module; the reader accepts any value.
public struct LogEvent: Equatable, Sendable {
    /// The `type` of buffered terminal output events written by `IncidentLogWriter.appendOutput`.
    public static let outputType = "output"

    /// Sequence number: 1 for the first event, then +1 per line.
    public var seq: Int
    /// Wall-clock time of the event, whole milliseconds.
    public var time: Date
    /// Seconds since the session's monotonic start, written with 3 decimals.
    public var mono: Double
    /// What happened (free text, e.g. `section-enter`, `output`).
    public var type: String
    /// Event data: any JSON value.
    public var payload: JSONValue
    /// Hex SHA-256 of the previous line's bytes.
    public var prev: String

    /// An event with every field given (`time` is kept to whole milliseconds, `mono` to 3 decimals).
    public init(seq: Int, time: Date, mono: Double, type: String, payload: JSONValue, prev: String) {
        self.seq = seq
        self.time = Timestamp.truncatedToMilliseconds(time)
        self.mono = LogEvent.roundMono(mono)
        self.type = type
        self.payload = payload
        self.prev = prev
    }

    /// The payload of an output event: `{"command":"c3","data":"<base64 of bytes>"}`.
    public static func outputPayload(command: String, data: some Collection<UInt8>) -> JSONValue {
        .object([("command", .string(command)), ("data", .bytes(data))])
    }

    /// For an `output` event, the command id and the exact bytes it printed; `nil` for other events or
    /// a payload that is not `{"command":String,"data":base64}`.
    public var outputData: (command: String, data: [UInt8])? {
        guard type == LogEvent.outputType, let command = payload["command"]?.stringValue,
              let data = payload["data"]?.decodeBytes
        else { return nil }
        return (command, data)
    }

    /// The event line's bytes, without the newline.
    public func encodedLine() -> [UInt8] {
        var out: [UInt8] = []
        LogEvent.appendLinePrefix(seq: seq, time: time, mono: mono, type: type, to: &out)
        payload.serialize(into: &out)
        LogEvent.appendLineSuffix(prev: prev, to: &out)
        return out
    }

    /// `mono` as the log stores it: rounded to milliseconds, never negative.
    static func roundMono(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { return 0 }
        return (value * 1000).rounded() / 1000
    }

    /// Appends `{"seq":…,"time":"…","mono":…,"type":"…","payload":` to `out`.
    static func appendLinePrefix(seq: Int, time: Date, mono: Double, type: String, to out: inout [UInt8]) {
        JSONWriter.appendASCII("{\"seq\":", to: &out)
        JSONWriter.appendInt(seq, to: &out)
        JSONWriter.appendASCII(",\"time\":\"", to: &out)
        Timestamp.append(time, to: &out)
        JSONWriter.appendASCII("\",\"mono\":", to: &out)
        JSONWriter.appendMilliseconds(mono, to: &out)
        JSONWriter.appendASCII(",\"type\":", to: &out)
        JSONWriter.appendString(type, to: &out)
        JSONWriter.appendASCII(",\"payload\":", to: &out)
    }

    /// Appends `,"prev":"<hex>"}` to `out`.
    static func appendLineSuffix(prev: String, to out: inout [UInt8]) {
        JSONWriter.appendASCII(",\"prev\":", to: &out)
        JSONWriter.appendString(prev, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Reads an event from a parsed line; throws a reason naming the missing or malformed field.
    static func decode(_ value: JSONValue) throws(EventDecodeError) -> LogEvent {
        guard case .object = value else {
            throw EventDecodeError(reason: "line is \(LogHeader.shortDescription(value)), expected an event object")
        }
        func field(_ key: String, _ expected: String) throws(EventDecodeError) -> JSONValue {
            guard let found = value[key] else { throw EventDecodeError(reason: "event has no \"\(key)\" (expected \(expected))") }
            return found
        }
        func wrong(_ key: String, _ found: JSONValue, _ expected: String) -> EventDecodeError {
            EventDecodeError(reason: "event \"\(key)\" is \(LogHeader.shortDescription(found)) (expected \(expected))")
        }
        let seqValue = try field("seq", "an integer >= 1")
        guard let seq64 = seqValue.intValue, seq64 >= 1, let seq = Int(exactly: seq64) else {
            throw wrong("seq", seqValue, "an integer >= 1")
        }
        let timeValue = try field("time", "a UTC time like 2026-11-25T19:20:35.456Z")
        guard let timeText = timeValue.stringValue, let time = Timestamp.parse(timeText) else {
            throw wrong("time", timeValue, "a UTC time like 2026-11-25T19:20:35.456Z")
        }
        let monoValue = try field("mono", "seconds as a number >= 0")
        guard let mono = monoValue.doubleValue, mono.isFinite, mono >= 0 else {
            throw wrong("mono", monoValue, "seconds as a number >= 0")
        }
        let typeValue = try field("type", "a string")
        guard let type = typeValue.stringValue else { throw wrong("type", typeValue, "a string") }
        let payload = try field("payload", "any JSON value")
        let prevValue = try field("prev", "64 hex digits")
        guard let prev = prevValue.stringValue, isHexDigest(prev) else { throw wrong("prev", prevValue, "64 hex digits") }
        var event = LogEvent(seq: seq, time: time, mono: 0, type: type, payload: payload, prev: prev)
        event.mono = mono
        return event
    }

    /// `true` for 64 lowercase hexadecimal characters.
    static func isHexDigest(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 {
            guard (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) else {
                return false
            }
            count += 1
        }
        return count == 64
    }
}

/// Why a parsed line is not an event.
struct EventDecodeError: Error {
    var reason: String
}
