/// YAML front matter (`---` ... `---` at the top of the file), read as flat `key: value` pairs.
///
/// Runbooks use front matter for owner, severity, service and similar scalars; nested YAML is kept
/// as the raw text of its first line and otherwise ignored.
public enum FrontMatter {
    /// The entries and the text with the front-matter lines blanked (so line numbers stay true).
    public static func extract(from text: String) -> (entries: [MetadataEntry], body: String) {
        guard text.hasPrefix("---\n") else { return ([], text) }
        // Only the head of the file is split: front matter ends within the first 500 lines.
        var lines: [Substring] = []
        var closing: Int?
        var rest = text[...]
        while lines.count < 500, let newline = rest.firstIndex(of: "\n") {
            let line = rest[..<newline]
            rest = rest[rest.index(after: newline)...]
            lines.append(line)
            if lines.count > 1, line.trimmingTrailingWhitespace == "---" || line.trimmingTrailingWhitespace == "..." {
                closing = lines.count - 1
                break
            }
        }
        guard let end = closing else { return ([], text) }
        var entries: [MetadataEntry] = []
        for index in 1..<end {
            let line = lines[index]
            guard let first = line.first, first != " ", first != "\t", first != "#", first != "-",
                  let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingWhitespace
            var value = line[line.index(after: colon)...].trimmingWhitespace
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            guard !key.isEmpty else { continue }
            entries.append(MetadataEntry(key: key, value: value, line: index + 1, origin: .frontMatter))
        }
        return (entries, String(repeating: "\n", count: end + 1) + rest)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingWhitespace: String {
        guard let start = firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let end = lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(self[start...end])
    }

    /// The text without trailing spaces, tabs and carriage returns.
    var trimmingTrailingWhitespace: String {
        guard let end = lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) else { return "" }
        return String(self[...end])
    }
}
