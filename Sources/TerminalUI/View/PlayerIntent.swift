import RunbookModel

/// What the operator asked for that the UI cannot do by itself: the play loop carries these out
/// through the session (which logs them) and tells the controller what happened.
public enum PlayerIntent: Equatable, Sendable {
    /// Run these commands in order, stopping at the first failure. `confirmed` once the operator
    /// answered yes to the danger question.
    case run([Command], sectionID: String?, confirmed: Bool)
    /// Tick (or untick, when it is ticked) a checklist item.
    case toggleCheck(ListItem, sectionID: String?)
    /// The operator opened a section to work in it.
    case enterSection(id: String, title: String)
    /// Start the countdown `timerID` for `seconds`, or stop it when it runs.
    case toggleCountdown(timerID: String, seconds: Int, sectionID: String)
    /// The operator takes one alternative of a group (`groupID`: the group's section ids), with why.
    case decide(groupID: String, sectionID: String, choice: String, rationale: String)
    /// Interrupt the running command (a second time: kill it).
    case interrupt
    /// A note for the incident log.
    case note(String)
    /// A value typed for a placeholder.
    case setVariable(name: String, value: String)
    /// Keystrokes for the running command (the output pane has focus).
    case sendInput([UInt8])
    /// Quit; `force` once the operator confirmed quitting while a command runs.
    case quit(force: Bool)
    /// A replay control (pause/resume, speed, step jumps, start/end): only in REPLAY mode.
    case replayControl(PlayerAction)
}
