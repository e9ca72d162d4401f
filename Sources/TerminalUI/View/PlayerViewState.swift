import RunbookModel

/// Which kind of session the screen shows; the title bar's badge.
public enum DisplayMode: String, Sendable {
    case live = "LIVE"
    case drill = "DRILL"
    case replay = "REPLAY"

    /// The badge's theme role (distinct colours).
    public var badgeRole: ThemeRole {
        switch self {
        case .live: .badgeLive
        case .drill: .badgeDrill
        case .replay: .badgeReplay
        }
    }
}

/// A question in the status bar, answered by typing a line (note, search, a placeholder's value) or
/// by y/n (confirmations).
public struct Prompt: Equatable, Sendable {
    /// What the typed answer is for.
    public enum Kind: Equatable, Sendable {
        case note
        case search
        /// A value for the placeholder `name`; `then` is retried once it is set.
        case value(name: String, then: PlayerIntent)
        /// y runs `then`; anything else cancels.
        case confirm(then: PlayerIntent)
        /// Why this alternative: the typed line becomes the decision's rationale.
        case decision(groupID: String, sectionID: String, choice: String)
        /// The command's text to change before it runs (Enter runs the edited text).
        case edit(Command, sectionID: String?)
    }
    public var kind: Kind
    public var label: String
    /// What has been typed so far, with its cursor.
    public var editor: LineEditor

    public init(kind: Kind, label: String, text: String = "") {
        self.kind = kind
        self.label = label
        self.editor = LineEditor(text)
    }

    /// What has been typed so far.
    public var text: String { editor.text }
}

/// A one-line message in the status bar until the next key.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// What the operator is looking at, apart from the session itself: focus, selections, scroll
/// positions, overlays. Changed only by the controller.
public struct PlayerViewState: Equatable, Sendable {
    public var focus: PaneID = .outline
    public var collapsed: Set<String> = []
    public var outlineSelected = 0
    public var outlineScroll = 0
    /// Item selected in the section pane (index into the document's items).
    public var sectionSelected: Int?
    public var sectionScroll = 0
    /// The command whose output the output pane shows.
    public var outputCommandID: String?
    /// Lines scrolled back from the live bottom of the output.
    public var outputScroll = 0
    public var fullOutput = false
    /// Keys go to the running command (after `i`) until Esc.
    public var typing = false
    public var helpVisible = false
    public var helpScroll = 0
    public var prompt: Prompt?
    public var message: StatusMessage?
    public var lastSearch = ""

    public init() {}
}
