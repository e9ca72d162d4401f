/// A piece of laid-out text drawn in one theme role.
public struct StyledSpan: Equatable, Sendable {
    public var text: String
    public var role: ThemeRole

    /// Creates a span.
    public init(_ text: String, _ role: ThemeRole) {
        self.text = text
        self.role = role
    }

    /// Columns the span takes.
    public var width: Int { text.displayWidth }
}

/// One laid-out row of a pane: spans drawn left to right from the pane's first column.
public struct StyledLine: Equatable, Sendable {
    public private(set) var spans: [StyledSpan]
    /// Columns the line takes (the sum of its spans' widths).
    public private(set) var width: Int

    /// A line of `spans`.
    public init(_ spans: [StyledSpan] = []) {
        self.spans = []
        self.width = 0
        for span in spans { append(span.text, span.role) }
    }

    /// The line's text without styles.
    public var text: String { spans.map(\.text).joined() }

    /// True for a line with no text.
    public var isEmpty: Bool { spans.isEmpty }

    /// Adds text in `role`, merged into the last span when the role is the same.
    public mutating func append(_ text: String, _ role: ThemeRole) {
        guard !text.isEmpty else { return }
        append(text, role, width: text.displayWidth)
    }

    /// Adds text whose width the caller already knows.
    mutating func append(_ text: String, _ role: ThemeRole, width: Int) {
        guard !text.isEmpty else { return }
        if let last = spans.indices.last, spans[last].role == role {
            spans[last].text += text
        } else {
            spans.append(StyledSpan(text, role))
        }
        self.width += width
    }

    /// Adds every span of `other`.
    mutating func append(contentsOf other: StyledLine) {
        for span in other.spans { append(span.text, span.role) }
    }

    /// Adds blanks up to column `column` (nothing when the line is already that wide).
    mutating func pad(to column: Int, _ role: ThemeRole = .normal) {
        if column > width { append(String(repeating: " ", count: column - width), role, width: column - width) }
    }
}
