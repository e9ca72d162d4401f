/// What a piece of a shell code block is.
public enum ShellSegmentKind: String, Sendable, Codable {
    /// A logical command (one or more physical lines) that can be run.
    case command
    /// A group of full-line `#` comments standing on its own: a manual instruction.
    case comment
}

/// One logical piece cut from a shell code block by `ShellCommandSplitter`.
public struct ShellSegment: Equatable, Sendable, Codable {
    /// Whether this is a command or a stand-alone comment group.
    public var kind: ShellSegmentKind
    /// Source lines as written, joined with "\n" (continuation backslashes, heredoc bodies and
    /// quoted newlines kept verbatim; console prompts `$ ` / `> ` stripped).
    public var text: String
    /// For commands: the `# comment` group right before it (or before the run of commands it
    /// belongs to), with "#" and one following space stripped, lines joined with "\n".
    public var label: String?
    /// For commands: a comment group right after it (no blank line between) that is followed by
    /// a blank line or the end of the block; same stripping as `label`.
    public var note: String?
    /// 0-based index of the first line within the block body.
    public var startLine: Int
    /// 0-based index of the last line (inclusive). For console blocks, the last command line
    /// (expected output lines are not included).
    public var endLine: Int
    /// Console blocks only: the non-prompt lines printed after the command, joined with "\n"
    /// (leading and trailing blank lines dropped); nil when there are none.
    public var expectedOutput: String?

    /// Creates a segment.
    public init(kind: ShellSegmentKind, text: String, label: String? = nil, note: String? = nil,
                startLine: Int, endLine: Int, expectedOutput: String? = nil) {
        self.kind = kind
        self.text = text
        self.label = label
        self.note = note
        self.startLine = startLine
        self.endLine = endLine
        self.expectedOutput = expectedOutput
    }
}
