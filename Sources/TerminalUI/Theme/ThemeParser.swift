/// Reads a theme file (a TOML subset) into a `ThemeFile`, collecting every mistake instead of stopping
/// at the first.
///
/// ```toml
/// name = "light"          # optional, before any table
/// inherits = "default"    # optional: where missing roles come from ("default" or "mono")
///
/// [selection]             # a ThemeRole raw value
/// fg = "black"            # default, a colour name, bright-<name>, 0-255 or "#rrggbb"
/// bg = "cyan"
/// bold = true             # bold, dim, underline, reverse, italic
/// ```
public enum ThemeParser {
    /// The keys of a role table.
    static let styleKeys = ["fg", "bg", "bold", "dim", "underline", "reverse", "italic"]
    /// The keys allowed before the first table.
    static let topLevelKeys = ["name", "inherits"]

    private static let attributeKeys: [String: CellAttributes] = [
        "bold": .bold, "dim": .dim, "underline": .underline, "reverse": .reverse, "italic": .italic,
    ]

    /// Parses `text`; `path` is only used in error messages.
    public static func parse(_ text: String, path: String) -> ThemeFile {
        var state = ParseState(path: path)
        var lineNumber = 0
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        // "\r\n" is one Character, so a plain split on "\n" would miss Windows line ends.
        let lines = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for line in lines {
            lineNumber += 1
            switch ThemeTOMLLine.scan(line) {
            case .success(.blank):
                continue
            case .success(.table(let name)):
                state.openTable(name, line: lineNumber)
            case .success(.keyValue(let key, let value)):
                state.assign(key, value, line: lineNumber)
            case .failure(let syntax):
                state.fail(.syntax, line: lineNumber, key: syntax.key, expected: syntax.expected)
            }
        }
        state.closeTable()
        return state.file
    }

    /// The parser's state while reading lines.
    private struct ParseState {
        let path: String
        var file = ThemeFile()
        /// The role of the table being read; nil before any table or inside an unknown one.
        var role: ThemeRole?
        /// True once a table header was seen (top-level keys are over).
        var inTable = false
        var tableName = ""
        var style = UIStyle.plain
        var keysSeen: [String: Int] = [:]
        var tableLines: [ThemeRole: Int] = [:]
        var topKeysSeen: [String: Int] = [:]

        init(path: String) {
            self.path = path
        }

        mutating func fail(_ kind: ThemeError.Kind, line: Int, key: String? = nil, value: String? = nil, expected: String,
                           suggestion: String? = nil) {
            file.errors.append(ThemeError(path: path, line: line, kind: kind, key: key, value: value, expected: expected,
                                          suggestion: suggestion))
        }

        mutating func openTable(_ name: String, line: Int) {
            closeTable()
            inTable = true
            tableName = name
            style = .plain
            keysSeen = [:]
            guard let role = ThemeRole(rawValue: name) else {
                role = nil
                let roles = ThemeRole.allCases.map(\.rawValue)
                fail(.unknownRole, line: line, key: name, expected: roles.joined(separator: ", "),
                     suggestion: ThemeSuggestion.nearest(to: name, in: roles))
                return
            }
            if let first = tableLines[role] {
                self.role = nil
                fail(.duplicateTable, line: line, key: name, expected: "already defined at line \(first); each role once")
                return
            }
            tableLines[role] = line
            self.role = role
        }

        mutating func closeTable() {
            if let role { file.styles[role] = style }
            role = nil
        }

        mutating func assign(_ key: String, _ value: ThemeTOMLLine.Value, line: Int) {
            inTable ? assignStyle(key, value, line: line) : assignTop(key, value, line: line)
        }

        private mutating func assignTop(_ key: String, _ value: ThemeTOMLLine.Value, line: Int) {
            guard ThemeParser.topLevelKeys.contains(key) else {
                fail(.unknownKey, line: line, key: key,
                     expected: "name or inherits before the first [role] table; fg, bg, bold, dim, underline, reverse, italic inside one")
                return
            }
            if let first = topKeysSeen[key] {
                fail(.duplicateKey, line: line, key: key, expected: "already set at line \(first)")
                return
            }
            topKeysSeen[key] = line
            guard case .string(let text) = value else {
                fail(.badValue, line: line, key: key, value: value.written, expected: "a string in double quotes")
                return
            }
            if key == "name" {
                file.name = text
            } else {
                file.inherits = text
                file.inheritsLine = line
            }
        }

        private mutating func assignStyle(_ key: String, _ value: ThemeTOMLLine.Value, line: Int) {
            guard ThemeParser.styleKeys.contains(key) else {
                let guess = ThemeSuggestion.nearest(to: key, in: ThemeParser.styleKeys + ["foreground", "background", "color", "colour"])
                let meant = guess.map { ["foreground": "fg", "color": "fg", "colour": "fg", "background": "bg"][$0] ?? $0 }
                fail(.unknownKey, line: line, key: key, expected: ThemeParser.styleKeys.joined(separator: ", ") + " in [\(tableName)]",
                     suggestion: meant)
                return
            }
            if let first = keysSeen[key] {
                fail(.duplicateKey, line: line, key: key, expected: "already set at line \(first) in [\(tableName)]")
                return
            }
            keysSeen[key] = line
            if key == "fg" || key == "bg" {
                if case .bare(let word) = value, ThemeColorName.parse(word) != nil {
                    fail(.badValue, line: line, key: key, value: word, expected: "a colour in double quotes: \"\(word)\"")
                    return
                }
                guard let color = colour(value) else {
                    fail(.badColour, line: line, key: key, value: value.written, expected: ThemeColorName.expected)
                    return
                }
                if key == "fg" { style.foreground = color } else { style.background = color }
                return
            }
            guard case .boolean(let flag) = value, let attribute = ThemeParser.attributeKeys[key] else {
                fail(.badValue, line: line, key: key, value: value.written, expected: "true or false")
                return
            }
            if flag { style.attributes.insert(attribute) } else { style.attributes.remove(attribute) }
        }

        private func colour(_ value: ThemeTOMLLine.Value) -> TerminalColor? {
            switch value {
            case .string(let text): ThemeColorName.parse(text)
            case .integer(let number): ThemeColorName.index(number)
            case .boolean, .bare: nil
            }
        }
    }
}
