// Word handling for `ShellLexer`: reporting words, reserved words, `case` clause words and
// heredoc delimiters.

extension ShellLexer {
    /// Ends the current word (if any) at `i`: reports it and applies reserved words.
    mutating func endWord(at i: Int) {
        let start = ctx.wordStart
        guard start >= 0 else { return }
        ctx.wordStart = -1
        let range = start..<i
        let plain = ctx.wordPlain
        let inFunction = functionDepth > 0
        let expectation = ctx.expectation
        ctx.expectation = .none
        switch expectation {
        case .heredocDelimiter(let strip):
            pendingHeredocs.append(ShellHeredoc(delimiter: unquoted(range), stripTabs: strip, expands: plain))
            sink.word(bytes, range, role: .heredocDelimiter, commandPosition: false, insideFunction: inFunction)
            return
        case .redirectTarget:
            sink.word(bytes, range, role: .redirectTarget, commandPosition: false, insideFunction: inFunction)
            return
        case .functionName:
            sink.word(bytes, range, role: .functionName, commandPosition: false, insideFunction: inFunction)
            ctx.pendingFunctionBody = true
            ctx.commandPosition = true
            ctx.lastWordWasCommandName = true
            return
        case .forName:
            sink.word(bytes, range, role: .forName, commandPosition: false, insideFunction: inFunction)
            ctx.commandPosition = false
            ctx.lastWordWasCommandName = false
            return
        case .none:
            break
        }
        if let last = frames.indices.last, frames[last].kind == .caseClause, frames[last].caseState != .body {
            caseWord(range, plain: plain, frameIndex: last)
            return
        }
        if plain, ctx.commandPosition, reservedWord(range) { return }
        let wasCommandPosition = ctx.commandPosition
        if plain, ctx.inDoubleBracket, range.count == 2, bytes[start] == ShellByte.closeBracket,
           bytes[start + 1] == ShellByte.closeBracket {
            ctx.inDoubleBracket = false
        }
        sink.word(bytes, range, role: .normal, commandPosition: wasCommandPosition, insideFunction: inFunction)
        ctx.needsMore = false
        ctx.pendingFunctionBody = false
        if wasCommandPosition {
            if ShellByte.assignmentName(bytes, range) != nil {
                ctx.lastWordWasCommandName = false
            } else {
                ctx.commandPosition = false
                ctx.lastWordWasCommandName = true
                if plain, range.count == 2, bytes[start] == ShellByte.openBracket,
                   bytes[start + 1] == ShellByte.openBracket {
                    ctx.inDoubleBracket = true
                }
            }
        } else {
            ctx.lastWordWasCommandName = false
        }
    }

    /// A word read while a `case` clause waits for its subject, `in`, or patterns.
    mutating func caseWord(_ range: Range<Int>, plain: Bool, frameIndex: Int) {
        switch frames[frameIndex].caseState {
        case .subject:
            frames[frameIndex].caseState = .expectIn
        case .expectIn:
            if plain, matches(range, "in") { frames[frameIndex].caseState = .pattern }
        case .pattern:
            if plain, matches(range, "esac") {
                pop(to: frameIndex)
                ctx.commandPosition = false
                ctx.lastWordWasCommandName = false
                sink.boundary()
            }
        case .body:
            break
        }
    }

    /// Applies a reserved word in command position. Returns false if the word is not one
    /// (or is a closer with nothing to close), so that it is treated as an ordinary word.
    mutating func reservedWord(_ range: Range<Int>) -> Bool {
        guard range.count <= 8, ShellByte.reservedWordStarts[Int(bytes[range.lowerBound])] else { return false }
        // Byte comparisons (the words are ASCII: a string equal to one has its very bytes).
        func word(_ s: StaticString) -> Bool { matches(range, s) }
        if word("if") {
            push(.ifClause)
        } else if word("while") || word("until") {
            push(.loop)
        } else if word("for") || word("select") {
            push(.loop)
            ctx.expectation = .forName
            ctx.commandPosition = false
        } else if word("case") {
            push(.caseClause)
            ctx.commandPosition = false
        } else if word("then") || word("else") || word("elif") || word("do") || word("!") || word("time") {
        } else if word("{") {
            push(.braceGroup)
        } else if word("fi") {
            guard close(.ifClause) else { return false }; ctx.commandPosition = false
        } else if word("done") {
            guard close(.loop) else { return false }; ctx.commandPosition = false
        } else if word("esac") {
            guard close(.caseClause) else { return false }; ctx.commandPosition = false
        } else if word("}") {
            guard close(.braceGroup) else { return false }; ctx.commandPosition = false
        } else if word("function") {
            ctx.expectation = .functionName
            ctx.commandPosition = false
        } else {
            return false
        }
        ctx.needsMore = false
        ctx.lastWordWasCommandName = false
        sink.boundary()
        return true
    }

    /// Whether `bytes[range]` equals the ASCII string `s`.
    func matches(_ range: Range<Int>, _ s: StaticString) -> Bool {
        guard range.count == s.utf8CodeUnitCount else { return false }
        return s.withUTF8Buffer { bytes[range].elementsEqual($0) }
    }

    /// Quote removal for heredoc delimiters: drops `'`, `"` and escaping backslashes.
    func unquoted(_ range: Range<Int>) -> [UInt8] {
        var out = [UInt8]()
        var i = range.lowerBound
        while i < range.upperBound {
            let c = bytes[i]
            if c == ShellByte.backslash, i + 1 < range.upperBound {
                out.append(bytes[i + 1])
                i += 2
                continue
            }
            if c != ShellByte.singleQuote, c != ShellByte.doubleQuote, !(c == ShellByte.dollar && i + 1 < range.upperBound && bytes[i + 1] == ShellByte.singleQuote) {
                out.append(c)
            }
            i += 1
        }
        return out
    }
}
