import RunbookModel
import SessionEngine

/// A block of commands run together (Enter on its header).
struct BlockRun: Equatable {
    /// "B<line of its first command>": the combined output pane's id.
    var id: String
    var commandIDs: [String]
    var texts: [String: String]

    static func id(_ first: Command) -> String { "B\(first.line)" }
}

extension PlayerController {
    /// A block run starts: one combined output pane for all its commands, shown at once.
    public func blockStarted(_ commands: [Command]) {
        guard let first = commands.first, commands.count > 1 else { return }
        let block = BlockRun(id: BlockRun.id(first), commandIDs: commands.map(Session.commandID),
                             texts: Dictionary(commands.map { (Session.commandID($0), $0.text) }, uniquingKeysWith: { a, _ in a }))
        let size = outputSize
        emulators[block.id] = TerminalEmulator(rows: size.rows, cols: size.cols)
        activeBlock = block
        blockRuns[block.id] = block
        view.outputCommandID = block.id
        view.outputScroll = 0
        needsRedraw = true
    }

    /// The block run is over (all done, or stopped at a failure).
    public func blockFinished() {
        activeBlock = nil
        needsRedraw = true
    }

    /// "$ command" in bold before each command's output in the combined pane (first line only for a
    /// long script).
    func feedBlockHeader(_ block: BlockRun, commandID: String) {
        let text = block.texts[commandID] ?? commandID
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let shown = lines.count > 3 ? lines.prefix(2).joined(separator: "\r\n  ") + " …" : lines.joined(separator: "\r\n  ")
        let separator = block.commandIDs.first == commandID ? "" : "\r\n"
        emulators[block.id]?.feed(Array((separator + "\u{1B}[1m$ " + shown + "\u{1B}[0m\r\n").utf8))
    }

    /// The output pane's heading for a combined block pane.
    func blockHeading(_ id: String) -> OutputPane.Heading? {
        guard let block = blockRuns[id] else { return nil }
        let statuses = block.commandIDs.map { state.commands[$0]?.status }
        let done = statuses.filter { $0 == .succeeded }.count
        let status: ProgressStatus = activeBlock?.id == id ? .running
            : statuses.contains(.failed) ? .failed
            : statuses.contains { $0 == .interrupted || $0 == .timedOut || $0 == .abandoned } ? .interrupted
            : done == statuses.count ? .done : .inProgress
        return OutputPane.Heading(commandID: id, text: "block of \(block.commandIDs.count) commands (line \(id.dropFirst()))",
                                  status: status, detail: "\(done)/\(block.commandIDs.count) done")
    }
}
