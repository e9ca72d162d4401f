// Byte-level helpers shared by the shell scanners.

/// ASCII byte constants and character classes used by the shell scanners.
enum ShellByte {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let backslash = UInt8(ascii: "\\")
    static let singleQuote = UInt8(ascii: "'")
    static let doubleQuote = UInt8(ascii: "\"")
    static let backtick = UInt8(ascii: "`")
    static let dollar = UInt8(ascii: "$")
    static let hash = UInt8(ascii: "#")
    static let semicolon = UInt8(ascii: ";")
    static let ampersand = UInt8(ascii: "&")
    static let pipe = UInt8(ascii: "|")
    static let openParen = UInt8(ascii: "(")
    static let closeParen = UInt8(ascii: ")")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let less = UInt8(ascii: "<")
    static let greater = UInt8(ascii: ">")
    static let equals = UInt8(ascii: "=")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let bang = UInt8(ascii: "!")
    static let underscore = UInt8(ascii: "_")

    /// Bytes that end a plain run of word characters in command context.
    static let commandSpecial: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in " \t\r\\'\"`$;&|()<>".utf8 { table[Int(c)] = true }
        return table
    }()

    /// First bytes of the reserved words `ShellLexer.reservedWord` knows (`if`, `fi`, `{`, `!`, ...).
    static let reservedWordStarts: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in "iwufsctedf{}!".utf8 { table[Int(c)] = true }
        return table
    }()

    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == space || c == tab || c == carriageReturn }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
    @inline(__always) static func isLower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
    @inline(__always) static func isNameStart(_ c: UInt8) -> Bool { isLetter(c) || c == underscore }
    @inline(__always) static func isNameChar(_ c: UInt8) -> Bool { isNameStart(c) || isDigit(c) }

    /// If `bytes[range]` is an assignment word (`NAME=…`, `NAME+=…`, `NAME[i]=…`), its NAME range.
    static func assignmentName<Bytes: RandomAccessCollection>(_ bytes: Bytes, _ range: Range<Int>) -> Range<Int>?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var i = range.lowerBound
        let end = range.upperBound
        guard i < end, isNameStart(bytes[i]) else { return nil }
        i += 1
        while i < end, isNameChar(bytes[i]) { i += 1 }
        let nameEnd = i
        if i < end, bytes[i] == openBracket {
            var depth = 0
            while i < end {
                if bytes[i] == openBracket { depth += 1 }
                if bytes[i] == closeBracket { depth -= 1; if depth == 0 { break } }
                i += 1
            }
            guard i < end else { return nil }
            i += 1
        }
        if i < end, bytes[i] == plus { i += 1 }
        guard i < end, bytes[i] == equals else { return nil }
        return range.lowerBound..<nameEnd
    }

    /// Whether `bytes[range]` is a valid shell variable name.
    static func isName(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, isNameStart(bytes[range.lowerBound]) else { return false }
        return bytes[range].allSatisfy(isNameChar)
    }

    /// The text of `bytes[range]` as a `String`.
    static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

/// A block body as UTF-8 bytes (CRLF normalised to LF) with its line boundaries.
struct ShellSource: Sendable {
    /// The body's bytes; a `\r` before `\n` (or at the very end) is dropped.
    let bytes: [UInt8]
    /// Start offset of each line.
    private(set) var lineStarts: [Int] = []
    /// End offset (exclusive, before `\n`) of each line.
    private(set) var lineEnds: [Int] = []
    /// The text had no carriage return, so `bytes` is the text itself and any run of whole lines
    /// `bytes[lineStarts[a]..<lineEnds[b]]` reads exactly like a `ShellSource` of its own text.
    let isVerbatim: Bool

    /// Reads `text`, dropping carriage returns of CRLF line endings.
    init(_ text: String) {
        var out = Array(text.utf8)
        isVerbatim = !out.contains(ShellByte.carriageReturn)
        if !isVerbatim {
            var kept = 0
            for i in out.indices {
                let b = out[i]
                if b == ShellByte.carriageReturn, i + 1 == out.count || out[i + 1] == ShellByte.newline { continue }
                out[kept] = b
                kept += 1
            }
            out.removeLast(out.count - kept)
        }
        bytes = out
        var start = 0
        for i in out.indices where out[i] == ShellByte.newline {
            lineStarts.append(start)
            lineEnds.append(i)
            start = i + 1
        }
        if start < out.count {
            lineStarts.append(start)
            lineEnds.append(out.count)
        }
    }

    /// Number of lines (a final newline does not start an extra empty line).
    var lineCount: Int { lineStarts.count }

    /// Range of line `i` without its newline.
    func range(ofLine i: Int) -> Range<Int> { lineStarts[i]..<lineEnds[i] }

    /// Offset of the first non-blank byte of line `i` (its end if the line is blank).
    func firstNonBlank(ofLine i: Int) -> Int {
        var p = lineStarts[i]
        let end = lineEnds[i]
        while p < end, ShellByte.isBlank(bytes[p]) { p += 1 }
        return p
    }

    /// Whether line `i` contains only blanks.
    func isBlank(line i: Int) -> Bool { firstNonBlank(ofLine: i) == lineEnds[i] }

    /// Whether line `i` is a full-line comment (`#` after optional blanks).
    func isComment(line i: Int) -> Bool {
        let p = firstNonBlank(ofLine: i)
        return p < lineEnds[i] && bytes[p] == ShellByte.hash
    }

    /// Lines `first...last` as written, joined with `\n`.
    func text(lines first: Int, through last: Int) -> String {
        ShellByte.string(bytes, lineStarts[first]..<lineEnds[last])
    }

    /// The text of line `i`.
    func text(line i: Int) -> String { ShellByte.string(bytes, range(ofLine: i)) }

    /// Byte range of lines `first...last` (without the last newline).
    func byteRange(lines first: Int, through last: Int) -> Range<Int> { lineStarts[first]..<lineEnds[last] }
}
