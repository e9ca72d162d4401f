/// A mistake in a theme file, with what a user needs to fix it: the file, the line, the key and what
/// was expected there. Its description reads like a compiler message:
/// `themes/x.toml:12: unknown colour "purpel" for key fg (expected default, black, red, ...)`.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of mistake.
    public enum Kind: Equatable, Sendable {
        /// A table header naming no `ThemeRole` (`[outline-selectd]`).
        case unknownRole
        /// A key the theme format does not have (in a role table, or at the top).
        case unknownKey
        /// A colour that is not a name, an index 0-255 or `#rrggbb`.
        case badColour
        /// A value of the wrong kind (`bold = "yes"`, an unknown `inherits`).
        case badValue
        /// The same role table twice.
        case duplicateTable
        /// The same key twice in one table.
        case duplicateKey
        /// Something that is not this TOML subset at all.
        case syntax
        /// The file could not be read.
        case unreadable
    }

    /// The theme file as the user named it.
    public var path: String
    /// 1-based line, or 0 for the whole file.
    public var line: Int
    /// What went wrong.
    public var kind: Kind
    /// The key (or role table name) concerned, if any.
    public var key: String?
    /// The offending text as written, if any.
    public var value: String?
    /// What would have been accepted.
    public var expected: String
    /// The nearest valid name for a misspelt role or key ("pane-title" for "pane-titel"), if any.
    public var suggestion: String?

    /// Creates an error.
    public init(path: String, line: Int, kind: Kind, key: String? = nil, value: String? = nil, expected: String,
                suggestion: String? = nil) {
        self.path = path
        self.line = line
        self.kind = kind
        self.key = key
        self.value = value
        self.expected = expected
        self.suggestion = suggestion
    }

    /// `path:line: message (expected ...)`.
    public var description: String {
        let location = line > 0 ? "\(path):\(line)" : path
        return "\(location): \(message)"
    }

    private var message: String {
        let key = key ?? ""
        let value = value ?? ""
        switch kind {
        case .unknownRole:
            let guess = suggestion.map { "did you mean [\($0)]? " } ?? ""
            return "unknown role [\(key)] (\(guess)expected one of: \(expected))"
        case .unknownKey:
            let guess = suggestion.map { "did you mean \($0)? " } ?? ""
            return "unknown key \(key) (\(guess)expected \(expected))"
        case .badColour:
            return "unknown colour \(value) for key \(key) (expected \(expected))"
        case .badValue:
            return "bad value \(value) for key \(key) (expected \(expected))"
        case .duplicateTable:
            return "duplicate table [\(key)] (\(expected))"
        case .duplicateKey:
            return "duplicate key \(key) (\(expected))"
        case .syntax:
            return "syntax error: expected \(expected)"
        case .unreadable:
            return "cannot read the theme file (\(expected))"
        }
    }
}
