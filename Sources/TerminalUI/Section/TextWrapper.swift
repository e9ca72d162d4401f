/// Breaks styled text into lines that fit a width, by display width (wide characters take two columns
/// and are never split).
///
/// Prose mode collapses runs of blanks into one space and breaks between words; verbatim mode (code,
/// templates) keeps every blank, including a source line's indentation, and also breaks between words
/// where it can. A word longer than a whole line is broken at the column. A `"\n"` always starts a new
/// line.
enum TextWrapper {
    /// How blanks are treated.
    enum Mode { case prose, verbatim }

    /// Why a wrapped line starts where it does.
    enum LineKind: Equatable { case first, hardBreak, softWrap }

    /// One output line and why it starts.
    struct WrappedLine: Equatable {
        var line: StyledLine
        var kind: LineKind
    }

    /// Wraps `spans`: the first line gets `first` columns, a line after a `"\n"` gets `hard`, a line that
    /// continues a too-long line gets `soft`. Widths below 2 count as 2. Never returns an empty array.
    static func wrap(_ spans: [StyledSpan], mode: Mode, first: Int, hard: Int, soft: Int) -> [WrappedLine] {
        var breaker = LineBreaker(widths: (max(2, first), max(2, hard), max(2, soft)), mode: mode)
        var word = Word()
        for span in spans {
            for character in span.text {
                switch character {
                case "\n", "\r\n":
                    breaker.add(&word)
                    breaker.newline()
                case " ", "\t":
                    breaker.add(&word)
                    breaker.space(character == "\t" && mode == .verbatim ? 4 : 1, span.role)
                case "\r":
                    continue
                default:
                    word.append(character, span.role)
                }
            }
        }
        breaker.add(&word)
        return breaker.finish()
    }

    /// Wraps `spans` to one width.
    static func wrap(_ spans: [StyledSpan], mode: Mode, width: Int) -> [StyledLine] {
        wrap(spans, mode: mode, first: width, hard: width, soft: width).map(\.line)
    }

    /// A word being collected: its characters grouped by role, and its width.
    struct Word {
        var pieces: [StyledSpan] = []
        var width = 0
        var isEmpty: Bool { pieces.isEmpty }

        mutating func append(_ character: Character, _ role: ThemeRole) {
            if let last = pieces.indices.last, pieces[last].role == role {
                pieces[last].text.append(character)
            } else {
                pieces.append(StyledSpan(String(character), role))
            }
            width += DisplayWidth.of(character)
        }
    }

    /// The greedy line filler behind `wrap`.
    private struct LineBreaker {
        let widths: (first: Int, hard: Int, soft: Int)
        let mode: Mode
        var lines: [WrappedLine] = []
        var current = StyledLine()
        var kind = LineKind.first
        /// True once a word is on the current line (indentation alone does not count).
        var lineHasText = false
        /// Blanks seen since the last word, not drawn yet (dropped at a line end).
        var pendingSpace = 0
        var pendingRole = ThemeRole.prose
        /// Verbatim mode: the indentation of the current source line, repeated on its wrapped pieces.
        var sourceIndent = 0

        init(widths: (Int, Int, Int), mode: Mode) {
            self.widths = widths
            self.mode = mode
        }

        var limit: Int {
            switch kind {
            case .first: widths.first
            case .hardBreak: widths.hard
            case .softWrap: widths.soft
            }
        }

        /// Blanks a wrapped piece of the current source line starts with.
        var softIndent: Int { mode == .verbatim ? min(sourceIndent, widths.soft / 2) : 0 }

        mutating func space(_ count: Int, _ role: ThemeRole) {
            pendingSpace = mode == .prose ? 1 : pendingSpace + count
            pendingRole = role
        }

        mutating func newline() {
            lines.append(WrappedLine(line: current, kind: kind))
            current = StyledLine()
            kind = .hardBreak
            lineHasText = false
            pendingSpace = 0
            sourceIndent = 0
        }

        private mutating func softBreak() {
            lines.append(WrappedLine(line: current, kind: kind))
            current = StyledLine()
            kind = .softWrap
            lineHasText = false
            pendingSpace = 0
            if softIndent > 0 { current.append(String(repeating: " ", count: softIndent), pendingRole, width: softIndent) }
        }

        /// Blanks to draw before the next word on the current line.
        private var spaceBefore: Int {
            if lineHasText { return pendingSpace }
            // Indentation at the start of a source line survives in verbatim mode; blanks that led into a
            // soft wrap do not, and prose never starts a line with a blank.
            return mode == .verbatim && kind != .softWrap ? pendingSpace : 0
        }

        mutating func add(_ word: inout Word) {
            guard !word.isEmpty else { return }
            defer {
                word = Word()
                lineHasText = true
            }
            var space = spaceBefore
            if space >= limit / 2 && !lineHasText { space = 0 }   // indentation wider than the line: drop it
            if !lineHasText && kind != .softWrap { sourceIndent = space }
            if current.width + space + word.width <= limit {
                put(space)
                for piece in word.pieces { current.append(piece.text, piece.role) }
                return
            }
            if lineHasText, word.width <= widths.soft - softIndent {
                softBreak()
                for piece in word.pieces { current.append(piece.text, piece.role) }
                return
            }
            // Longer than a line: start here if a fair part fits, then cut at the column.
            if lineHasText && limit - current.width - space < min(8, limit / 3) {
                softBreak()
                space = 0
            }
            put(space)
            for piece in word.pieces {
                for character in piece.text {
                    let width = DisplayWidth.of(character)
                    if current.width + width > limit, current.width > (lineHasText ? 0 : softIndent) {
                        softBreak()
                    }
                    current.append(String(character), piece.role, width: width)
                    lineHasText = true
                }
            }
        }

        private mutating func put(_ space: Int) {
            if space > 0 { current.append(String(repeating: " ", count: space), pendingRole, width: space) }
            pendingSpace = 0
        }

        mutating func finish() -> [WrappedLine] {
            if !current.isEmpty || lines.isEmpty { lines.append(WrappedLine(line: current, kind: kind)) }
            return lines
        }
    }
}
