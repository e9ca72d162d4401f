/// Shell-aware variable and placeholder discovery in a single command's text.
public enum ShellVariables {
    /// Names referenced as `$NAME`, `${NAME}`, `${NAME:-x}`, `${NAME%…}`, `${#NAME}`, `${!NAME}`,
    /// in order of first use, without duplicates.
    ///
    /// - Scans inside `$(…)`, backticks, `${…}` defaults and `$((…))` (where only `$x` counts,
    ///   bare arithmetic names do not).
    /// - Never reports positional / special parameters (`$1`, `$@`, `$*`, `$#`, `$?`, `$$`, `$!`,
    ///   `$-`, `$0`, `$_`) nor escaped `\$NAME`.
    /// - Single-quoted text is not expanded by bash, but runbooks often put `$SERVICE` inside
    ///   single-quoted JSON/YAML that the operator must fill in, so `$NAME` there IS reported —
    ///   unless a program-text tool (awk, gawk, mawk, nawk, jq, yq, gojq, jaq, perl, ruby, sed,
    ///   gsed) appears earlier in the same simple command (then `$x` belongs to that program).
    /// - Heredoc bodies are scanned when the delimiter is unquoted (`<<EOF`), not when it is
    ///   quoted (`<<'EOF'`, `<<"EOF"`, `<<\EOF`).
    public static func referenced(in command: String) -> [String] {
        run(command, ShellReferenceSink()).result.names
    }

    /// Names this command assigns for later commands, in order, without duplicates:
    /// `NAME=…`, `NAME+=…`, `NAME[i]=…` as whole simple commands (also inside `if`/`for`/`{…}`
    /// bodies, subshells and `$(…)`), `export`/`local`/`declare`/`readonly`/`typeset`/`let`
    /// `NAME=…` arguments, `read [-r -p prompt …] NAME…` (and `read -a NAME`),
    /// `mapfile`/`readarray [opts] NAME`, `printf -v NAME`, `getopts spec NAME`, `for NAME in`,
    /// `select NAME in`.
    ///
    /// Not assignments: `FOO=1 cmd` (a temporary environment for `cmd` only), `key=value`
    /// arguments after a command word, `--flag=value`, and bare `export NAME` (no value given).
    public static func assigned(in command: String) -> [String] {
        run(command, ShellAssignmentSink()).result.names
    }

    /// Fill-in placeholders such as `<revision>`, `<N>`, `<pod-name>`, `[backup-id]`,
    /// `[BACKUP_ID]`, returned without brackets, in order, without duplicates.
    /// See `ShellPlaceholderScanner` for the exact rules.
    public static func bracketPlaceholders(in command: String) -> [String] {
        ShellPlaceholderScanner.scan(ShellSource(command).bytes[...])
    }

    /// `assigned(in:)` and `referenced(in:)` of the command made of `lines` of `source`, in one lexer
    /// pass. `end` is where the command's text ends (see `run(_:lines:end:_:)`).
    static func assignedAndReferenced(
        _ source: ShellSource, lines: Range<Int>, end: Int
    ) -> (assigned: [String], referenced: [String]) {
        let sinks = run(source, lines: lines, end: end, ShellSinkPair(ShellAssignmentSink(), ShellReferenceSink()))
        return (sinks.first.result.names, sinks.second.result.names)
    }

    /// Feeds every line of `text` through a lexer with `sink` and returns the sink.
    static func run<Sink: ShellLexerSink>(_ text: String, _ sink: Sink) -> Sink {
        let source = ShellSource(text)
        return run(source, lines: 0..<source.lineCount, end: source.bytes.count, sink)
    }

    /// Feeds `lines` of `source` through a lexer with `sink`, ends the input at byte offset `end`
    /// (the end of the text those lines were cut from) and returns the sink.
    static func run<Sink: ShellLexerSink>(_ source: ShellSource, lines: Range<Int>, end: Int, _ sink: Sink) -> Sink {
        var lexer = ShellLexer(bytes: source.bytes, sink: sink)
        for line in lines {
            lexer.scanLine(source.range(ofLine: line))
        }
        lexer.finish(at: end)
        return lexer.sink
    }
}
