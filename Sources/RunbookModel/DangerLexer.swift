/// The tiny POSIX-shell-like lexer behind `DangerDetector`, over UTF-8 bytes (all shell syntax is
/// ASCII): quotes and backslashes removed from words, `# comments` dropped, simple commands cut at
/// newlines and `;`, `&`, `|`, `(`, `)`, backticks; `<` and `>` become operator words.
///
/// Words are byte ranges into one buffer, so lexing builds no `String`; `DangerDetector` only turns
/// the words of a simple command into strings when `mayMatch` says a pattern could apply.
struct DangerLexer {
    /// One word of a simple command.
    struct Word {
        /// Range of the word's bytes (quotes removed) in `bytes`.
        var range: Range<Int>
        /// A `<` or `>` redirection operator.
        var isOperator: Bool
    }

    /// The bytes of every word, one after another.
    private(set) var bytes: [UInt8] = []
    /// Words in source order.
    private(set) var words: [Word] = []
    /// Simple commands, as ranges of `words`; never empty.
    private(set) var commands: [Range<Int>] = []
    /// The command text without comments, for SQL scanning.
    private(set) var code: [UInt8] = []

    /// Lexes `c`; `code` stays empty unless `keepingCode`. Neither the words' bytes nor the code can
    /// be longer than `c`, so both are written straight into buffers of that size.
    init(_ c: UnsafeBufferPointer<UInt8>, keepingCode: Bool) {
        words.reserveCapacity(c.count / 8 + 4)
        commands.reserveCapacity(4)
        var n = 0, m = 0
        bytes = [UInt8](unsafeUninitializedCapacity: c.count) { out, outCount in
            code = [UInt8](unsafeUninitializedCapacity: keepingCode ? c.count : 0) { codeOut, codeCount in
                (n, m) = Self.lex(c, into: out.baseAddress, code: keepingCode ? codeOut.baseAddress : nil,
                                  words: &words, commands: &commands)
                codeCount = m
            }
            outCount = n
        }
    }

    /// The lexer proper: the words' bytes go to `out`, the comment-free text to `code` (when not nil);
    /// returns how many bytes each received.
    private static func lex(
        _ c: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>?, code: UnsafeMutablePointer<UInt8>?,
        words: inout [Word], commands: inout [Range<Int>]
    ) -> (Int, Int) {
        guard let out, let input = c.baseAddress else { return (0, 0) }
        let count = c.count
        var n = 0   // bytes in `out`
        var m = 0   // bytes in `code`
        var wordStart = 0
        var commandStart = 0
        var inWord = false
        var single = false, double = false
        var i = 0
        @inline(__always) func appendCode(_ byte: UInt8) {
            if let code {
                code[m] = byte
                m &+= 1
            }
        }
        @inline(__always) func endWord() {
            if inWord { words.append(Word(range: wordStart..<n, isOperator: false)) }
            wordStart = n
            inWord = false
        }
        @inline(__always) func endCommand() {
            endWord()
            if words.count > commandStart { commands.append(commandStart..<words.count) }
            commandStart = words.count
        }
        return isWordByte.withUnsafeBufferPointer { isWordByte in
            while i < count {
                let ch = input[i]
                if !single, !double, isWordByte[Int(ch)] {
                    // A run of ordinary word bytes (the usual case): copied as is.
                    inWord = true
                    var end = i &+ 1
                    while end < count && isWordByte[Int(input[end])] { end &+= 1 }
                    (out + n).update(from: input + i, count: end &- i)
                    n &+= end &- i
                    if let code {
                        (code + m).update(from: input + i, count: end &- i)
                        m &+= end &- i
                    }
                    i = end
                    continue
                }
                if single {
                    appendCode(ch)
                    if ch == 0x27 { single = false } else { out[n] = ch; n &+= 1 }
                    i &+= 1
                    continue
                }
                if double {
                    appendCode(ch)
                    if ch == 0x22 {
                        double = false
                    } else if ch == 0x5C, i + 1 < count, isEscapableInDoubleQuotes(input[i + 1]) {   // \" \\ \$ \`
                        out[n] = input[i + 1]; n &+= 1
                        appendCode(input[i + 1])
                        i &+= 1
                    } else {
                        out[n] = ch; n &+= 1
                    }
                    i &+= 1
                    continue
                }
                switch ch {
                case 0x5C:                                   // backslash
                    if i + 1 < count {
                        if input[i + 1] == 0x0A {
                            appendCode(0x20)                // line continuation
                        } else {
                            out[n] = input[i + 1]; n &+= 1; inWord = true
                            appendCode(input[i + 1])
                        }
                        i &+= 2
                    } else {
                        i &+= 1
                    }
                    continue
                case 0x27:                                   // '
                    single = true; inWord = true
                case 0x22:                                   // "
                    double = true; inWord = true
                case 0x23 where !inWord:                     // # starts a comment
                    while i < count, input[i] != 0x0A { i &+= 1 }
                    continue
                case 0x0A:
                    endCommand()
                case 0x20, 0x09, 0x0D:
                    endWord()
                case 0x3B, 0x26, 0x7C, 0x28, 0x29, 0x60:     // ; & | ( ) `
                    endCommand()
                case 0x3C, 0x3E:                             // < >
                    endWord()
                    out[n] = ch; n &+= 1
                    words.append(Word(range: n - 1..<n, isOperator: true))
                    wordStart = n
                    if i + 1 < count, input[i + 1] == ch { i &+= 1; appendCode(ch) }
                default:
                    out[n] = ch; n &+= 1; inWord = true
                }
                appendCode(ch)
                i &+= 1
            }
            endCommand()
            return (n, m)
        }
    }

    /// Bytes that, outside quotes, only ever extend the current word (the `default` case of the lexer).
    private static let isWordByte: [Bool] = {
        var table = [Bool](repeating: true, count: 256)
        for special in "\\'\"#\n \t\r;&|()`<>".utf8 { table[Int(special)] = false }
        return table
    }()

    @inline(__always) private static func isEscapableInDoubleQuotes(_ b: UInt8) -> Bool {
        b == 0x22 || b == 0x5C || b == 0x24 || b == 0x60
    }

    /// The text of a word.
    func text(_ word: Word) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[word.range]), as: UTF8.self) }
    }

    /// The words of a simple command without redirection operators and their targets, and whether it
    /// has an input redirection (`<`).
    func plainWords(_ command: Range<Int>) -> (words: [String], hasInputRedirect: Bool) {
        var plain: [String] = []
        plain.reserveCapacity(command.count)
        var hasInputRedirect = false
        var skipNext = false
        for word in words[command] {
            if word.isOperator {
                if bytes[word.range.lowerBound] == 0x3C { hasInputRedirect = true }
                skipNext = true
                continue
            }
            if skipNext { skipNext = false; continue }
            plain.append(text(word))
        }
        return (plain, hasInputRedirect)
    }

    /// Whether a simple command can match a shell pattern at all: some word is (after its last `/`)
    /// one of `programs` or starts with "mkfs", or some word starts with "--". A conservative test:
    /// when false, the command's program is unknown and it has no long option.
    func mayMatch(_ command: Range<Int>, programs: ByteWordSet) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            for word in words[command] where !word.isOperator {
                var start = word.range.lowerBound
                let end = word.range.upperBound
                if end - start >= 2, buf[start] == 0x2D, buf[start + 1] == 0x2D { return true }   // --
                for k in word.range where buf[k] == 0x2F { start = k + 1 }                         // basename
                let base = UnsafeBufferPointer(rebasing: buf[start..<end])
                if programs.contains(base) { return true }
                if base.count >= 4, base[0] == 0x6D, base[1] == 0x6B, base[2] == 0x66, base[3] == 0x73 { return true } // mkfs
            }
            return false
        }
    }
}
