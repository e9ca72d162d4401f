// Command-list scanning for `ShellLexer`: words, operators, redirections,
// comments, reserved words and compound commands.

extension ShellLexer {
    /// Scans in a command list until the frame stack changes or the line ends.
    mutating func scanCommand(_ start: Int, _ end: Int) -> Int {
        var i = start
        let special = ShellByte.commandSpecial
        while i < end {
            let c = bytes[i]
            if !special[Int(c)] {
                if ctx.wordStart < 0 {
                    if c == ShellByte.hash { return end }  // comment to end of line
                    ctx.wordStart = i
                    ctx.wordPlain = true
                }
                i += 1
                while i < end, !special[Int(bytes[i])] { i += 1 }
                continue
            }
            switch c {
            case ShellByte.space, ShellByte.tab, ShellByte.carriageReturn:
                endWord(at: i)
                i += 1
            case ShellByte.backslash:
                if i + 1 >= end { lineContinues = true; return end }
                startWord(i)
                i += 2
            case ShellByte.singleQuote:
                startWord(i)
                push(.singleQuote)
                return i + 1
            case ShellByte.doubleQuote:
                startWord(i)
                push(.doubleQuote)
                return i + 1
            case ShellByte.backtick:
                return backtick(i)
            case ShellByte.dollar:
                startWord(i)
                return scanDollar(i, end)
            case ShellByte.semicolon:
                i = semicolon(i, end)
            case ShellByte.ampersand:
                i = ampersand(i, end)
            case ShellByte.pipe:
                i = pipe(i, end)
            case ShellByte.openParen:
                return openParen(i, end)
            case ShellByte.closeParen:
                return closeParen(i)
            default:  // < >
                if let next = redirection(i, end) { i = next } else { return i + 2 }
            }
        }
        return i
    }

    /// Marks the start of a word at `i` (if none is open) and makes it non-plain.
    mutating func startWord(_ i: Int) {
        if ctx.wordStart < 0 { ctx.wordStart = i }
        ctx.wordPlain = false
    }

    /// Resets what a control operator resets, then reports a boundary.
    mutating func controlOperator(needsMore: Bool) {
        ctx.commandPosition = true
        ctx.needsMore = needsMore
        ctx.expectation = .none
        ctx.lastWordWasCommandName = false
        if !needsMore { ctx.inDoubleBracket = false }
        sink.boundary()
    }

    /// `;`, `;;`, `;&`, `;;&`.
    mutating func semicolon(_ i: Int, _ end: Int) -> Int {
        endWord(at: i)
        var j = i + 1
        var caseSeparator = false
        if j < end, bytes[j] == ShellByte.semicolon {
            j += 1
            caseSeparator = true
            if j < end, bytes[j] == ShellByte.ampersand { j += 1 }
        } else if j < end, bytes[j] == ShellByte.ampersand {
            j += 1
            caseSeparator = true
        }
        if caseSeparator, let last = frames.indices.last, frames[last].kind == .caseClause,
           frames[last].caseState == .body {
            frames[last].caseState = .pattern
        }
        controlOperator(needsMore: false)
        return j
    }

    /// `&&`, `&>`, `&>>` or a background `&`.
    mutating func ampersand(_ i: Int, _ end: Int) -> Int {
        endWord(at: i)
        let next = i + 1 < end ? bytes[i + 1] : 0
        if next == ShellByte.ampersand {
            controlOperator(needsMore: true)
            return i + 2
        }
        if next == ShellByte.greater {
            ctx.expectation = .redirectTarget
            return (i + 2 < end && bytes[i + 2] == ShellByte.greater) ? i + 3 : i + 2
        }
        controlOperator(needsMore: false)
        return i + 1
    }

    /// `|`, `||`, `|&`; a pattern separator in `case`; a regex character in `[[ … ]]`.
    mutating func pipe(_ i: Int, _ end: Int) -> Int {
        let next = i + 1 < end ? bytes[i + 1] : 0
        if ctx.inDoubleBracket, next != ShellByte.pipe {
            startWord(i)
            return i + 1
        }
        endWord(at: i)
        if let top = frames.last, top.kind == .caseClause, top.caseState == .pattern {
            return i + 1
        }
        controlOperator(needsMore: true)
        return (next == ShellByte.pipe || next == ShellByte.ampersand) ? i + 2 : i + 1
    }

    /// `(`: subshell, `((` arithmetic command, `name()` definition, or a parenthesis inside a word.
    mutating func openParen(_ i: Int, _ end: Int) -> Int {
        if let top = frames.last, top.kind == .caseClause, top.caseState == .pattern {
            if ctx.wordStart < 0 { return i + 1 }  // optional `(` before a pattern
            push(.wordParen)
            return i + 1
        }
        if ctx.wordStart >= 0 {
            if ctx.commandPosition || ctx.expectation == .functionName, bytes[i - 1] != ShellByte.equals,
               nextNonBlank(i + 1, end) == ShellByte.closeParen {
                endWord(at: i)
                return functionDefinition(i, end)
            }
            startWord(i)
            push(.wordParen)
            return i + 1
        }
        if ctx.inDoubleBracket {
            startWord(i)
            push(.wordParen)
            return i + 1
        }
        if ctx.lastWordWasCommandName, nextNonBlank(i + 1, end) == ShellByte.closeParen {
            return functionDefinition(i, end)
        }
        if i + 1 < end, bytes[i + 1] == ShellByte.openParen,
           ctx.commandPosition || ctx.expectation == .forName {
            ctx.expectation = .none
            push(.arithmetic)
            frames[frames.count - 1].isArithmeticCommand = true
            return i + 2
        }
        push(.subshell)
        controlOperator(needsMore: false)
        return i + 1
    }

    /// Consumes the `()` of `name()`; the body follows.
    mutating func functionDefinition(_ i: Int, _ end: Int) -> Int {
        var j = i + 1
        while j < end, bytes[j] != ShellByte.closeParen { j += 1 }
        ctx.pendingFunctionBody = true
        ctx.commandPosition = true
        ctx.lastWordWasCommandName = false
        ctx.needsMore = false
        sink.boundary()
        return j + 1
    }

    /// The first non-blank byte at or after `i` on this line (0 if none).
    func nextNonBlank(_ i: Int, _ end: Int) -> UInt8 {
        var j = i
        while j < end, ShellByte.isBlank(bytes[j]) { j += 1 }
        return j < end ? bytes[j] : 0
    }

    /// `)`: ends a case pattern, a subshell or a command substitution.
    mutating func closeParen(_ i: Int) -> Int {
        endWord(at: i)
        if let last = frames.indices.last, frames[last].kind == .caseClause, frames[last].caseState == .pattern {
            frames[last].caseState = .body
            controlOperator(needsMore: false)
            return i + 1
        }
        var idx = frames.count - 1
        let lowest = max(0, frames.count - Self.closerSearchLimit)
        while idx >= lowest {
            switch frames[idx].kind {
            case .subshell:
                pop(to: idx)
                ctx.commandPosition = false
                ctx.lastWordWasCommandName = false
                ctx.needsMore = false
                sink.boundary()
                return i + 1
            case .commandSubstitution:
                pop(to: idx)
                return i + 1
            case .ifClause, .loop, .caseClause, .braceGroup:
                idx -= 1
            default:
                return i + 1
            }
        }
        return i + 1  // stray `)`: ignored
    }

    /// A backtick in a command list: closes an enclosing backtick substitution or opens one.
    mutating func backtick(_ i: Int) -> Int {
        var idx = frames.count - 1
        let lowest = max(0, frames.count - Self.closerSearchLimit)
        while idx >= lowest {
            switch frames[idx].kind {
            case .backtick:
                endWord(at: i)
                pop(to: idx)
                return i + 1
            case .subshell, .braceGroup, .ifClause, .loop, .caseClause:
                idx -= 1
            default:
                idx = -1
            }
        }
        startWord(i)
        pushNested(.backtick)
        return i + 1
    }

    /// `<` / `>` operators. Returns the next index, or nil after pushing a process substitution.
    mutating func redirection(_ i: Int, _ end: Int) -> Int? {
        if ctx.inDoubleBracket {
            startWord(i)
            return i + 1
        }
        if ctx.wordStart >= 0 {
            if ctx.wordPlain, bytes[ctx.wordStart..<i].allSatisfy(ShellByte.isDigit) {
                ctx.wordStart = -1  // file descriptor number: part of the redirection
            } else {
                endWord(at: i)
            }
        }
        let c = bytes[i]
        let next = i + 1 < end ? bytes[i + 1] : 0
        if next == ShellByte.openParen {
            startWord(i)
            pushNested(.commandSubstitution)
            return nil
        }
        ctx.expectation = .redirectTarget
        if c == ShellByte.less {
            if next == ShellByte.less {
                let third = i + 2 < end ? bytes[i + 2] : 0
                if third == ShellByte.less { return i + 3 }  // here-string
                if third == ShellByte.minus {
                    ctx.expectation = .heredocDelimiter(stripTabs: true)
                    return i + 3
                }
                ctx.expectation = .heredocDelimiter(stripTabs: false)
                return i + 2
            }
            return (next == ShellByte.ampersand || next == ShellByte.greater) ? i + 2 : i + 1
        }
        if next == ShellByte.greater || next == ShellByte.ampersand || next == ShellByte.pipe { return i + 2 }
        return i + 1
    }
}
