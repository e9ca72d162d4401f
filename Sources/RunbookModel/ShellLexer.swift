// A line-driven, linear-time bash lexer. It does not build a syntax tree: it only
// tracks what is open (quotes, substitutions, compound commands, heredocs) so that
// callers can tell where a logical command ends, and it reports words and `$`
// expansions to a `ShellLexerSink`.
//
// Usage: feed every line of a buffer in order with `scanLine(_:)`; between lines,
// `isAtRest` tells whether a complete command has been read.

/// Incremental bash lexer over a byte buffer, fed one line at a time.
struct ShellLexer<Sink: ShellLexerSink> {
    /// The whole buffer; lines are ranges inside it.
    let bytes: [UInt8]
    /// Receives words, boundaries and expansions.
    var sink: Sink
    /// Open constructs, innermost last.
    var frames: [ShellFrame] = []
    /// State of the innermost command list.
    var ctx = ShellCommandContext()
    /// Heredocs announced on the current line; their bodies start after it.
    var pendingHeredocs: [ShellHeredoc] = []
    /// Heredocs whose bodies are being read, in reverse order (the last one is current).
    var activeHeredocs: [ShellHeredoc] = []
    /// The last line ended with an unquoted backslash.
    var lineContinues = false
    /// Number of open frames that are function bodies.
    var functionDepth = 0

    init(bytes: [UInt8], sink: Sink) {
        self.bytes = bytes
        self.sink = sink
    }

    /// True when everything read so far forms complete commands.
    var isAtRest: Bool {
        frames.isEmpty && !lineContinues && !ctx.needsMore && !ctx.pendingFunctionBody
            && pendingHeredocs.isEmpty && activeHeredocs.isEmpty
    }

    /// Forgets all open state (used after an unterminated command).
    mutating func reset() {
        frames.removeAll()
        ctx = ShellCommandContext()
        pendingHeredocs.removeAll()
        activeHeredocs.removeAll()
        lineContinues = false
        functionDepth = 0
    }

    /// Scans one line (`range` excludes the newline) and then its line end.
    mutating func scanLine(_ range: Range<Int>) {
        lineContinues = false
        if !activeHeredocs.isEmpty {
            scanHeredocLine(range)
            return
        }
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            guard let kind = frames.last?.kind else {
                i = scanCommand(i, end)
                continue
            }
            switch kind {
            case .singleQuote: i = scanSingleQuote(i, end)
            case .dollarSingleQuote: i = scanDollarSingleQuote(i, end)
            case .doubleQuote: i = scanDoubleQuote(i, end)
            case .parameterExpansion: i = scanParameterExpansion(i, end)
            case .arithmetic: i = scanArithmetic(i, end)
            case .wordParen: i = scanWordParen(i, end)
            default: i = scanCommand(i, end)
            }
        }
        endOfLine(end)
    }

    /// Ends the input at offset `end` (the end of the last line fed): flushes the last word and closes
    /// every nested command list.
    mutating func finish(at end: Int) {
        endWord(at: end)
        sink.boundary()
        while !frames.isEmpty { popFrame() }
        sink.boundary()
    }

    // MARK: - Frames

    /// Pushes a construct; a pending function body is attached to the first compound.
    mutating func push(_ kind: ShellFrameKind) {
        var frame = ShellFrame(kind: kind)
        switch kind {
        case .subshell, .braceGroup, .ifClause, .loop, .caseClause:
            if ctx.pendingFunctionBody {
                frame.isFunctionBody = true
                functionDepth += 1
                ctx.pendingFunctionBody = false
            }
        case .parameterExpansion:
            frame.insideDoubleQuotes = frames.last?.kind == .doubleQuote
        default:
            break
        }
        frames.append(frame)
    }

    /// Pushes `$(`, `<(`, `>(` or a backtick: a nested command list with a fresh context.
    mutating func pushNested(_ kind: ShellFrameKind) {
        var frame = ShellFrame(kind: kind)
        frame.saved = ctx
        frames.append(frame)
        ctx = ShellCommandContext()
        sink.beginNested()
    }

    /// Pops the innermost frame, restoring the outer context of nested command lists.
    mutating func popFrame() {
        guard let frame = frames.popLast() else { return }
        if frame.isFunctionBody { functionDepth -= 1 }
        if let saved = frame.saved {
            sink.boundary()
            ctx = saved
            sink.endNested()
        }
    }

    /// Pops frames down to and including index `index`.
    mutating func pop(to index: Int) {
        while frames.count > index { popFrame() }
    }

    /// How many frames a closer (`fi`, `)`, `}`, backtick…) looks through for its opener.
    static var closerSearchLimit: Int { 64 }

    /// Closes the nearest `kind` frame, looking only through compound-command frames.
    mutating func close(_ kind: ShellFrameKind) -> Bool {
        var idx = frames.count - 1
        let lowest = max(0, frames.count - Self.closerSearchLimit)
        while idx >= lowest {
            let k = frames[idx].kind
            if k == kind { pop(to: idx); return true }
            switch k {
            case .ifClause, .loop, .caseClause, .braceGroup: idx -= 1
            default: return false
            }
        }
        return false
    }

    // MARK: - Line ends and heredocs

    /// Handles the end of a physical line.
    mutating func endOfLine(_ end: Int) {
        if lineContinues { return }
        if let kind = frames.last?.kind {
            switch kind {
            case .singleQuote, .dollarSingleQuote, .doubleQuote, .parameterExpansion, .arithmetic, .wordParen:
                return  // the newline is part of a word
            default:
                break
            }
        }
        endWord(at: end)
        if !ctx.needsMore {
            sink.boundary()
            ctx.commandPosition = true
            ctx.expectation = .none
            ctx.inDoubleBracket = false
            ctx.lastWordWasCommandName = false
        }
        if !pendingHeredocs.isEmpty {
            activeHeredocs = pendingHeredocs.reversed()
            pendingHeredocs.removeAll()
        }
    }

    /// Reads one heredoc body line: either the delimiter or content.
    mutating func scanHeredocLine(_ range: Range<Int>) {
        let doc = activeHeredocs[activeHeredocs.count - 1]
        var s = range.lowerBound
        if doc.stripTabs { while s < range.upperBound, bytes[s] == ShellByte.tab { s += 1 } }
        var e = range.upperBound
        // Lenient: trailing blanks after the delimiter are accepted.
        while e > s, ShellByte.isBlank(bytes[e - 1]) { e -= 1 }
        if e - s == doc.delimiter.count, bytes[s..<e].elementsEqual(doc.delimiter) {
            activeHeredocs.removeLast()
            return
        }
        if doc.expands { scanExpansions(in: range, singleQuoted: false) }
    }

    /// Reports `$NAME`, `${NAME…}` and special parameters in literal text (heredoc bodies,
    /// single-quoted strings), skipping `\$`.
    mutating func scanExpansions(in range: Range<Int>, singleQuoted: Bool) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = bytes[i]
            if c == ShellByte.backslash { i += 2; continue }
            if c != ShellByte.dollar || i + 1 >= end { i += 1; continue }
            let n = bytes[i + 1]
            if n == ShellByte.openBrace {
                i = reportBracedName(i + 2, end, singleQuoted: singleQuoted)
            } else if n == ShellByte.openParen {
                i += 2
            } else {
                i = reportSimpleDollar(i + 1, end, singleQuoted: singleQuoted)
            }
        }
    }
}
