/// Splits the body of a fenced shell code block into logical commands, the way bash reads them.
///
/// Rules (see the tests for examples):
/// - A command spans several physical lines while a quote, `$(…)`, backtick, `$((…))`,
///   `${…}`, compound command (`if…fi`, `for/while/until…done`, `case…esac`, `{…}`, `(…)`,
///   function definitions) or heredoc is open, after a trailing unquoted `\`, or after a line
///   ending in `|`, `&&`, `||`.
/// - Blank lines separate commands and are never part of a command's text unless they are inside
///   one (heredoc, quote, compound).
/// - A group of full-line `#` comments directly followed by a command labels that command and the
///   commands directly following it (until a blank line or another comment line).
/// - A comment group followed by a blank line or the end is a `.comment` segment, unless it directly
///   follows a command line, in which case it becomes that command's `note`.
/// - A `#!` line as the first non-blank line is its own `.comment` segment and never a label.
/// - Unterminated constructs at the end make the rest of the block one command. Never traps.
public enum ShellCommandSplitter {
    /// Splits `body` into commands and comment groups.
    /// - Parameters:
    ///   - body: the code block's content (LF or CRLF line endings).
    ///   - console: the block is a ```` ```console ```` transcript: lines starting with `$ ` are
    ///     commands, the other lines their expected output. Without any `$ ` prompt the block is
    ///     split like a normal shell block.
    public static func split(_ body: String, console: Bool = false) -> [ShellSegment] {
        split(ShellSource(body), console: console).segments
    }

    /// `split(_:console:)` of a block already read into a `ShellSource`. Unless `isTranscript`, the
    /// text of each segment is the source's lines `startLine...endLine`, as written.
    static func split(_ source: ShellSource, console: Bool) -> (segments: [ShellSegment], isTranscript: Bool) {
        var sink = ShellNullSink()
        return split(source, console: console, sink: &sink)
    }

    /// Same, and `sink` hears the lexer of a normal split, which reads every line of the block except
    /// blank and comment lines between commands (where the lexer is at rest, so they change nothing),
    /// and where each command starts and ends. A transcript is split without it.
    static func split<Sink: ShellSplitSink>(
        _ source: ShellSource, console: Bool, sink: inout Sink
    ) -> (segments: [ShellSegment], isTranscript: Bool) {
        guard source.lineCount > 0 else { return ([], false) }
        if console, ShellConsoleTranscript.hasPrompt(source) {
            return (ShellConsoleTranscript.split(source), true)
        }
        var splitter = ShellBlockSplitter(source: source, sink: sink)
        let segments = splitter.run()
        sink = splitter.sink
        return (segments, false)
    }

    /// Text of a comment group: each line trimmed, "#" and one following space removed.
    static func commentText(_ source: ShellSource, _ lines: [Int]) -> String {
        var parts: [String] = []
        parts.reserveCapacity(lines.count)
        for line in lines {
            var p = source.firstNonBlank(ofLine: line)
            let end = source.range(ofLine: line).upperBound
            if p < end, source.bytes[p] == ShellByte.hash { p += 1 }
            if p < end, source.bytes[p] == ShellByte.space { p += 1 }
            var e = end
            while e > p, ShellByte.isBlank(source.bytes[e - 1]) { e -= 1 }
            parts.append(ShellByte.string(source.bytes, p..<e))
        }
        return parts.joined(separator: "\n")
    }
}

/// The line-by-line state machine behind `ShellCommandSplitter.split` (non-console blocks).
struct ShellBlockSplitter<Sink: ShellSplitSink> {
    let source: ShellSource
    /// Hears the lexer; after `run()`, what it heard.
    private(set) var sink: Sink
    var segments: [ShellSegment] = []
    /// Full-line comments waiting to become a label, a note or a comment segment.
    var group: [Int] = []
    /// The pending group started directly after a command line.
    var groupFollowsCommand = false
    /// Label carried over to directly following commands.
    var label: String?
    /// The previous non-blank line ended a command (no blank or comment line since).
    var afterCommand = false
    var lastCommand: Int?

    init(source: ShellSource, sink: Sink) {
        self.source = source
        self.sink = sink
    }

    /// Runs the split.
    mutating func run() -> [ShellSegment] {
        var lexer = ShellLexer(bytes: source.bytes, sink: sink)
        defer { sink = lexer.sink }
        var line = 0
        let count = source.lineCount
        while line < count {
            if source.isBlank(line: line) {
                flushGroup()
                label = nil
                afterCommand = false
                line += 1
                continue
            }
            if source.isComment(line: line) {
                if segments.isEmpty, group.isEmpty, isShebang(line) {
                    segments.append(ShellSegment(kind: .comment, text: source.text(line: line), startLine: line, endLine: line))
                    line += 1
                    continue
                }
                if group.isEmpty { groupFollowsCommand = afterCommand }
                group.append(line)
                label = nil
                afterCommand = false
                line += 1
                continue
            }
            if !group.isEmpty {
                label = ShellCommandSplitter.commentText(source, group)
                group.removeAll()
            } else if !afterCommand {
                label = nil
            }
            let start = line
            lexer.sink.commandStarted()
            repeat {
                lexer.scanLine(source.range(ofLine: line))
                line += 1
            } while !lexer.isAtRest && line < count
            var end = line - 1
            while end > start, source.isBlank(line: end) { end -= 1 }
            if !lexer.isAtRest {
                // Unterminated: the command's text ends at its last non-blank line.
                lexer.finish(at: source.range(ofLine: end).upperBound)
                lexer.reset()
            }
            lexer.sink.commandEnded()
            segments.append(ShellSegment(kind: .command, text: source.text(lines: start, through: end),
                                         label: label, startLine: start, endLine: end))
            lastCommand = segments.count - 1
            afterCommand = true
        }
        flushGroup()
        return segments
    }

    /// Turns the pending comment group into a note or a comment segment.
    mutating func flushGroup() {
        guard let first = group.first, let last = group.last else { return }
        if groupFollowsCommand, let index = lastCommand {
            segments[index].note = ShellCommandSplitter.commentText(source, group)
        } else {
            segments.append(ShellSegment(kind: .comment, text: source.text(lines: first, through: last),
                                         startLine: first, endLine: last))
        }
        group.removeAll()
    }

    /// Whether line `i` starts with `#!` (no leading blanks).
    func isShebang(_ i: Int) -> Bool {
        let r = source.range(ofLine: i)
        return r.count >= 2 && source.bytes[r.lowerBound] == ShellByte.hash
            && source.bytes[r.lowerBound + 1] == ShellByte.bang
    }
}
