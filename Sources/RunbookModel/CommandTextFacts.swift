/// What one command's text says about itself: the placeholders written in it, why it is destructive and
/// which shell variables it assigns and reads. Commands cut from a block are read straight from the
/// block's `ShellSource`, so their text is not copied and lexed again for each fact.
struct CommandTextFacts {
    var placeholders: [Placeholder]
    var dangers: [DangerReason]
    var assignedVariables: [String]
    var referencedVariables: [String]

    /// Facts of a command given only as text.
    init(text: String) {
        self.init(wholeText: text, source: ShellSource(text))
    }

    /// Facts of `text`, already read into `source`.
    init(wholeText text: String, source: ShellSource) {
        let variables = ShellVariables.assignedAndReferenced(
            source, lines: 0..<source.lineCount, end: source.bytes.count)
        self.init(text: text, source: source, bytes: 0..<source.bytes.count, variables: variables)
    }

    /// Facts of the command `text`, which `source` holds as bytes `bytes` (exactly what
    /// `ShellSource(text)` would hold, see `ShellSource.isVerbatim`), whose variables are known.
    init(text: String, source: ShellSource, bytes: Range<Int>, variables: (assigned: [String], referenced: [String])) {
        placeholders = PlaceholderResolver.bracketPlaceholders(in: source.bytes[bytes])
        var utf8 = text
        dangers = utf8.withUTF8 { DangerDetector.reasons(forCommand: $0) }
        (assignedVariables, referencedVariables) = variables
    }
}
