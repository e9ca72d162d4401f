/// Splitting of ```` ```console ```` blocks: `$ ` prompt lines are commands, the lines after a
/// command up to the next prompt are its expected output.
///
/// - A prompt is a line starting with `$ ` (or a line that is exactly `$`). `#` is never a prompt.
///   A prompt with nothing after it ends the previous command's output and is otherwise ignored.
/// - While the command is incomplete (trailing `\`, open quote, heredoc, compound, …) the following
///   lines belong to it, with a leading `> ` (PS2 prompt) stripped; a new `$ ` prompt always starts
///   a new command (so an unbalanced quote cannot swallow the rest of the transcript).
/// - Before the first prompt, full-line `#` comments form labels / comment segments as in normal
///   blocks; other text there is ignored.
/// - A group of `#` lines directly before a prompt, preceded by a blank line (or by the command
///   itself), labels that prompt's command instead of being output.
enum ShellConsoleTranscript {
    /// Whether any line of `source` is a `$ ` prompt.
    static func hasPrompt(_ source: ShellSource) -> Bool {
        (0..<source.lineCount).contains { promptLength(source, $0) != nil }
    }

    /// Length of the prompt at the start of line `i` (`$ ` → 2, a lone `$` → 1), or nil.
    static func promptLength(_ source: ShellSource, _ i: Int) -> Int? {
        let r = source.range(ofLine: i)
        guard r.count >= 1, source.bytes[r.lowerBound] == ShellByte.dollar else { return nil }
        if r.count == 1 { return 1 }
        return source.bytes[r.lowerBound + 1] == ShellByte.space ? 2 : nil
    }

    /// Whether line `i` holds only a prompt and blanks.
    static func isEmptyPrompt(_ source: ShellSource, _ i: Int, _ prompt: Int) -> Bool {
        source.range(ofLine: i).dropFirst(prompt).allSatisfy { ShellByte.isBlank(source.bytes[$0]) }
    }

    /// Splits a transcript that has at least one prompt.
    static func split(_ source: ShellSource) -> [ShellSegment] {
        var segments: [ShellSegment] = []
        var lexer = ShellLexer(bytes: source.bytes, sink: ShellNullSink())
        var output: [Int] = []      // output lines of the last command
        var preamble: [Int] = []    // comment lines before the first prompt / a label group
        var sawCommand = false
        var discardOutput = false   // after a bare prompt: lines belong to no command
        var outputOwner: Int?       // segment that receives the collected output
        var line = 0
        let count = source.lineCount

        func finishOutput() {
            guard let index = outputOwner else { return }
            outputOwner = nil
            var lines = output
            while let last = lines.last, source.isBlank(line: last) { lines.removeLast() }
            while let first = lines.first, source.isBlank(line: first) { lines.removeFirst() }
            segments[index].expectedOutput = lines.isEmpty ? nil : source.text(lines: lines[0], through: lines[lines.count - 1])
            output.removeAll()
        }

        while line < count {
            guard let prompt = promptLength(source, line) else {
                if sawCommand {
                    if !discardOutput { output.append(line) }
                } else if source.isBlank(line: line) {
                    flushComments(&preamble, source, &segments)
                } else if source.isComment(line: line) {
                    preamble.append(line)
                }
                line += 1
                continue
            }
            // Comment lines right before this prompt, after a blank line, label it.
            var labelLines = preamble
            preamble.removeAll()
            if sawCommand {
                var k = output.count
                while k > 0, source.isComment(line: output[k - 1]) { k -= 1 }
                if k < output.count, k == 0 || source.isBlank(line: output[k - 1]) {
                    labelLines = Array(output[k...])
                    output.removeSubrange(k...)
                }
            }
            finishOutput()
            let start = line
            if isEmptyPrompt(source, line, prompt) {  // a bare `$`: nothing to run
                discardOutput = sawCommand
                line += 1
                continue
            }
            discardOutput = false
            var parts: [String] = []
            var r = source.range(ofLine: line)
            r = (r.lowerBound + prompt)..<r.upperBound
            repeat {
                lexer.scanLine(r)
                parts.append(ShellByte.string(source.bytes, r))
                line += 1
                guard line < count, promptLength(source, line) == nil else { break }
                r = source.range(ofLine: line)
                if r.count >= 2, source.bytes[r.lowerBound] == ShellByte.greater,
                   source.bytes[r.lowerBound + 1] == ShellByte.space {
                    r = (r.lowerBound + 2)..<r.upperBound
                } else if r.count == 1, source.bytes[r.lowerBound] == ShellByte.greater {
                    r = r.upperBound..<r.upperBound
                }
            } while !lexer.isAtRest
            if !lexer.isAtRest { lexer.reset() }
            while parts.count > 1, parts[parts.count - 1].allSatisfy({ $0 == " " || $0 == "\t" }) { parts.removeLast() }
            let label = labelLines.isEmpty ? nil : ShellCommandSplitter.commentText(source, labelLines)
            segments.append(ShellSegment(kind: .command, text: parts.joined(separator: "\n"), label: label,
                                         startLine: start, endLine: start + parts.count - 1))
            outputOwner = segments.count - 1
            sawCommand = true
        }
        if sawCommand { finishOutput() } else { flushComments(&preamble, source, &segments) }
        return segments
    }

    /// Emits pending preamble comment lines as a `.comment` segment.
    private static func flushComments(_ lines: inout [Int], _ source: ShellSource, _ segments: inout [ShellSegment]) {
        guard let first = lines.first, let last = lines.last else { return }
        segments.append(ShellSegment(kind: .comment, text: source.text(lines: first, through: last),
                                     startLine: first, endLine: last))
        lines.removeAll()
    }
}
