// Quote, expansion and arithmetic scanning for `ShellLexer`.

extension ShellLexer {
    /// Inside `'…'`: finds the closing quote; optionally reports `$NAME` text inside.
    mutating func scanSingleQuote(_ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end, bytes[i] != ShellByte.singleQuote { i += 1 }
        if sink.wantsSingleQuotedDollars { scanExpansions(in: start..<i, singleQuoted: true) }
        if i < end {
            popFrame()
            return i + 1
        }
        return end
    }

    /// Inside `$'…'`.
    mutating func scanDollarSingleQuote(_ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end {
            let c = bytes[i]
            if c == ShellByte.backslash { i += 2; continue }
            if c == ShellByte.singleQuote { popFrame(); return i + 1 }
            i += 1
        }
        return end
    }

    /// Inside `"…"`.
    mutating func scanDoubleQuote(_ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end {
            switch bytes[i] {
            case ShellByte.doubleQuote:
                popFrame()
                return i + 1
            case ShellByte.backslash:
                i += 2
            case ShellByte.dollar:
                return scanDollar(i, end)
            case ShellByte.backtick:
                pushNested(.backtick)
                return i + 1
            default:
                i += 1
            }
        }
        return end
    }

    /// Inside `${…}` (after the name, which `scanDollar` already reported).
    mutating func scanParameterExpansion(_ start: Int, _ end: Int) -> Int {
        var i = start
        let literalSingleQuotes = frames[frames.count - 1].insideDoubleQuotes
        while i < end {
            switch bytes[i] {
            case ShellByte.closeBrace:
                popFrame()
                return i + 1
            case ShellByte.backslash:
                i += 2
            case ShellByte.dollar:
                return scanDollar(i, end)
            case ShellByte.backtick:
                pushNested(.backtick)
                return i + 1
            case ShellByte.doubleQuote:
                push(.doubleQuote)
                return i + 1
            case ShellByte.singleQuote where !literalSingleQuotes:
                push(.singleQuote)
                return i + 1
            default:
                i += 1
            }
        }
        return end
    }

    /// Inside `$((…))` / `((…))`: bare names are not reported, `$x` is.
    mutating func scanArithmetic(_ start: Int, _ end: Int) -> Int {
        var i = start
        let top = frames.count - 1
        while i < end {
            switch bytes[i] {
            case ShellByte.openParen:
                frames[top].depth += 1
                i += 1
            case ShellByte.closeParen:
                if frames[top].depth > 0 {
                    frames[top].depth -= 1
                    i += 1
                    continue
                }
                let isCommand = frames[top].isArithmeticCommand
                popFrame()
                let next = (i + 1 < end && bytes[i + 1] == ShellByte.closeParen) ? i + 2 : i + 1
                if isCommand {
                    ctx.commandPosition = false
                    ctx.lastWordWasCommandName = false
                    ctx.needsMore = false
                }
                return next
            case ShellByte.backslash:
                i += 2
            case ShellByte.dollar:
                return scanDollar(i, end)
            case ShellByte.backtick:
                pushNested(.backtick)
                return i + 1
            case ShellByte.doubleQuote:
                push(.doubleQuote)
                return i + 1
            case ShellByte.singleQuote:
                push(.singleQuote)
                return i + 1
            default:
                i += 1
            }
        }
        return end
    }

    /// Inside a parenthesis that belongs to a word (array literal, extglob, `[[` regex).
    mutating func scanWordParen(_ start: Int, _ end: Int) -> Int {
        var i = start
        let top = frames.count - 1
        while i < end {
            switch bytes[i] {
            case ShellByte.openParen:
                frames[top].depth += 1
                i += 1
            case ShellByte.closeParen:
                if frames[top].depth > 0 {
                    frames[top].depth -= 1
                    i += 1
                } else {
                    popFrame()
                    return i + 1
                }
            case ShellByte.backslash:
                i += 2
            case ShellByte.dollar:
                return scanDollar(i, end)
            case ShellByte.backtick:
                pushNested(.backtick)
                return i + 1
            case ShellByte.doubleQuote:
                push(.doubleQuote)
                return i + 1
            case ShellByte.singleQuote:
                push(.singleQuote)
                return i + 1
            default:
                i += 1
            }
        }
        return end
    }

    /// A `$` at `i`: pushes the construct it opens or reports the parameter. Returns the next index.
    mutating func scanDollar(_ i: Int, _ end: Int) -> Int {
        let n = i + 1
        guard n < end else { return n }
        switch bytes[n] {
        case ShellByte.openParen:
            if n + 1 < end, bytes[n + 1] == ShellByte.openParen {
                push(.arithmetic)
                return n + 2
            }
            pushNested(.commandSubstitution)
            return n + 1
        case ShellByte.openBrace:
            push(.parameterExpansion)
            return reportBracedName(n + 1, end, singleQuoted: false)
        case ShellByte.singleQuote:
            push(.dollarSingleQuote)
            return n + 1
        case ShellByte.doubleQuote:
            push(.doubleQuote)
            return n + 1
        default:
            return reportSimpleDollar(n, end, singleQuoted: false)
        }
    }

    /// After `${`: reports the parameter name (handles `${#x}`, `${!x}`, `${#}`, `${10}`).
    mutating func reportBracedName(_ start: Int, _ end: Int, singleQuoted: Bool) -> Int {
        var j = start
        guard j < end else { return j }
        let inFunction = functionDepth > 0
        let first = bytes[j]
        if first == ShellByte.hash || first == ShellByte.bang {
            let next = j + 1 < end ? bytes[j + 1] : 0
            if next == ShellByte.closeBrace {  // ${#} or ${!}
                sink.dollar(bytes, j..<j + 1, kind: first == ShellByte.hash ? .positional : .special,
                            singleQuoted: singleQuoted, insideFunction: inFunction)
                return j + 1
            }
            j += 1
        }
        guard j < end else { return j }
        let c = bytes[j]
        if ShellByte.isNameStart(c) {
            var k = j + 1
            while k < end, ShellByte.isNameChar(bytes[k]) { k += 1 }
            let isUnderscore = k == j + 1 && c == ShellByte.underscore
            sink.dollar(bytes, j..<k, kind: isUnderscore ? .special : .name,
                        singleQuoted: singleQuoted, insideFunction: inFunction)
            return k
        }
        if ShellByte.isDigit(c) {
            var k = j + 1
            while k < end, ShellByte.isDigit(bytes[k]) { k += 1 }
            let isZero = k == j + 1 && c == UInt8(ascii: "0")
            sink.dollar(bytes, j..<k, kind: isZero ? .special : .positional,
                        singleQuoted: singleQuoted, insideFunction: inFunction)
            return k
        }
        if let kind = specialKind(c) {
            sink.dollar(bytes, j..<j + 1, kind: kind, singleQuoted: singleQuoted, insideFunction: inFunction)
            return j + 1
        }
        return j
    }

    /// After a bare `$` at `n - 1`: reports `$NAME`, `$1`, `$@`, `$?`, … Returns the next index.
    mutating func reportSimpleDollar(_ n: Int, _ end: Int, singleQuoted: Bool) -> Int {
        guard n < end else { return n }
        let c = bytes[n]
        let inFunction = functionDepth > 0
        if ShellByte.isNameStart(c) {
            var k = n + 1
            while k < end, ShellByte.isNameChar(bytes[k]) { k += 1 }
            let isUnderscore = k == n + 1 && c == ShellByte.underscore
            sink.dollar(bytes, n..<k, kind: isUnderscore ? .special : .name,
                        singleQuoted: singleQuoted, insideFunction: inFunction)
            return k
        }
        if ShellByte.isDigit(c) {
            sink.dollar(bytes, n..<n + 1, kind: c == UInt8(ascii: "0") ? .special : .positional,
                        singleQuoted: singleQuoted, insideFunction: inFunction)
            return n + 1
        }
        if let kind = specialKind(c) {
            sink.dollar(bytes, n..<n + 1, kind: kind, singleQuoted: singleQuoted, insideFunction: inFunction)
            return n + 1
        }
        return n  // a literal `$`
    }

    /// Kind of a one-character special parameter, or nil.
    func specialKind(_ c: UInt8) -> ShellDollarKind? {
        switch c {
        case UInt8(ascii: "@"), UInt8(ascii: "*"), ShellByte.hash: return .positional
        case UInt8(ascii: "?"), ShellByte.dollar, ShellByte.bang, ShellByte.minus: return .special
        default: return nil
        }
    }
}
