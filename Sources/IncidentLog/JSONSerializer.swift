/// Compact JSON output (RFC 8259): no whitespace, object members in their stored order, strings escaped
/// only where JSON requires it (`"`, `\`, control characters), non-ASCII kept as UTF-8. Because Swift
/// strings are always valid Unicode, the output never contains a lone surrogate or invalid UTF-8.
extension JSONValue {
    /// The compact JSON text of this value.
    public func serialized() -> String {
        var out: [UInt8] = []
        serialize(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the compact JSON text of this value to `out` as UTF-8 bytes.
    public func serialize(into out: inout [UInt8]) {
        switch self {
        case .null: JSONWriter.appendASCII("null", to: &out)
        case .bool(let value): JSONWriter.appendASCII(value ? "true" : "false", to: &out)
        case .int(let value): JSONWriter.appendInt(value, to: &out)
        case .number(let value): JSONWriter.appendDouble(value, to: &out)
        case .string(let value): JSONWriter.appendString(value, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                element.serialize(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(member.0, to: &out)
                out.append(UInt8(ascii: ":"))
                member.1.serialize(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

/// Low-level pieces of the serializer, shared with the log line encoders.
enum JSONWriter {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends ASCII text verbatim.
    static func appendASCII(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends a decimal integer.
    static func appendInt<T: BinaryInteger>(_ value: T, to out: inout [UInt8]) {
        if value >= 0 && value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value))
            return
        }
        out.append(contentsOf: String(value).utf8)
    }

    /// Appends a number in Swift's shortest round-trip spelling (always valid JSON); NaN and infinities
    /// have no JSON spelling and become `null`.
    static func appendDouble(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else {
            appendASCII("null", to: &out)
            return
        }
        out.append(contentsOf: value.description.utf8)
    }

    /// Appends `value` rounded to milliseconds with exactly three decimals (`12.345`), never negative.
    static func appendMilliseconds(_ value: Double, to out: inout [UInt8]) {
        let milliseconds = value.isFinite ? max(0, (value * 1000).rounded()) : 0
        let total = milliseconds < 9.0e15 ? Int64(milliseconds) : 9_000_000_000_000_000
        appendInt(total / 1000, to: &out)
        out.append(UInt8(ascii: "."))
        let fraction = Int(total % 1000)
        out.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        out.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        out.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    /// Appends a quoted, escaped JSON string.
    static func appendString(_ value: String, to out: inout [UInt8]) {
        var copy = value
        copy.withUTF8 { appendString(utf8: $0, to: &out) }
    }

    /// Appends a quoted, escaped JSON string from valid UTF-8 bytes.
    static func appendString(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                index &+= 1
                continue
            }
            if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default:
                out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
            index &+= 1
            runStart = index
        }
        if runStart < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count])) }
        out.append(UInt8(ascii: "\""))
    }
}
