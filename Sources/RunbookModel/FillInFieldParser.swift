/// Finds fill-in blanks and choice fields in one line of a runbook.
///
/// Rules:
/// - A blank is 3+ underscores (Markdown-escaped `\_\_\_` too), not glued to a word on its left;
///   underscore groups joined by `/`, `:`, `-` or `.` ("__/__/____", "__:__") form one blank.
/// - Its label is the text before it (after the previous field on the line, after the last `,` `;` `)`
///   `|` that still leaves a word), without emphasis, list markers, checkboxes or the trailing colon.
///   A blank without a label is not a field.
/// - Its unit is `%` or a short word glued to it ("____ms"), a known unit word after one space
///   ("____ minutes"), or a currency sign right before it ("$____").
/// - A line with no blank can be one choice field: `Label: A / B / C`, optionally in `[...]` or `(...)`,
///   with 2-5 options of at most 3 words and 30 characters, each with a letter and none of
///   `. ( ) < > = { } [ ] : , ; \` |` (so paths, URLs, numbers, dates, prose are not choices).
///   `**Severity:** Critical` (a single value) is not a field. Table rows and headings never yield choices.
public enum FillInFieldParser: Sendable {

    private typealias Text = [Unicode.Scalar]

    /// The fields in a line, in order; empty when the line asks for nothing.
    public static func fields(inLine line: String) -> [FillInField] {
        let (hasBlank, hasChoice) = quickCheck(line)
        guard hasBlank || hasChoice else { return [] }
        let c = stripPrefix(unescape(line))
        if hasBlank {
            let blanks = blankFields(c)
            if !blanks.isEmpty { return blanks }
        }
        if hasChoice, let f = choiceField(c) { return [f] }
        return []
    }

    /// Whether `fields(inLine:)` of the line with these UTF-8 bytes can find anything at all.
    static func mayHaveFields(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let (blank, choice) = quickCheck(line)
        return blank || choice
    }

    /// Byte-level pre-check: a blank needs "__" (or "\_"); a choice needs ':' followed later by '/'.
    private static func quickCheck(_ line: String) -> (blank: Bool, choice: Bool) {
        if let answer = line.utf8.withContiguousStorageIfAvailable({ quickCheck($0) }) { return answer }
        return Array(line.utf8).withUnsafeBufferPointer { quickCheck($0) }
    }

    private static func quickCheck(_ line: UnsafeBufferPointer<UInt8>) -> (blank: Bool, choice: Bool) {
        var underscores = 0
        var blank = false
        var colon = false
        var choice = false
        var previous: UInt8 = 0
        for b in line {
            if b == 0x5F {                                   // _
                underscores += 1
                if underscores >= 2 || previous == 0x5C { blank = true }   // "__:__" is checked in full later
            } else if b != 0x5C {
                underscores = 0
            }
            if b == 0x3A { colon = true }                    // :
            if b == 0x2F, colon, previous != 0x2F, previous != 0x3A { choice = true }   // '/' not in "://"
            previous = b
            if blank && choice { break }
        }
        return (blank, choice)
    }

    // MARK: Blanks

    private static let spacedUnits: Set<String> = [
        "ms", "s", "sec", "secs", "seconds", "m", "min", "mins", "minutes", "h", "hr", "hrs", "hours",
        "d", "days", "kb", "mb", "gb", "tb", "rps", "qps", "req/s", "x", "bytes", "percent", "%",
    ]

    private static func blankFields(_ c: Text) -> [FillInField] {
        var out: [FillInField] = []
        var segmentStart = 0
        var i = 0
        while i < c.count {
            guard c[i] == "_", i == 0 || !(isWord(c[i - 1]) || c[i - 1] == "_") else { i += 1; continue }
            // Extent of the blank group.
            var j = i
            var underscores = 0
            while true {
                var k = j
                while k < c.count, c[k] == "_" { k += 1 }
                underscores += k - j
                j = k
                if j + 1 < c.count, c[j] == "/" || c[j] == ":" || c[j] == "-" || c[j] == ".", c[j + 1] == "_" { j += 1; continue }
                break
            }
            guard underscores >= 3 else { i = j; continue }
            // Prefix currency unit.
            var labelEnd = i
            var unit: String? = nil
            if i > 0, c[i - 1] == "$" || c[i - 1] == "€" || c[i - 1] == "£" { unit = string(c[(i - 1)..<i]); labelEnd = i - 1 }
            // Suffix unit.
            var end = j
            if unit == nil, j < c.count {
                if c[j] == "%" {
                    unit = "%"; end = j + 1
                } else if isAlpha(c[j]) || c[j] == "°" {
                    var k = j
                    while k < c.count, isAlpha(c[k]) || c[k] == "°" || c[k] == "/" { k += 1 }
                    if k - j <= 8 { unit = string(c[j..<k]); end = k }
                } else if c[j] == " ", j + 1 < c.count, isAlpha(c[j + 1]) || c[j + 1] == "%" {
                    var k = j + 1
                    while k < c.count, isAlpha(c[k]) || c[k] == "/" || c[k] == "%" { k += 1 }
                    let word = string(c[(j + 1)..<k])
                    let followedByColon = k < c.count && c[k] == ":"
                    if !followedByColon, spacedUnits.contains(word.lowercased()) { unit = word; end = k }
                }
            }
            if let label = label(c[segmentStart..<labelEnd]) {
                out.append(FillInField(label: label, unit: unit))
                segmentStart = end
            }
            i = end
        }
        return out
    }

    /// The label in the text before a blank, or nil when there is none.
    private static func label(_ s: ArraySlice<Unicode.Scalar>) -> String? {
        var t = cleanEmphasis(s)
        trimLabelEnd(&t)
        // Keep only the text after the last separator that still leaves a word ("(full name), Date").
        var k = t.count - 1
        while k >= 0 {
            if t[k] == "," || t[k] == ";" || t[k] == ")" || t[k] == "|", t[(k + 1)...].contains(where: isAlpha) {
                t = Array(t[(k + 1)...])
                break
            }
            k -= 1
        }
        t = stripPrefix(t)
        trimLabelEnd(&t)
        guard !t.isEmpty, t.count <= 80, t.contains(where: isAlpha) else { return nil }
        return string(t[...])
    }

    private static func trimLabelEnd(_ t: inout Text) {
        while let l = t.last, l == ":" || isSpace(l) { t.removeLast() }
        while let f = t.first, isSpace(f) { t.removeFirst() }
    }

    // MARK: Choices

    private static let forbidden: Set<Unicode.Scalar> = [".", "(", ")", "<", ">", "=", "{", "}", "[", "]", ":", ",", ";", "`", "|", "\\"]

    private static func choiceField(_ c: Text) -> FillInField? {
        guard let first = c.first, first != "|", first != "#", let colon = c.firstIndex(of: ":") else { return nil }
        var labelChars = cleanEmphasis(c[..<colon])
        trimLabelEnd(&labelChars)
        guard !labelChars.isEmpty, labelChars.count <= 60, labelChars.contains(where: isAlpha) else { return nil }
        var value = c[(colon + 1)...]
        // Emphasis closing after the colon ("**Severity:** A / B").
        while let f = value.first, f == "*" || f == "_" || isSpace(f) { value.removeFirst() }
        while let l = value.last, l == "*" || l == "_" || isSpace(l) || l == "." { value.removeLast() }
        guard value.contains("/"), !value.contains("`") else { return nil }
        if let f = value.first, let l = value.last, (f == "[" && l == "]") || (f == "(" && l == ")") {
            value = value.dropFirst().dropLast()
        }
        var parts: [String] = []
        for part in value.split(separator: "/", omittingEmptySubsequences: false) {
            var p = part
            while let f = p.first, isSpace(f) { p.removeFirst() }
            while let l = p.last, isSpace(l) { p.removeLast() }
            guard !p.isEmpty, p.count <= 30, p.contains(where: isAlpha),
                  !p.contains(where: { forbidden.contains($0) }),
                  p.split(whereSeparator: isSpace).count <= 3 else { return nil }
            parts.append(string(p))
            if parts.count > 5 { return nil }
        }
        guard parts.count >= 2 else { return nil }
        return FillInField(label: string(labelChars[...]), unit: nil, choices: parts)
    }

    // MARK: Helpers

    @inline(__always) private static func isAlpha(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A }
        return s.properties.isAlphabetic
    }

    @inline(__always) private static func isWord(_ s: Unicode.Scalar) -> Bool {
        isAlpha(s) || (s.value >= 0x30 && s.value <= 0x39)
    }

    @inline(__always) private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return s == " " || s == "\t" || s == "\n" || s == "\r" }
        return s.properties.isWhitespace
    }

    private static func string(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s)
        return String(v)
    }

    /// The line as scalars, with `\_` turned into `_`.
    private static func unescape(_ line: String) -> Text {
        var out: Text = []
        out.reserveCapacity(line.utf8.count)
        var pendingBackslash = false
        for s in line.unicodeScalars {
            if pendingBackslash {
                pendingBackslash = false
                if s != "_" { out.append("\\") }
            }
            if s == "\\" { pendingBackslash = true; continue }
            out.append(s)
        }
        if pendingBackslash { out.append("\\") }
        return out
    }

    /// Removes `*`, `` ` `` and underscore runs that are not inside a word.
    private static func cleanEmphasis(_ c: ArraySlice<Unicode.Scalar>) -> Text {
        var out: Text = []
        var pendingUnderscores = 0
        var previousIsWord = false
        for ch in c {
            if ch == "*" || ch == "`" { continue }
            if ch == "_" { pendingUnderscores += 1; continue }
            let word = isWord(ch)
            if pendingUnderscores > 0 {
                if previousIsWord && word { out.append(contentsOf: repeatElement("_", count: pendingUnderscores)) }
                pendingUnderscores = 0
            }
            out.append(ch)
            previousIsWord = word
        }
        return out
    }

    /// Drops leading whitespace, `>` quotes, list markers (`-`, `*`, `+`, `1.`) and checkboxes.
    private static func stripPrefix(_ c: Text) -> Text {
        var i = 0
        func skip() { while i < c.count, isSpace(c[i]) { i += 1 } }
        skip()
        var changed = true
        while changed, i < c.count {
            changed = false
            if c[i] == ">" { i += 1; skip(); changed = true; continue }
            if c[i] == "-" || c[i] == "*" || c[i] == "+" || c[i] == "•", i + 1 < c.count, isSpace(c[i + 1]) {
                i += 1; skip(); changed = true; continue
            }
            if c[i] == "[", i + 2 < c.count, c[i + 2] == "]", c[i + 1] == " " || c[i + 1] == "x" || c[i + 1] == "X" {
                i += 3; skip(); changed = true; continue
            }
            if c[i].value >= 0x30 && c[i].value <= 0x39 {
                var j = i
                while j < c.count, c[j].value >= 0x30 && c[j].value <= 0x39 { j += 1 }
                if j + 1 < c.count, c[j] == "." || c[j] == ")", isSpace(c[j + 1]) { i = j + 1; skip(); changed = true; continue }
            }
        }
        return i == 0 ? c : Array(c[i...])
    }
}
