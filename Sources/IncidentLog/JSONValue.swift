/// Any JSON value, with object members kept in the order they were written or parsed.
///
/// Integers that fit in `Int64` are `.int`; every other number is `.number`. Equality is structural and
/// order-sensitive for objects (`{"a":1,"b":2}` differs from `{"b":2,"a":1}`), and `.int(1)` differs from
/// `.number(1)`. Build values with literals: `let payload: JSONValue = ["section": "2.1", "attempt": 3]`.
///
/// Raw bytes (terminal output with escape sequences, `\r` or invalid UTF-8) cannot live in a JSON string;
/// store them with `JSONValue.bytes(_:)` (a base64 string) and read them back with `decodeBytes`.
public indirect enum JSONValue: Equatable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer literal that fits in 64 bits.
    case int(Int64)
    /// Any other number. NaN and infinities cannot be written in JSON and serialize as `null`.
    case number(Double)
    /// A string (always valid Unicode; the serializer escapes what JSON requires).
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object as ordered members; duplicate keys are kept as parsed (lookups find the first).
    case object([(String, JSONValue)])

    /// Structural equality; object members are compared in order.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.number(a), .number(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            guard a.count == b.count else { return false }
            for (left, right) in zip(a, b) where left.0 != right.0 || left.1 != right.1 { return false }
            return true
        default: return false
        }
    }

    /// The value of the first member named `key` when this is an object; `nil` otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.0 == key })?.1
    }

    /// The string, when this is `.string`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, when this is `.int` or an integral `.number` that fits in `Int64`.
    public var intValue: Int64? {
        switch self {
        case .int(let value): return value
        case .number(let value):
            guard value.rounded() == value, let exact = Int64(exactly: value) else { return nil }
            return exact
        default: return nil
        }
    }

    /// The number as a `Double`, when this is `.int` or `.number`.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    /// The boolean, when this is `.bool`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, when this is `.array`.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The ordered members, when this is `.object`.
    public var objectMembers: [(String, JSONValue)]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// `true` for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Raw bytes stored losslessly as a base64 string (read them back with `decodeBytes`).
    public static func bytes(_ bytes: some Collection<UInt8>) -> JSONValue {
        .string(Base64.encode(bytes))
    }

    /// The bytes of a base64 string written by `JSONValue.bytes(_:)`; `nil` when this is not such a string.
    public var decodeBytes: [UInt8]? {
        guard case .string(let text) = self else { return nil }
        return Base64.decode(text)
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `nil` is `.null`.
    public init(nilLiteral: ()) { self = .null }
    /// `true`/`false` are `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// Integer literals are `.int`.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// Floating-point literals are `.number`.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// String literals are `.string`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// Array literals are `.array`.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Dictionary literals are `.object`, keeping the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text (same bytes as `serialized()`).
    public var description: String { serialized() }
}
