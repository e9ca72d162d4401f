/// The end of one command run's output, kept in bounded memory however much it printed, with a count
/// of the lines cut from the front.
struct OutputTail: Equatable, Sendable {
    /// Bytes kept at most (trimmed back to `keepBytes` when exceeded).
    static let limitBytes = 64 << 10
    static let keepBytes = 48 << 10

    private(set) var bytes: [UInt8] = []
    /// Whole lines cut from the front to stay within the limit.
    private(set) var droppedLines = 0

    mutating func append(_ chunk: [UInt8]) {
        bytes += chunk
        guard bytes.count > OutputTail.limitBytes else { return }
        var cut = bytes.count - OutputTail.keepBytes
        // Cut after a newline, so the first kept line is whole (and never starts mid-sequence).
        if let newline = bytes[cut...].firstIndex(of: 0x0A) { cut = newline + 1 }
        droppedLines += bytes[..<cut].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        bytes.removeSubrange(..<cut)
    }

    /// The last `count` plain-text lines (trailing blank lines left out) and how many came before them.
    func lastLines(_ count: Int) -> (lines: [String], omitted: Int) {
        var lines = TerminalText.lines(bytes)
        while lines.last?.isEmpty == true { lines.removeLast() }
        let shown = Array(lines.suffix(count))
        return (shown, droppedLines + lines.count - shown.count)
    }
}
