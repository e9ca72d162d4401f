/// Everything the operator can ask of the player. Keys map to these (through `ActionTable`), the help
/// screen is generated from the same table, and the controller acts on them: nothing else hard-codes a key.
public enum PlayerAction: String, CaseIterable, Sendable {
    case moveDown
    case moveUp
    case top
    case bottom
    case halfPageDown
    case halfPageUp
    case activate
    case toggleCheck
    case nextPane
    case previousPane
    case collapse
    case expand
    case outputPageUp
    case outputPageDown
    case toggleFullOutput
    case interrupt
    case typeIntoCommand
    case countdown
    case decide
    case editCommand
    case addNote
    case search
    case help
    case cancel
    case quit
    // Replay only.
    case pauseResume
    case faster
    case slower
    case nextStep
    case previousStep
    case stepEvent
    case replayStart
    case replayEnd
}

/// Which sessions a binding applies to: keys that change a session (run, tick, note) mean something
/// else in a read-only replay (Space pauses, g/G jump to the start/end).
public enum BindingScope: Sendable {
    case everywhere
    /// Live sessions and drills.
    case session
    case replay

    func includes(_ mode: DisplayMode) -> Bool {
        switch self {
        case .everywhere: true
        case .session: mode != .replay
        case .replay: mode == .replay
        }
    }
}

/// One line of the key table: an action, its default keys and its help text.
public struct ActionBinding: Sendable {
    public var action: PlayerAction
    public var keys: [Key]
    public var help: String
    public var scope: BindingScope

    public init(_ action: PlayerAction, _ keys: [Key], _ help: String, _ scope: BindingScope = .everywhere) {
        self.action = action
        self.keys = keys
        self.help = help
        self.scope = scope
    }

    /// The keys as written in help ("j ↓").
    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}

/// The one list of key bindings (less/vim/tig habits). `?` renders it; `action(for:)` reads it.
public enum ActionTable {
    public static let bindings: [ActionBinding] = [
        ActionBinding(.moveDown, [.char("j"), .down], "move down"),
        ActionBinding(.moveUp, [.char("k"), .up], "move up"),
        ActionBinding(.top, [.char("g"), .home], "go to the top", .session),
        ActionBinding(.bottom, [.char("G"), .end], "go to the bottom", .session),
        ActionBinding(.halfPageDown, [.ctrl("d")], "half a page down"),
        ActionBinding(.halfPageUp, [.ctrl("u")], "half a page up"),
        ActionBinding(.activate, [.enter], "run the selected command (all of a block on its header); open a section", .session),
        ActionBinding(.toggleCheck, [.char(" ")], "tick or untick the selected checklist item", .session),
        ActionBinding(.pauseResume, [.char(" ")], "pause / resume the replay", .replay),
        ActionBinding(.faster, [.char("+"), .char("=")], "replay faster (up to 64x)", .replay),
        ActionBinding(.slower, [.char("-")], "replay slower (down to 0.25x)", .replay),
        ActionBinding(.nextStep, [.char("]")], "jump to the next step (section, command, tick, decision, note)", .replay),
        ActionBinding(.previousStep, [.char("[")], "jump back to the previous step", .replay),
        ActionBinding(.stepEvent, [.char(".")], "step one event (pauses)", .replay),
        ActionBinding(.replayStart, [.char("g"), .home], "jump to the start", .replay),
        ActionBinding(.replayEnd, [.char("G"), .end], "jump to the end (live end with --follow)", .replay),
        ActionBinding(.nextPane, [.tab], "next pane (outline, section, output)"),
        ActionBinding(.previousPane, [.backTab], "previous pane"),
        ActionBinding(.collapse, [.char("h"), .left], "collapse in the outline (back to the outline from the section)"),
        ActionBinding(.expand, [.char("l"), .right], "expand in the outline (into the section on a leaf)"),
        ActionBinding(.outputPageUp, [.pageUp], "scroll the output back"),
        ActionBinding(.outputPageDown, [.pageDown], "scroll the output forward"),
        ActionBinding(.toggleFullOutput, [.char("f")], "full-screen output pane on/off"),
        ActionBinding(.interrupt, [.char("c"), .ctrl("c")], "interrupt the running command (again: kill it)", .session),
        ActionBinding(.typeIntoCommand, [.char("i")], "type into the running command (its prompts); Esc stops typing", .session),
        ActionBinding(.countdown, [.char("t")], "start (or stop) the section's monitoring countdown (\"Monitor for 15 minutes\")", .session),
        ActionBinding(.editCommand, [.char("e")], "edit the selected (one-line) command before running it", .session),
        ActionBinding(.decide, [.char("d")], "take the selected alternative (Option A/B, a platform) and log why", .session),
        ActionBinding(.addNote, [.char("n")], "add a note to the incident log", .session),
        ActionBinding(.search, [.char("/")], "search the runbook (Enter on an empty search repeats the last)"),
        ActionBinding(.help, [.char("?"), .function(1)], "this help"),
        ActionBinding(.cancel, [.escape], "close help, prompt or full-screen output"),
        ActionBinding(.quit, [.char("q")], "quit (asks first while a command is running)"),
    ]

    private static func keyMap(_ mode: DisplayMode) -> [Key: PlayerAction] {
        var map: [Key: PlayerAction] = [:]
        for binding in bindings(for: mode) {
            for key in binding.keys where map[key] == nil { map[key] = binding.action }
        }
        return map
    }

    private static let sessionKeys = keyMap(.live)
    private static let replayKeys = keyMap(.replay)

    /// The bindings that apply in `mode`, in help order.
    public static func bindings(for mode: DisplayMode) -> [ActionBinding] {
        bindings.filter { $0.scope.includes(mode) }
    }

    /// The action bound to `key` in `mode`, if any.
    public static func action(for key: Key, mode: DisplayMode = .live) -> PlayerAction? {
        mode == .replay ? replayKeys[key] : sessionKeys[key]
    }

    /// The binding of `action`.
    public static func binding(_ action: PlayerAction) -> ActionBinding? {
        bindings.first { $0.action == action }
    }

    /// The first key of `action`, as written in hints.
    public static func keyLabel(_ action: PlayerAction) -> String {
        binding(action)?.keys.first?.label ?? ""
    }
}
