/// Heuristics that decide how a fenced code block should be treated.
///
/// A line is *command-like* when, after an optional `$ ` prompt, wrappers (`sudo [-u user]`,
/// `time`, `env`, `nohup`, …) and leading `NAME=value` words, its first word is
/// - a known command or builtin from `ShellCommandWords.known` (case-sensitive, so capitalised
///   prose never matches). The keywords `if`/`while`/`until`/`for`/`select`/`case`/`function` must
///   also show shell structure (`[`, `;`, `then`, ` in `, `(`, `{`, …); `{` and `(` count only when
///   followed by a command-like word on the same line, `[` only when followed by something (a lone
///   bracket is data such as JSON);
/// - an assignment `NAME=value`, or a function definition `name()`;
/// - a path to an executable (`./x`, `../x`, `~/x`, `/usr/bin/x`, `*.sh`, `*.py`, `*.rb`);
/// - or an unknown lowercase command name (`myctl`) when the line is that single word, its next
///   word is an option (`-x`, `--flag`), or the line has shell syntax.
///
/// A line has *shell syntax* when it contains `|`, `&&`, `$(`, `${`, `$NAME`, a backtick, `>`,
/// an option word (` -x`, ` --flag`) or starts with `NAME=`.
public enum ShellBlockClassifier {
    /// A block that must run only as a whole: its first non-blank line is a `#!` shebang, or it uses
    /// positional parameters (`$1`…`$9`, `${1}`, `$@`, `$*`, `$#`, `${#}`) or `shift` / `getopts`
    /// outside a function body. Single-quoted text (awk's `$1`) and quoted heredocs do not count.
    public static func isScript(_ body: String) -> Bool { isScript(ShellSource(body), splitSink: nil) }

    /// `isScript(_:)` of a block already read into a `ShellSource`. `splitSink` is what a script sink
    /// heard while `ShellCommandSplitter` split the block normally (not as a transcript): it heard
    /// every line that can matter, so the block is not lexed again.
    static func isScript(_ source: ShellSource, splitSink: ShellScriptSink?) -> Bool {
        for line in 0..<source.lineCount where !source.isBlank(line: line) {
            let p = source.firstNonBlank(ofLine: line)
            if p + 1 < source.range(ofLine: line).upperBound, source.bytes[p] == ShellByte.hash,
               source.bytes[p + 1] == ShellByte.bang { return true }
            break
        }
        let sink = splitSink
            ?? ShellVariables.run(source, lines: 0..<source.lineCount, end: source.bytes.count, ShellScriptSink())
        return sink.usesPositional
    }

    /// For UNTAGGED fenced blocks: true when the block looks like shell commands rather than a prose
    /// template, a report or a table. The block is split into commands (console prompts honoured);
    /// it is shell when at least half of the commands start with a command-like first line, and there
    /// is at least one command.
    public static func looksLikeShell(_ body: String) -> Bool { looksLikeShell(ShellSource(body)) }

    /// `looksLikeShell(_:)` of a block already read into a `ShellSource`.
    static func looksLikeShell(_ source: ShellSource) -> Bool {
        let commands = ShellCommandSplitter.split(source, console: true).segments.filter { $0.kind == .command }
        guard !commands.isEmpty else { return false }
        var yes = 0
        for command in commands where isCommandLike(Array(command.text.utf8.prefix { $0 != ShellByte.newline })[...]) {
            yes += 1
        }
        return yes > 0 && yes * 2 >= commands.count
    }

    /// For bash/sh-TAGGED blocks: true when the block is really a chat message or prose, with no
    /// command in it, so it must not become runnable. Every non-blank, non-`#` line must be free of
    /// command-like starts and shell syntax, and read like prose: quoted text (`"…"`, `'…'`, `“…”`),
    /// a line starting with an emoji or symbol, a capitalised line of three or more words, or a line
    /// of two or more words ending in `.`, `!`, `?` or `…`. Comment-only or empty blocks are not prose.
    public static func isProse(_ body: String) -> Bool { isProse(ShellSource(body)) }

    /// `isProse(_:)` of a block already read into a `ShellSource`.
    static func isProse(_ source: ShellSource) -> Bool {
        var sawContent = false
        for i in 0..<source.lineCount where !source.isBlank(line: i) && !source.isComment(line: i) {
            sawContent = true
            let line = trimmed(source.bytes[source.range(ofLine: i)])
            if isCommandLike(line) || hasShellSyntax(line) || !isProseLine(ShellByte.string(source.bytes, line.indices)[...]) {
                return false
            }
        }
        return sawContent
    }

    // MARK: - Line tests

    /// Whether `line` starts like a shell command (see the type's documentation).
    static func isCommandLike(_ line: ArraySlice<UInt8>) -> Bool {
        var words = ArraySlice(blankSeparatedWords(line))
        if let first = words.first, first.count == 1, first.first == ShellByte.dollar { words = words.dropFirst() }
        // `NAME=value …` is an assignment whatever follows (the value may hold quoted spaces).
        if let first = words.first, ShellByte.assignmentName(line, first.indices) != nil { return true }
        var sawAssignment = false
        while let word = words.first {
            if ShellByte.assignmentName(line, word.indices) != nil {
                sawAssignment = true
                words = words.dropFirst()
            } else if word.count <= 7, ShellCommandWords.wrappers.contains(text(word)) {
                words = words.dropFirst()
                while let option = words.first, option.first == ShellByte.minus {
                    words = words.dropFirst()
                    if option.count == 2, option.last == UInt8(ascii: "u") || option.last == UInt8(ascii: "g") {
                        words = words.dropFirst()
                    }
                }
            } else {
                break
            }
        }
        guard var first = words.first else { return sawAssignment }
        if first.last == ShellByte.semicolon { first = first.dropLast() }
        guard !first.isEmpty, first.count <= 64 else { return false }
        let word = text(first)
        if word == "{" || word == "(" || word == "[" {
            // `{ cmd; }`, `( cmd )`, `[ -f x ]`: judge what follows; a lone bracket is JSON / data.
            guard words.count > 1 else { return false }
            if word == "[" { return true }
            let rest = words[words.index(after: words.startIndex)]
            return isCommandLike(line[rest.startIndex...])
        }
        if let ok = keywordLooksReal(word, line) { return ok }
        if ShellCommandWords.known.contains(word) { return true }
        if first.last == ShellByte.closeParen && word.hasSuffix("()") || word.containsText("(){") { return ShellByte.isNameStart(first[first.startIndex]) }
        if ShellCommandWords.isPathLike(word[...]) { return true }
        if ShellCommandWords.isLowercaseCommandName(word[...]) {
            if words.count == 1 || hasShellSyntax(line) { return true }
            return words[words.index(after: words.startIndex)].first == ShellByte.minus
        }
        return false
    }

    /// `line.split(whereSeparator: ShellByte.isBlank)`, in one loop.
    private static func blankSeparatedWords(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var words: [ArraySlice<UInt8>] = []
        words.reserveCapacity(8)
        var i = line.startIndex
        let end = line.endIndex
        while i < end {
            while i < end, ShellByte.isBlank(line[i]) { i += 1 }
            guard i < end else { break }
            let start = i
            while i < end, !ShellByte.isBlank(line[i]) { i += 1 }
            words.append(line[start..<i])
        }
        return words
    }

    /// For compound keywords: whether the line shows shell structure (nil for other words).
    static func keywordLooksReal(_ word: String, _ lineBytes: ArraySlice<UInt8>) -> Bool? {
        switch word {
        case "if", "while", "until":
            let line = text(lineBytes)
            return ["[", ";", "then", "do", "$", "!", "(", "|", "&&", "-"].contains { line.contains($0) }
        case "for", "select":
            let line = text(lineBytes)
            return line.contains(" in ") || line.contains("((") || line.hasSuffix(" in")
        case "case":
            let line = text(lineBytes)
            return line.contains(" in") && line.contains("$")
        case "function":
            let line = text(lineBytes)
            return line.contains("{") || line.contains("()")
        default:
            return nil
        }
    }

    /// Whether `line` contains shell syntax (see the type's documentation).
    static func hasShellSyntax(_ line: ArraySlice<UInt8>) -> Bool {
        if ShellByte.assignmentName(line, line.indices) != nil { return true }
        for i in line.indices {
            let c = line[i]
            let next = i + 1 < line.endIndex ? line[i + 1] : 0
            switch c {
            case ShellByte.pipe, ShellByte.backtick, ShellByte.greater:
                return true
            case ShellByte.ampersand where next == ShellByte.ampersand:
                return true
            case ShellByte.dollar where next == ShellByte.openParen || next == ShellByte.openBrace || ShellByte.isNameStart(next):
                return true
            case ShellByte.minus where i > line.startIndex && ShellByte.isBlank(line[i - 1]):
                if ShellByte.isLetter(next) { return true }
                if next == ShellByte.minus, i + 2 < line.endIndex, ShellByte.isLetter(line[i + 2]) { return true }
            default:
                break
            }
        }
        return false
    }

    /// Whether a line reads like prose (quoted text, emoji start, a sentence).
    static func isProseLine(_ line: Substring) -> Bool {
        guard let first = line.unicodeScalars.first else { return false }
        if "\"'“‘«".unicodeScalars.contains(first) { return true }
        if first.value > 0x7F, first.properties.isEmoji || first.properties.generalCategory == .otherSymbol {
            return true
        }
        let wordCount = line.split(separator: " ").count
        if first.properties.isUppercase, wordCount >= 3 { return true }
        if let last = line.last, ".!?…".contains(last), wordCount >= 2 { return true }
        return false
    }

    /// `s` without leading and trailing blanks.
    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var t = s
        while let c = t.first, ShellByte.isBlank(c) { t = t.dropFirst() }
        while let c = t.last, ShellByte.isBlank(c) { t = t.dropLast() }
        return t
    }

    /// The text of `bytes`.
    static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
}
