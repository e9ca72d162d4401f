import Foundation
import RunbookModel
import SessionEngine

extension PlayerController {
    /// Handles one key: moves the view, or returns what the play loop must do.
    public func handle(_ key: Key) -> [PlayerIntent] {
        needsRedraw = true
        if key == .resize { return [] }
        view.message = nil
        if view.prompt != nil { return handlePromptKey(key) }
        if view.helpVisible { return handleHelpKey(key) }
        if typingToCommand {
            if key == .escape {
                view.typing = false
                return []
            }
            if let bytes = Self.inputBytes(for: key) { return [.sendInput(bytes)] }
        }
        guard let action = ActionTable.action(for: key, mode: mode) else {
            show("\(key.label): no such key here — ? shows the keys")
            return []
        }
        return perform(action)
    }

    /// Carries out one action.
    public func perform(_ action: PlayerAction) -> [PlayerIntent] {
        needsRedraw = true
        switch action {
        case .moveDown: move(by: 1)
        case .moveUp: move(by: -1)
        case .top: move(to: .top)
        case .bottom: move(to: .bottom)
        case .halfPageDown: move(by: max(1, paneHeight(view.focus) / 2))
        case .halfPageUp: move(by: -max(1, paneHeight(view.focus) / 2))
        case .activate: return activate()
        case .toggleCheck: return toggleCheck()
        case .nextPane: cycleFocus(1)
        case .previousPane: cycleFocus(-1)
        case .collapse: collapse()
        case .expand: expand()
        case .outputPageUp: scrollOutput(by: max(1, outputSize.rows - 1))
        case .outputPageDown: scrollOutput(by: -max(1, outputSize.rows - 1))
        case .toggleFullOutput: setFullOutput(!view.fullOutput)
        case .interrupt:
            if state.runningCommandID != nil { return [.interrupt] }
            show("No command is running.")
        case .typeIntoCommand:
            if state.runningCommandID == nil {
                show("No command is running to type into.")
            } else {
                view.typing = true
                view.outputCommandID = state.runningCommandID
                view.outputScroll = 0
            }
        case .countdown: return countdown()
        case .decide: decide()
        case .editCommand: editCommand()
        case .addNote: ask(Prompt(kind: .note, label: "Note for the incident log:"))
        case .search:
            ask(Prompt(kind: .search, label: view.lastSearch.isEmpty ? "Search:" : "Search [\(view.lastSearch)]:"))
        case .help:
            view.helpVisible = true
            view.helpScroll = 0
        case .cancel:
            if view.fullOutput { setFullOutput(false) }
        case .quit: return [.quit(force: false)]
        case .pauseResume, .faster, .slower, .nextStep, .previousStep, .stepEvent, .replayStart, .replayEnd:
            return [.replayControl(action)]
        }
        return []
    }

    // MARK: - Movement

    private enum End { case top, bottom }

    func paneHeight(_ pane: PaneID) -> Int { max(1, (layout.rect(pane)?.rows ?? 3) - 2) }

    private func move(by delta: Int) {
        switch view.focus {
        case .outline:
            selectOutline(view.outlineSelected + delta)
        case .section:
            let items = document.items
            if items.isEmpty {
                scrollSection(by: delta)
            } else {
                let current = view.sectionSelected ?? (delta > 0 ? -1 : items.count)
                view.sectionSelected = min(max(0, current + delta), items.count - 1)
                clampScrolls()
                followSelectionInOutput()
            }
        case .output:
            scrollOutput(by: -delta)
        }
    }

    private func move(to end: End) {
        switch view.focus {
        case .outline:
            selectOutline(end == .top ? 0 : entries.count - 1)
        case .section:
            let items = document.items
            if items.isEmpty {
                view.sectionScroll = end == .top ? 0 : max(0, document.lines.count - paneHeight(.section))
            } else {
                view.sectionSelected = end == .top ? 0 : items.count - 1
                if end == .top { view.sectionScroll = 0 }
                clampScrolls()
                followSelectionInOutput()
            }
        case .output:
            let history = view.outputCommandID.flatMap { emulators[$0] }?.scrollbackCount ?? 0
            view.outputScroll = end == .top ? history : 0
        }
    }

    func selectOutline(_ index: Int) {
        guard !entries.isEmpty else { return }
        let clamped = min(max(0, index), entries.count - 1)
        if clamped != view.outlineSelected {
            view.outlineSelected = clamped
            selectFirstItem()
        }
        clampScrolls()
    }

    private func scrollSection(by delta: Int) {
        let maxScroll = max(0, document.lines.count - paneHeight(.section))
        view.sectionScroll = min(max(0, view.sectionScroll + delta), maxScroll)
    }

    private func scrollOutput(by delta: Int) {
        let history = view.outputCommandID.flatMap { emulators[$0] }?.scrollbackCount ?? 0
        view.outputScroll = min(max(0, view.outputScroll + delta), history)
    }

    private func cycleFocus(_ step: Int) {
        let panes = PaneID.allCases.filter { layout.rect($0) != nil }
        guard let index = panes.firstIndex(of: view.focus) else {
            view.focus = panes.first ?? .output
            return
        }
        view.focus = panes[(index + step + panes.count) % panes.count]
    }

    // MARK: - Outline folding

    private func collapse() {
        switch view.focus {
        case .section, .output:
            if layout.outline != nil { view.focus = .outline }
        case .outline:
            guard let entry = selectedEntry, let id = entry.sectionID else { return }
            if entry.hasChildren && !entry.isCollapsed {
                view.collapsed.insert(id)
                rebuildEntries()
            } else if let parent = OutlineTree.ancestors(of: id).last,
                      let index = entries.firstIndex(where: { $0.sectionID == parent }) {
                selectOutline(index)
            }
        }
    }

    private func expand() {
        guard view.focus == .outline else { return }
        guard let entry = selectedEntry else { return }
        if entry.isCollapsed, let id = entry.sectionID {
            view.collapsed.remove(id)
            rebuildEntries()
        } else if entry.hasChildren {
            selectOutline(view.outlineSelected + 1)
        } else {
            view.focus = .section
        }
    }

    // MARK: - Doing things

    private func activate() -> [PlayerIntent] {
        switch view.focus {
        case .outline:
            view.focus = .section
            guard let entry = selectedEntry, let id = entry.sectionID else { return [] }
            return [.enterSection(id: id, title: entry.title)]
        case .section:
            guard let item = selectedItem else {
                // Prose only: Enter says "I am working here" (the section timer starts).
                guard let entry = selectedEntry, let id = entry.sectionID else { return [] }
                show("Nothing to run here; working in \(id) \(entry.title).")
                return [.enterSection(id: id, title: entry.title)]
            }
            switch item {
            case .command(let sectionID, let command):
                return [.run([command], sectionID: sectionID, confirmed: false)]
            case .block(let sectionID, let commands, _):
                return [.run(commands, sectionID: sectionID, confirmed: false)]
            case .checkItem(let sectionID, let listItem):
                return [.toggleCheck(listItem, sectionID: sectionID)]
            }
        case .output:
            return []
        }
    }

    /// `t`: the countdown of the shown section (or of the nearest ancestor that has one).
    private func countdown() -> [PlayerIntent] {
        guard let id = shownSectionID else {
            show("Open a section with a \"monitor for …\" line to start its countdown.")
            return []
        }
        for candidate in [id] + OutlineTree.ancestors(of: id).reversed() {
            guard let section = OutlineTree.section(candidate, in: runbook), let budget = section.countdowns.first else { continue }
            return [.toggleCountdown(timerID: "countdown-\(candidate)", seconds: budget.maxSeconds, sectionID: candidate)]
        }
        show("This section has no countdown (\"Monitor for 15 minutes\"-style line).")
        return []
    }

    /// `e`: the selected one-line command in the status bar, to change before it runs.
    private func editCommand() {
        guard view.focus == .section, case .command(let sectionID, let command)? = selectedItem else {
            show(view.focus == .section ? "e edits one command: move to a command with j/k."
                 : "Select a command in the section pane to edit it.")
            return
        }
        guard !command.text.contains("\n") else {
            show("Only one-line commands can be edited here.", isError: true)
            return
        }
        ask(Prompt(kind: .edit(command, sectionID: sectionID), label: "Edit, Enter runs:", text: command.text))
    }

    /// `command` with new text: placeholders that are gone no longer ask for a value, and the danger
    /// check runs again on what will really run (the original's warnings are kept).
    static func edited(_ command: Command, text: String) -> Command {
        var edited = command
        edited.text = text
        edited.placeholders = command.placeholders.filter { text.contains($0.token) }
        let fresh = DangerDetector.reasons(forCommand: text).filter { reason in !command.dangers.contains(reason) }
        edited.dangers = command.dangers + fresh
        return edited
    }

    /// `d`: the shown section (or its nearest ancestor) that is one of a group of alternatives; asks why.
    private func decide() {
        guard let id = shownSectionID else {
            show("Select an alternative section (Option A/B, a platform) in the outline first.")
            return
        }
        for candidate in [id] + OutlineTree.ancestors(of: id).reversed() {
            guard let group = runbook.alternativeGroups.first(where: { $0.sectionIDs.contains(candidate) }),
                  let section = OutlineTree.section(candidate, in: runbook) else { continue }
            let choice = "\(candidate) \(section.title)"
            ask(Prompt(kind: .decision(groupID: DecisionKey.groupID(group), sectionID: candidate, choice: choice),
                       label: "Why take \(candidate) \(section.title)?"))
            return
        }
        show("\(id) is not one of a group of alternatives: nothing to decide here.")
    }

    private func toggleCheck() -> [PlayerIntent] {
        guard view.focus == .section, case .checkItem(let sectionID, let item)? = selectedItem else {
            show("Space ticks checklist items: select one in the section pane.")
            return []
        }
        return [.toggleCheck(item, sectionID: sectionID)]
    }

    // MARK: - Help and prompts

    private func handleHelpKey(_ key: Key) -> [PlayerIntent] {
        switch ActionTable.action(for: key, mode: mode) {
        case .moveDown?: view.helpScroll = min(view.helpScroll + 1, max(0, HelpOverlay.lines(for: mode).count - 1))
        case .moveUp?: view.helpScroll = max(0, view.helpScroll - 1)
        case .quit?, .cancel?, .help?: view.helpVisible = false
        default: view.helpVisible = false
        }
        return []
    }

    private func handlePromptKey(_ key: Key) -> [PlayerIntent] {
        guard var prompt = view.prompt else { return [] }
        if case .confirm(let then) = prompt.kind {
            view.prompt = nil
            if key == .char("y") || key == .char("Y") { return [then] }
            show("Cancelled.")
            return []
        }
        switch key {
        case .escape, .ctrl("c"), .ctrl("g"):
            view.prompt = nil
            show("Cancelled.")
            return []
        case .enter:
            view.prompt = nil
            return submit(prompt)
        default:
            _ = prompt.editor.handle(key)
        }
        view.prompt = prompt
        return []
    }

    private func submit(_ prompt: Prompt) -> [PlayerIntent] {
        switch prompt.kind {
        case .note:
            let text = prompt.text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { show("Empty note: nothing logged."); return [] }
            return [.note(text)]
        case .search:
            search(prompt.text.isEmpty ? view.lastSearch : prompt.text)
            return []
        case .value(let name, let then):
            if prompt.text.isEmpty {
                show("No value for \(name): not run.", isError: true)
                return []
            }
            return [.setVariable(name: name, value: prompt.text), then]
        case .confirm:
            return []
        case .edit(let command, let sectionID):
            let text = prompt.text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                show("Empty command: not run.", isError: true)
                return []
            }
            return [.run([Self.edited(command, text: text)], sectionID: sectionID, confirmed: false)]
        case .decision(let groupID, let sectionID, let choice):
            let why = prompt.text.trimmingCharacters(in: .whitespaces)
            if why.isEmpty {
                show("A decision needs a reason: not logged.", isError: true)
                return []
            }
            return [.decide(groupID: groupID, sectionID: sectionID, choice: choice, rationale: why)]
        }
    }

    /// Bytes a key sends to a program in a terminal (for typing into the running command).
    static func inputBytes(for key: Key) -> [UInt8]? {
        switch key {
        case .char(let character): Array(String(character).utf8)
        case .enter: [13]
        case .tab: [9]
        case .backspace: [127]
        case .escape: nil
        case .ctrl("c"): nil
        case .ctrl(let letter):
            letter.asciiValue.map { [($0 & 0x1F)] }
        case .up: Array("\u{1B}[A".utf8)
        case .down: Array("\u{1B}[B".utf8)
        case .right: Array("\u{1B}[C".utf8)
        case .left: Array("\u{1B}[D".utf8)
        case .delete: Array("\u{1B}[3~".utf8)
        case .home: Array("\u{1B}[H".utf8)
        case .end: Array("\u{1B}[F".utf8)
        default: nil
        }
    }
}
