/// Why a piece of text is not valid JSON: what was expected, and where (byte offset from 0).
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Byte offset of the problem from the start of the input.
    public var offset: Int
    /// What is wrong, e.g. `expected ',' or '}' after an object member`.
    public var message: String

    /// An error at `offset`.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `<message> at column <offset+1>`.
    public var description: String { "\(message) at column \(offset + 1)" }
}

/// A strict RFC 8259 parser working on UTF-8 bytes.
///
/// Rejects trailing garbage, control characters inside strings, invalid UTF-8, lone surrogate escapes,
/// leading zeros and nesting deeper than `maximumDepth`; it never traps on malformed input.
public enum JSONValueParser {
    /// Nesting deeper than this is rejected instead of risking the stack.
    public static let maximumDepth = 512

    /// Parses one JSON value (surrounding whitespace allowed) from UTF-8 bytes.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(UnsafeRawBufferPointer(buffer)) }
        }
        if let result { return try result.get() }
        let copied: Result<JSONValue, JSONParseError> = Array(bytes).withUnsafeBytes { raw in
            Result { () throws(JSONParseError) -> JSONValue in try parse(raw) }
        }
        return try copied.get()
    }

    /// Parses one JSON value from a string.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var copy = text
        let result: Result<JSONValue, JSONParseError> = copy.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    /// Parses one JSON value from the bytes in `buffer`.
    public static func parse(_ buffer: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        var parser = Parser(bytes: buffer.bindMemory(to: UInt8.self))
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < parser.bytes.count {
            throw JSONParseError(offset: parser.index, message: "unexpected text after the JSON value")
        }
        return value
    }
}

private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func fail(_ message: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(offset: offset ?? index, message: message)
    }

    private var atEnd: Bool { index >= bytes.count }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index &+= 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard !atEnd else { throw fail("unexpected end of line, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail("expected a value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw fail("expected '\(word)'") }
        let matches = word.withUTF8Buffer { literal in
            for offset in 0..<count where bytes[index + offset] != literal[offset] { return false }
            return true
        }
        guard matches else { throw fail("expected '\(word)'") }
        index += count
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= JSONValueParser.maximumDepth else { throw fail("nesting deeper than \(JSONValueParser.maximumDepth) levels") }
        index &+= 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if !atEnd && bytes[index] == UInt8(ascii: "}") {
            index &+= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard !atEnd, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted member name") }
            let key = try parseString()
            skipWhitespace()
            guard !atEnd, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after member name") }
            index &+= 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append((key, value))
            skipWhitespace()
            guard !atEnd else { throw fail("unexpected end of line inside an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index &+= 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index &+= 1
                return .object(members)
            }
            throw fail("expected ',' or '}' after an object member")
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= JSONValueParser.maximumDepth else { throw fail("nesting deeper than \(JSONValueParser.maximumDepth) levels") }
        index &+= 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if !atEnd && bytes[index] == UInt8(ascii: "]") {
            index &+= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard !atEnd else { throw fail("unexpected end of line inside an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index &+= 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index &+= 1
                return .array(elements)
            }
            throw fail("expected ',' or ']' after an array element")
        }
    }

    /// Parses a string starting at the opening quote.
    mutating func parseString() throws(JSONParseError) -> String {
        let open = index
        index &+= 1
        let start = index
        var sawNonASCII = false
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index &+= 1
                return try makeString(slice, validate: sawNonASCII, at: start)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character (byte 0x\(String(byte, radix: 16))) inside a string") }
            if byte >= 0x80 { sawNonASCII = true }
            index &+= 1
        }
        guard index < bytes.count else { throw fail("unterminated string", at: open) }
        // Slow path: decode escapes into a byte buffer.
        var scratch: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index &+= 1
                return try scratch.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> String in
                    try makeString(buffer, validate: sawNonASCII, at: start)
                }
            }
            if byte < 0x20 { throw fail("control character (byte 0x\(String(byte, radix: 16))) inside a string") }
            if byte >= 0x80 { sawNonASCII = true }
            if byte != UInt8(ascii: "\\") {
                scratch.append(byte)
                index &+= 1
                continue
            }
            index &+= 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index &+= 1
            switch escape {
            case UInt8(ascii: "\""): scratch.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): scratch.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try parseUnicodeEscape()
                sawNonASCII = sawNonASCII || scalar.value >= 0x80
                scratch.append(contentsOf: String(Character(scalar)).utf8)
            default:
                throw fail("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string", at: index - 2)
            }
        }
        throw fail("unterminated string", at: open)
    }

    private func makeString(_ slice: UnsafeBufferPointer<UInt8>, validate: Bool, at offset: Int) throws(JSONParseError) -> String {
        if !validate { return String(decoding: slice, as: UTF8.self) }
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw fail("invalid UTF-8 inside a string", at: offset)
        }
        return text
    }

    /// Parses `XXXX` after `\u` (and a following `\uXXXX` low surrogate when needed).
    private mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let escapeStart = index - 2
        let high = try parseHex4()
        if (0xDC00...0xDFFF).contains(high) { throw fail("lone low surrogate \\u\(String(high, radix: 16)) in a string", at: escapeStart) }
        guard (0xD800...0xDBFF).contains(high) else {
            guard let scalar = Unicode.Scalar(high) else { throw fail("invalid \\u escape", at: escapeStart) }
            return scalar
        }
        guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
            throw fail("lone high surrogate \\u\(String(high, radix: 16)) in a string", at: escapeStart)
        }
        index += 2
        let low = try parseHex4()
        guard (0xDC00...0xDFFF).contains(low) else { throw fail("high surrogate not followed by a low surrogate", at: escapeStart) }
        let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        guard let scalar = Unicode.Scalar(value) else { throw fail("invalid \\u escape", at: escapeStart) }
        return scalar
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw fail("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("expected four hex digits after \\u")
            }
            value = value << 4 | digit
            index &+= 1
        }
        return value
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index &+= 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected a digit", at: index) }
        if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
            throw fail("numbers must not have leading zeros", at: index)
        }
        var mantissa: UInt64 = 0
        var digits = 0
        while index < bytes.count, isDigit(bytes[index]) {
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[index] - UInt8(ascii: "0")) }
            digits += 1
            index &+= 1
        }
        var fractionDigits = 0
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index &+= 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected a digit after '.'", at: index) }
            while index < bytes.count, isDigit(bytes[index]) {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[index] - UInt8(ascii: "0"))
                    fractionDigits += 1
                }
                digits += 1
                index &+= 1
            }
        }
        var hasExponent = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            hasExponent = true
            index &+= 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index &+= 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected a digit in the exponent", at: index) }
            while index < bytes.count, isDigit(bytes[index]) { index &+= 1 }
        }
        if isInteger && digits <= 18 {
            let value = Int64(mantissa)
            return .int(negative ? -value : value)
        }
        // Exact fast path: a mantissa below 2^53 divided by an exact power of ten is correctly rounded.
        if !hasExponent && digits <= 15 && fractionDigits <= 22 {
            let value = Double(mantissa) / Parser.powersOfTen[fractionDigits]
            return .number(negative ? -value : value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw fail("number out of range", at: start) }
        if isInteger, let exact = Int64(text) { return .int(exact) }
        return .number(value)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
