/// Every kind of thing the player draws that a theme can style. The raw value is the key used in
/// `themes/*.toml` (`[outline-selected]`, `[badge-live]`, ...).
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    /// Anything without a role of its own.
    case normal
    case paneBorder = "pane-border"
    case paneBorderFocused = "pane-border-focused"
    case paneTitle = "pane-title"
    /// The selected line of the focused pane.
    case selection
    /// The selected line of a pane without focus.
    case selectionUnfocused = "selection-unfocused"

    case statusNotStarted = "status-not-started"
    case statusInProgress = "status-in-progress"
    case statusDone = "status-done"
    case statusFailed = "status-failed"
    case statusSkipped = "status-skipped"
    case budget

    case heading
    case prose
    case strong
    case emphasis
    case code
    case link
    case command
    case commandLabel = "command-label"
    case placeholder
    case danger
    case checkbox
    case checked
    case tableBorder = "table-border"
    case tableHeader = "table-header"
    case template
    case muted

    case titleBar = "title-bar"
    case badgeLive = "badge-live"
    case badgeDrill = "badge-drill"
    case badgeReplay = "badge-replay"
    case clock
    case timerNormal = "timer-normal"
    case timerWarning = "timer-warning"
    case timerAlarm = "timer-alarm"
    case statusBar = "status-bar"
    case keyHint = "key-hint"
    case message
    case error
    case prompt
    case searchMatch = "search-match"
    case overlay
}
