/// Decides which line breaks of a paragraph to keep.
///
/// The model keeps every source line break of a paragraph as `"\n"`, whether Markdown meant a hard
/// break or a soft one. Runbooks use both: `**Key:** value` lines meant as separate lines, and prose
/// hard-wrapped at 80–100 columns meant to flow. A break stays when the line before it is short (under
/// `flowWidth` columns) or the next line starts with bold text or a symbol ("→", "✅", "-"); otherwise
/// it becomes a space, so long prose reflows to the pane instead of leaving ragged half lines.
enum ParagraphBreaks {
    /// Lines at least this wide are taken as hard-wrapped prose.
    static let flowWidth = 60

    static func reflow(_ spans: [StyledSpan]) -> [StyledSpan] {
        guard spans.contains(where: { $0.text.contains("\n") }) else { return spans }
        var result: [StyledSpan] = []
        result.reserveCapacity(spans.count)
        var lineWidth = 0
        for (spanIndex, span) in spans.enumerated() {
            guard span.text.contains("\n") else {
                lineWidth += span.width
                result.append(span)
                continue
            }
            var text = ""
            var index = span.text.startIndex
            while index < span.text.endIndex {
                let character = span.text[index]
                let next = span.text.index(after: index)
                if character == "\n" {
                    let following = next < span.text.endIndex
                        ? (span.text[next], span.role)
                        : firstCharacter(after: spanIndex, in: spans)
                    text.append(flows(lineWidth: lineWidth, next: following) ? " " : "\n")
                    lineWidth = 0
                } else {
                    text.append(character)
                    lineWidth += DisplayWidth.of(character)
                }
                index = next
            }
            result.append(StyledSpan(text, span.role))
        }
        return result
    }

    private static func flows(lineWidth: Int, next: (Character, ThemeRole)?) -> Bool {
        guard lineWidth >= flowWidth, let (character, role) = next, role != .strong else { return false }
        return character.isLetter || character.isNumber || role == .code || role == .link
            || "(\"'`/$[<".contains(character)
    }

    private static func firstCharacter(after index: Int, in spans: [StyledSpan]) -> (Character, ThemeRole)? {
        for span in spans[(index + 1)...] {
            if let first = span.text.first { return (first, span.role) }
        }
        return nil
    }
}
