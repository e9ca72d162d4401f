/// Making arbitrary text (from a log, so from anyone) safe inside GitHub-flavoured Markdown: one-line
/// inline text with Markdown punctuation escaped, code spans and fenced blocks the content cannot
/// close, table cells whose pipes do not split the row.
public enum MarkdownText {
    /// `text` as inline prose on one line: control characters removed (line breaks become spaces) and
    /// every character that could start Markdown syntax backslash-escaped (also `|`, for tables).
    public static func inline(_ text: String) -> String {
        var out = ""
        for character in oneLine(text) {
            if character.isASCII, let scalar = character.unicodeScalars.first, escaped.contains(scalar) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// `text` as a code span on one line, delimited by a backtick run longer than any inside it.
    /// `inTable`: `|` is escaped so the span can sit in a table cell (GFM unescapes it there).
    public static func code(_ text: String, inTable: Bool = false) -> String {
        let line = oneLine(text)
        let body = inTable ? line.replacingAll("|", with: "\\|") : line
        if body.isEmpty { return "` `" }
        let ticks = String(repeating: "`", count: longestRun(of: "`", in: body) + 1)
        let pad = body.hasPrefix("`") || body.hasSuffix("`") ? " " : ""
        return ticks + pad + body + pad + ticks
    }

    /// A fenced code block of `lines`, fenced with more backticks than any run inside them (at least 3).
    public static func fencedBlock(_ lines: [String], info: String = "text") -> String {
        let clean = lines.map { line in String(line.unicodeScalars.filter { !isControl($0) || $0 == "\t" }.map(Character.init)) }
        let longest = clean.map { longestRun(of: "`", in: $0) }.max() ?? 0
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return ([fence + info] + clean + [fence]).joined(separator: "\n")
    }

    /// One table row of already-rendered cells.
    public static func row(_ cells: [String]) -> String {
        "| " + cells.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |"
    }

    /// A header row and its delimiter row.
    public static func tableHeader(_ titles: [String]) -> String {
        row(titles) + "\n" + "|" + String(repeating: "---|", count: titles.count)
    }

    /// Text on one line: line breaks and tabs become spaces, other control characters are removed.
    static func oneLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                if out.last != " " { out.append(" ") }
            } else if !isControl(scalar) {
                out.append(scalar)
            }
        }
        return String(out).trimmingSpaces()
    }

    /// The longest run of `character` in `text`.
    static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0, current = 0
        for each in text {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static let escaped = Set("\\`*_[]<>|~#!&".unicodeScalars)
}

extension String {
    /// The text without leading and trailing spaces.
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
