// State types shared by the shell lexer (`ShellLexer`) and its listeners.
// Everything here is internal: the public surface is `ShellCommandSplitter`,
// `ShellVariables` and `ShellBlockClassifier`.

/// Kind of a construct that is open while scanning shell text.
enum ShellFrameKind: Equatable, Sendable {
    /// `'…'`: nothing is special until the next `'`.
    case singleQuote
    /// `$'…'`: backslash escapes, ends at an unescaped `'`.
    case dollarSingleQuote
    /// `"…"`: `$`, backticks and backslash are special.
    case doubleQuote
    /// `${…}`.
    case parameterExpansion
    /// `$((…))` or the `((…))` command.
    case arithmetic
    /// `$(…)`, `<(…)`, `>(…)`: a nested command list inside a word.
    case commandSubstitution
    /// `` `…` ``: a nested command list inside a word.
    case backtick
    /// `( … )` subshell.
    case subshell
    /// `{ …; }` group (also function bodies).
    case braceGroup
    /// `if … fi`.
    case ifClause
    /// `for/select/while/until … done`.
    case loop
    /// `case … esac`.
    case caseClause
    /// Parentheses inside a word: array literal `a=(…)`, extglob `@(…)`, regex groups in `[[ … ]]`.
    case wordParen
}

/// Where a `case … esac` clause is.
enum ShellCaseState: Equatable, Sendable {
    /// Right after `case`, waiting for the subject word.
    case subject
    /// After the subject, waiting for `in`.
    case expectIn
    /// Reading patterns up to the closing `)`.
    case pattern
    /// Reading the commands of one branch, up to `;;`, `;&`, `;;&` or `esac`.
    case body
}

/// What the next word of a command means, as announced by the token before it.
enum ShellExpectation: Equatable, Sendable {
    case none
    /// Target of a redirection (`> file`, `2>&1`, `<<< word`).
    case redirectTarget
    /// Delimiter of a heredoc (`<<EOF`, `<<-EOF`).
    case heredocDelimiter(stripTabs: Bool)
    /// The loop variable after `for` / `select`.
    case forName
    /// The name after the `function` keyword.
    case functionName
}

/// Lexical state of one command list (the top level, or the inside of `$(…)` / backticks).
struct ShellCommandContext: Sendable {
    /// The next word is in command position (where keywords count).
    var commandPosition = true
    /// Byte offset where the current word started, or -1 outside a word.
    var wordStart = -1
    /// The current word has no quoting, escaping or expansion (keywords must be plain).
    var wordPlain = true
    /// Meaning of the next word.
    var expectation = ShellExpectation.none
    /// The last token was `|`, `&&` or `||`: the command continues on the next line.
    var needsMore = false
    /// `f()` or `function f` was read; its body has not started yet.
    var pendingFunctionBody = false
    /// Inside `[[ … ]]`, where `<`, `>`, `(`, `)` and `|` are not operators.
    var inDoubleBracket = false
    /// The last word was a command name (so `(` right after it may start `name()`).
    var lastWordWasCommandName = false
}

/// One open construct on the lexer's stack.
struct ShellFrame: Sendable {
    var kind: ShellFrameKind
    /// Parenthesis depth inside `.arithmetic` and `.wordParen` frames.
    var depth = 0
    /// Position inside a `.caseClause`.
    var caseState = ShellCaseState.subject
    /// An `.arithmetic` frame that is the `((…))` command (not `$((…))` inside a word).
    var isArithmeticCommand = false
    /// A `.parameterExpansion` opened inside double quotes (single quotes are literal there).
    var insideDoubleQuotes = false
    /// The compound command is the body of a function definition.
    var isFunctionBody = false
    /// For `.commandSubstitution` / `.backtick`: the enclosing command list's state.
    var saved: ShellCommandContext? = nil
}

/// A heredoc announced on a line whose body has not been read yet.
struct ShellHeredoc: Sendable {
    /// The delimiter after quote removal.
    var delimiter: [UInt8]
    /// `<<-`: leading tabs are stripped before comparing with the delimiter.
    var stripTabs: Bool
    /// Unquoted delimiter: the body undergoes parameter expansion.
    var expands: Bool
}

/// Role of a word reported to a `ShellLexerSink`.
enum ShellWordRole: Equatable, Sendable {
    /// An ordinary word of a simple command (assignment, command name or argument).
    case normal
    /// The target of a redirection.
    case redirectTarget
    /// The delimiter word of a heredoc.
    case heredocDelimiter
    /// The loop variable of `for` / `select`.
    case forName
    /// The name in `function name`.
    case functionName
}

/// What follows a `$` that the lexer reports.
enum ShellDollarKind: Equatable, Sendable {
    /// A variable name (`$NAME`, `${NAME…}`, `${#NAME}`).
    case name
    /// A positional parameter or positional summary: `$1`…, `${10}`, `$@`, `$*`, `$#`.
    case positional
    /// Any other special parameter: `$?`, `$$`, `$!`, `$-`, `$0`, `$_`.
    case special
}

/// Receives what the lexer finds. All methods have empty defaults.
protocol ShellLexerSink {
    /// Whether `$NAME` inside single quotes should be reported (with `singleQuoted: true`).
    var wantsSingleQuotedDollars: Bool { get }
    /// A complete word (byte range in the lexer's buffer, quotes included).
    mutating func word(_ bytes: [UInt8], _ range: Range<Int>, role: ShellWordRole,
                       commandPosition: Bool, insideFunction: Bool)
    /// The current simple command ended (operator, newline, reserved word).
    mutating func boundary()
    /// A nested command list starts (`$(`, backtick, `<(`).
    mutating func beginNested()
    /// The innermost nested command list ended.
    mutating func endNested()
    /// A `$` expansion; `range` is the name (or the special character / digits).
    mutating func dollar(_ bytes: [UInt8], _ range: Range<Int>, kind: ShellDollarKind,
                         singleQuoted: Bool, insideFunction: Bool)
}

extension ShellLexerSink {
    var wantsSingleQuotedDollars: Bool { false }
    mutating func word(_ bytes: [UInt8], _ range: Range<Int>, role: ShellWordRole,
                       commandPosition: Bool, insideFunction: Bool) {}
    mutating func boundary() {}
    mutating func beginNested() {}
    mutating func endNested() {}
    mutating func dollar(_ bytes: [UInt8], _ range: Range<Int>, kind: ShellDollarKind,
                         singleQuoted: Bool, insideFunction: Bool) {}
}

/// A sink that ignores everything (used when only line structure matters).
struct ShellNullSink: ShellSplitSink {}

/// A lexer sink that also hears where `ShellBlockSplitter` cuts the block into commands. When a command
/// starts, the lexer is at rest, exactly as a fresh lexer for that command's text would be; when it
/// ends, the lexer has read the command's text as such a lexer would have, up to `finish`.
protocol ShellSplitSink: ShellLexerSink {
    mutating func commandStarted()
    mutating func commandEnded()
}

extension ShellSplitSink {
    mutating func commandStarted() {}
    mutating func commandEnded() {}
}

/// Two sinks fed by one lexer pass; each sees exactly what it would see on its own.
struct ShellSinkPair<First: ShellLexerSink, Second: ShellLexerSink>: ShellLexerSink {
    var first: First
    var second: Second

    init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    var wantsSingleQuotedDollars: Bool { first.wantsSingleQuotedDollars || second.wantsSingleQuotedDollars }

    mutating func word(_ bytes: [UInt8], _ range: Range<Int>, role: ShellWordRole,
                       commandPosition: Bool, insideFunction: Bool) {
        first.word(bytes, range, role: role, commandPosition: commandPosition, insideFunction: insideFunction)
        second.word(bytes, range, role: role, commandPosition: commandPosition, insideFunction: insideFunction)
    }

    mutating func boundary() {
        first.boundary()
        second.boundary()
    }

    mutating func beginNested() {
        first.beginNested()
        second.beginNested()
    }

    mutating func endNested() {
        first.endNested()
        second.endNested()
    }

    mutating func dollar(_ bytes: [UInt8], _ range: Range<Int>, kind: ShellDollarKind,
                         singleQuoted: Bool, insideFunction: Bool) {
        if !singleQuoted || first.wantsSingleQuotedDollars {
            first.dollar(bytes, range, kind: kind, singleQuoted: singleQuoted, insideFunction: insideFunction)
        }
        if !singleQuoted || second.wantsSingleQuotedDollars {
            second.dollar(bytes, range, kind: kind, singleQuoted: singleQuoted, insideFunction: insideFunction)
        }
    }
}

extension ShellSinkPair: ShellSplitSink where First: ShellSplitSink, Second: ShellSplitSink {
    mutating func commandStarted() {
        first.commandStarted()
        second.commandStarted()
    }

    mutating func commandEnded() {
        first.commandEnded()
        second.commandEnded()
    }
}
