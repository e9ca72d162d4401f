import RunbookModel

/// Turns model text into styled spans: inline Markdown styles into theme roles, fill-in blanks
/// ("____") and placeholders into the placeholder role.
enum InlineSpans {
    /// The role of an inline style; code wins over link, link over strong, strong over emphasis.
    static func role(of style: TextRun.Style, base: ThemeRole = .prose) -> ThemeRole {
        if style.contains(.code) { return .code }
        if style.contains(.link) { return .link }
        if style.contains(.strong) { return .strong }
        if style.contains(.emphasis) { return .emphasis }
        if style.contains(.strikethrough) { return .muted }
        return base
    }

    /// Spans of prose runs, with blanks to fill in ("____") shown as placeholders.
    static func spans(_ runs: [TextRun], base: ThemeRole = .prose) -> [StyledSpan] {
        var spans: [StyledSpan] = []
        spans.reserveCapacity(runs.count)
        for run in runs {
            let role = role(of: run.style, base: base)
            if role == .code || !run.text.contains("___") {
                spans.append(StyledSpan(run.text, role))
            } else {
                spans += highlightBlanks(run.text, role)
            }
        }
        return spans
    }

    /// Splits `text` so that runs of three or more underscores get the placeholder role.
    static func highlightBlanks(_ text: String, _ role: ThemeRole) -> [StyledSpan] {
        var spans: [StyledSpan] = []
        var plain = Substring()
        var rest = Substring(text)
        while let start = rest.firstIndex(of: "_") {
            let run = rest[start...].prefix(while: { $0 == "_" })
            if run.count >= 3 {
                plain = rest[..<start]
                if !plain.isEmpty { spans.append(StyledSpan(String(plain), role)) }
                spans.append(StyledSpan(String(run), .placeholder))
                rest = rest[run.endIndex...]
            } else {
                // Too short to be a blank: keep it in the plain text and look further.
                let head = rest[..<run.endIndex]
                if let last = spans.last, last.role == role {
                    spans[spans.count - 1].text += head
                } else {
                    spans.append(StyledSpan(String(head), role))
                }
                rest = rest[run.endIndex...]
            }
        }
        if !rest.isEmpty { spans.append(StyledSpan(String(rest), role)) }
        return spans
    }

    /// Spans of a command's text: `role` for the text, the placeholder role for every placeholder token
    /// (`$NAME` as a whole word, `${NAME...}`, `<name>`, `[name]`).
    static func command(_ text: String, placeholders: [Placeholder], role: ThemeRole = .command) -> [StyledSpan] {
        guard !placeholders.isEmpty else { return [StyledSpan(text, role)] }
        var ranges: [Range<String.Index>] = []
        for placeholder in placeholders {
            switch placeholder.syntax {
            case .variable:
                for range in text.ranges(of: "$" + placeholder.name) {
                    if range.upperBound < text.endIndex, isNameCharacter(text[range.upperBound]) { continue }
                    ranges.append(range)
                }
                for range in text.ranges(of: "${" + placeholder.name) {
                    guard range.upperBound < text.endIndex else { continue }
                    let next = text[range.upperBound]
                    guard next == "}" || next == ":" || next == "-" || next == "?" || next == "=" || next == "+" else { continue }
                    let close = text[range.upperBound...].firstIndex(of: "}") ?? text.index(before: text.endIndex)
                    ranges.append(range.lowerBound..<text.index(after: close))
                }
            case .angle, .square:
                ranges += text.ranges(of: placeholder.token)
            }
        }
        return split(text, at: ranges, role: role, highlight: .placeholder)
    }

    /// Spans of template text: bracketed fill-ins ("[Name]", "[HH:MM UTC]") get the placeholder role;
    /// task boxes ("[ ]", "[x]") and Markdown links do not.
    static func template(_ text: String, role: ThemeRole = .template) -> [StyledSpan] {
        guard text.contains("[") else { return [StyledSpan(text, role)] }
        var ranges: [Range<String.Index>] = []
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: "[") {
            let afterOpen = text.index(after: open)
            guard let close = text[afterOpen...].prefix(60).firstIndex(where: { $0 == "]" || $0 == "\n" || $0 == "[" }),
                  text[close] == "]" else {
                index = afterOpen
                continue
            }
            let inside = text[afterOpen..<close]
            let afterClose = text.index(after: close)
            let isLink = afterClose < text.endIndex && text[afterClose] == "("
            if inside.count >= 2, inside.first != " ", !isLink {
                ranges.append(open..<afterClose)
            }
            index = afterClose
        }
        return split(text, at: ranges, role: role, highlight: .placeholder)
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character == "_" || (character.isASCII && (character.isLetter || character.isNumber))
    }

    /// `text` cut into spans: `highlight` inside `ranges` (overlaps merged), `role` elsewhere.
    private static func split(
        _ text: String, at ranges: [Range<String.Index>], role: ThemeRole, highlight: ThemeRole
    ) -> [StyledSpan] {
        guard !ranges.isEmpty else { return [StyledSpan(text, role)] }
        var spans: [StyledSpan] = []
        var cursor = text.startIndex
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            guard range.upperBound > cursor else { continue }
            let start = max(range.lowerBound, cursor)
            if cursor < start { spans.append(StyledSpan(String(text[cursor..<start]), role)) }
            spans.append(StyledSpan(String(text[start..<range.upperBound]), highlight))
            cursor = range.upperBound
        }
        if cursor < text.endIndex { spans.append(StyledSpan(String(text[cursor...]), role)) }
        return spans
    }
}
