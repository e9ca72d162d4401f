/// How far along a section, command or block is, as the outline and the section pane show it.
/// One glyph and one theme role per status, shared by every pane.
public enum ProgressStatus: Equatable, Sendable {
    case notStarted
    case inProgress
    /// A command running right now.
    case running
    case done
    case failed
    /// Interrupted, timed out or abandoned by a crash: neither done nor a failure of the command itself.
    case interrupted
    /// Not needed: another alternative was taken, or the operator skipped it.
    case skipped

    /// The one-column glyph drawn before the item.
    public var glyph: String {
        switch self {
        case .notStarted: "○"
        case .inProgress: "◐"
        case .running: "▶"
        case .done: "✓"
        case .failed: "✗"
        case .interrupted: "!"
        case .skipped: "–"
        }
    }

    /// The theme role of the glyph.
    public var role: ThemeRole {
        switch self {
        case .notStarted: .statusNotStarted
        case .inProgress, .running: .statusInProgress
        case .done: .statusDone
        case .failed, .interrupted: .statusFailed
        case .skipped: .statusSkipped
        }
    }
}
