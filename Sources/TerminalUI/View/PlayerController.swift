import RunbookModel
import SessionEngine

/// The player's view model: holds what the operator looks at (`PlayerViewState`), the session state
/// it was last given, and one terminal emulator per command that produced output. Keys come in as
/// `Key`s and go out as `PlayerIntent`s for the play loop; `render` draws everything into a `CellGrid`.
/// It never runs anything itself.
public final class PlayerController {
    public let runbook: Runbook
    public let mode: DisplayMode
    public var logPath: String
    public var theme: Theme
    public internal(set) var view = PlayerViewState()
    public private(set) var state = SessionState()
    public private(set) var layout: PlayerLayout
    /// Set whenever something visible changed; the loop clears it after drawing.
    public var needsRedraw = true
    /// In REPLAY mode: the play head, speed and markers for the progress line.
    public var replayStatus: ReplayStatus? {
        didSet { if replayStatus != oldValue { needsRedraw = true } }
    }

    var emulators: [String: TerminalEmulator] = [:]
    /// The block being run with Enter on its header, if any: its commands' output also goes to one
    /// combined pane (id "B<line>"), each behind a `$ command` line, as `runbook run` prints them.
    var activeBlock: BlockRun?
    /// Every block run so far, by its pane id (for the pane's heading afterwards).
    var blockRuns: [String: BlockRun] = [:]
    /// Each runbook command's text by id (for the output pane's heading), built once.
    lazy var commandTexts: [String: String] = Dictionary(
        runbook.allCommands.map { (Session.commandID($0), $0.text) }, uniquingKeysWith: { first, _ in first })
    /// When each pane was last shown (a counter), for dropping the least recently seen first.
    var lastShown: [String: Int] = [:]
    var showCounter = 0
    /// Memory the finished commands' terminals may keep (scrollback estimate); past it the least
    /// recently shown are dropped and rebuilt from the log through `outputLoader` when shown again.
    public var emulatorMemoryBudget = 64 << 20
    /// Reads the last output of a command back (from the incident log) for a pane that was dropped.
    public var outputLoader: ((String) -> [UInt8]?)?
    private(set) var entries: [OutlineEntry] = []
    private var progressCache: SectionProgressResolver?
    private var documentCache: (key: DocumentKey, document: SectionDocument)?
    private var stateVersion = 0

    private struct DocumentKey: Equatable {
        var sectionID: String?
        var width: Int
        var stateVersion: Int
    }

    public init(runbook: Runbook, mode: DisplayMode, logPath: String, theme: Theme, rows: Int, cols: Int) {
        self.runbook = runbook
        self.mode = mode
        self.logPath = logPath
        self.theme = theme
        self.layout = PlayerLayout(rows: rows, cols: cols, fullOutput: false)
        view.collapsed = OutlineTree.initiallyCollapsed(runbook, maxRows: max(10, rows - 4))
        rebuildEntries()
        // Start on the first real section when there is one.
        if entries.count > 1, entries[0].sectionID == nil { view.outlineSelected = 1 }
        selectFirstItem()
    }

    // MARK: - Inputs from the play loop

    /// The session changed (an event was recorded).
    public func update(state newState: SessionState) {
        guard newState != state else { return }
        if let finished = state.runningCommandID, newState.runningCommandID != finished {
            commandFinished(finished, succeeded: newState.commands[finished]?.status == .succeeded)
        }
        state = newState
        stateVersion += 1
        progressCache = nil
        needsRedraw = true
    }

    /// The terminal has a new size.
    public func resize(rows: Int, cols: Int) {
        layout = PlayerLayout(rows: rows, cols: cols, fullOutput: view.fullOutput)
        resizeLiveEmulator()
        clampScrolls()
        needsRedraw = true
    }

    /// A command started: its output pane gets a fresh terminal of the pane's size.
    public func commandStarted(_ commandID: String) {
        let size = outputSize
        emulators[commandID] = TerminalEmulator(rows: size.rows, cols: size.cols)
        if let block = activeBlock, block.commandIDs.contains(commandID) {
            feedBlockHeader(block, commandID: commandID)
        } else {
            view.outputCommandID = commandID
            view.outputScroll = 0
        }
        needsRedraw = true
    }

    /// Drops the terminals of finished commands, least recently shown first, while their memory is
    /// over `emulatorMemoryBudget`. The running command, the shown pane and a running block stay.
    func trimEmulators() {
        var total = emulators.values.reduce(0) { $0 + $1.scrollbackMemoryEstimate + $1.rows * $1.cols * 16 }
        guard total > emulatorMemoryBudget else { return }
        let keep = Set([state.runningCommandID, view.outputCommandID, activeBlock?.id].compactMap { $0 })
        let candidates = emulators.keys.filter { !keep.contains($0) }.sorted { (lastShown[$0] ?? 0) < (lastShown[$1] ?? 0) }
        for id in candidates where total > emulatorMemoryBudget {
            guard let emulator = emulators.removeValue(forKey: id) else { continue }
            total -= emulator.scrollbackMemoryEstimate + emulator.rows * emulator.cols * 16
        }
    }

    /// The terminal of the pane `id`, rebuilt from the log when it was dropped.
    func displayedEmulator(_ id: String) -> TerminalEmulator? {
        showCounter += 1
        lastShown[id] = showCounter
        if let emulator = emulators[id] { return emulator }
        guard !id.hasPrefix("B"), state.commands[id] != nil, let bytes = outputLoader?(id) else { return nil }
        let size = outputSize
        let emulator = TerminalEmulator(rows: size.rows, cols: size.cols)
        emulator.feed(bytes)
        emulators[id] = emulator
        trimEmulators()
        return emulator
    }

    /// A command ended: typing into it stops; after a success the selection moves on to the next
    /// item, so Enter, Enter, Enter walks a runbook.
    func commandFinished(_ commandID: String, succeeded: Bool) {
        view.typing = false
        trimEmulators()
        guard succeeded, case .command(_, let command)? = selectedItem, Session.commandID(command) == commandID,
              let index = view.sectionSelected, index + 1 < document.items.count else { return }
        view.sectionSelected = index + 1
        clampScrolls()
    }

    /// Output of a running command.
    public func output(_ bytes: [UInt8], commandID: String) {
        guard !bytes.isEmpty else { return }
        if emulators[commandID] == nil { commandStarted(commandID) }
        emulators[commandID]?.feed(bytes)
        if let block = activeBlock, block.commandIDs.contains(commandID) {
            emulators[block.id]?.feed(bytes)
            if view.outputCommandID == block.id { needsRedraw = true }
        }
        if view.outputCommandID == commandID { needsRedraw = true }
    }

    /// Replay: the output of `commandID` up to the play head, drawn afresh (after a jump).
    public func replaceOutput(_ bytes: [UInt8], commandID: String) {
        emulators[commandID] = nil
        commandStarted(commandID)
        output(bytes, commandID: commandID)
    }

    /// Replay: shows where the play head is — the section being worked in (selected in the outline,
    /// its ancestors expanded) and the command running or last run (selected in the section pane).
    public func followPlayHead(sectionID: String?, commandID: String?) {
        if let sectionID, shownSectionID != sectionID {
            for ancestor in OutlineTree.ancestors(of: sectionID) { view.collapsed.remove(ancestor) }
            rebuildEntries()
            if let index = entries.firstIndex(where: { $0.sectionID == sectionID }) {
                view.outlineSelected = index
                selectFirstItem()
            }
        }
        if let commandID {
            let items = document.items
            if let index = items.firstIndex(where: { if case .command(_, let c) = $0 { Session.commandID(c) == commandID } else { false } }) {
                view.sectionSelected = index
            }
            if view.outputCommandID != commandID { view.outputScroll = 0 }
            view.outputCommandID = commandID
        }
        clampScrolls()
        needsRedraw = true
    }

    /// Asks the operator something in the status bar.
    public func ask(_ prompt: Prompt) {
        view.prompt = prompt
        needsRedraw = true
    }

    /// Shows a one-line message until the next key.
    public func show(_ text: String, isError: Bool = false) {
        view.message = StatusMessage(text, isError: isError)
        needsRedraw = true
    }

    /// The size the running command's terminal should have: the output pane's inside.
    public var outputSize: (rows: Int, cols: Int) {
        let inner = layout.outputInner
        return (max(1, inner.rows), max(1, inner.cols))
    }

    /// The emulator of a command (tests and the loop read it).
    public func emulator(_ commandID: String) -> TerminalEmulator? { emulators[commandID] }

    // MARK: - Derived

    var progress: SectionProgressResolver {
        if let progressCache { return progressCache }
        let resolved = SectionProgressResolver(runbook: runbook, state: state)
        progressCache = resolved
        return resolved
    }

    /// The outline entry selected now.
    public var selectedEntry: OutlineEntry? {
        entries.indices.contains(view.outlineSelected) ? entries[view.outlineSelected] : nil
    }

    /// The section shown in the section pane (nil: the overview).
    public var shownSectionID: String? { selectedEntry?.sectionID }

    /// The laid-out section pane, cached until the section, the width or the state changes.
    public var document: SectionDocument {
        let width = max(1, (layout.section?.cols ?? layout.cols) - 2)
        let key = DocumentKey(sectionID: shownSectionID, width: width, stateVersion: stateVersion)
        if let documentCache, documentCache.key == key { return documentCache.document }
        let document = SectionDocument(runbook: runbook, sectionID: shownSectionID, width: width, state: state)
        documentCache = (key, document)
        return document
    }

    /// The item selected in the section pane.
    public var selectedItem: SectionItem? {
        guard let index = view.sectionSelected else { return nil }
        let items = document.items
        return items.indices.contains(index) ? items[index] : nil
    }

    /// True when keys typed now go to the running command.
    public var typingToCommand: Bool {
        view.typing && state.runningCommandID != nil && view.prompt == nil && !view.helpVisible
    }

    // MARK: - Helpers shared by the key handlers

    func rebuildEntries() {
        entries = OutlineTree.entries(runbook, collapsed: view.collapsed)
        view.outlineSelected = min(view.outlineSelected, max(0, entries.count - 1))
    }

    func selectFirstItem() {
        view.sectionScroll = 0
        view.sectionSelected = document.items.isEmpty ? nil : 0
        followSelectionInOutput()
    }

    /// Shows the output of the selected command, when it has any.
    func followSelectionInOutput() {
        if case .block(_, let commands, _)? = selectedItem, let first = commands.first,
           emulators[BlockRun.id(first)] != nil {
            view.outputCommandID = BlockRun.id(first)
            return
        }
        guard case .command(_, let command)? = selectedItem else { return }
        let id = Session.commandID(command)
        if emulators[id] != nil || state.commands[id] != nil, state.runningCommandID == nil || state.runningCommandID == id {
            if view.outputCommandID != id { view.outputScroll = 0 }
            view.outputCommandID = id
        }
    }

    func clampScrolls() {
        if let outline = layout.outline {
            view.outlineScroll = OutlinePane.scroll(toShow: view.outlineSelected, from: view.outlineScroll, height: outline.rows - 2)
        }
        if let section = layout.section, let selected = view.sectionSelected {
            view.sectionScroll = document.scroll(toShow: selected, from: view.sectionScroll, height: section.rows - 2)
        }
    }

    func resizeLiveEmulator() {
        let size = outputSize
        for id in [state.runningCommandID, view.outputCommandID].compactMap({ $0 }) {
            guard let emulator = emulators[id], state.runningCommandID == id else { continue }
            if emulator.rows != size.rows || emulator.cols != size.cols { emulator.resize(rows: size.rows, cols: size.cols) }
        }
    }

    func setFullOutput(_ on: Bool) {
        view.fullOutput = on
        if on { view.focus = .output } else if view.focus == .output, layout.section == nil { view.focus = .section }
        resize(rows: layout.rows, cols: layout.cols)
    }
}
