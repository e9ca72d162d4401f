import RunbookModel
import SessionEngine

/// What the section pane shows about one command's run: a status glyph and, once it ran, how it ended
/// ("1.2s", "exit 3 · 0.4s").
struct CommandProgress: Equatable {
    var status: ProgressStatus
    /// Shown after the command; nil before it ever ran.
    var detail: String?
    var detailRole: ThemeRole

    init(_ command: Command, state: SessionState) {
        let id = Session.commandID(command)
        self.init(record: state.commands[id], running: state.runningCommandID == id)
    }

    /// From a command's record (nil: never ran); `running` when the session says it runs now.
    init(record: CommandRecord?, running: Bool) {
        guard let record else {
            self.init(status: running ? .running : .notStarted, detail: nil, detailRole: .muted)
            return
        }
        let took = record.duration.map(TimeBudget.runDuration)
        switch record.status {
        case .notStarted:
            self.init(status: .notStarted, detail: nil, detailRole: .muted)
        case .running:
            self.init(status: .running, detail: "running…", detailRole: .statusInProgress)
        case .succeeded:
            self.init(status: .done, detail: took ?? "done", detailRole: .muted)
        case .failed:
            var parts: [String] = []
            if let signal = record.signal {
                parts.append("signal \(signal)")
            } else if let code = record.exitCode {
                parts.append("exit \(code)")
            } else {
                parts.append("failed")
            }
            if let took { parts.append(took) }
            self.init(status: .failed, detail: parts.joined(separator: " · "), detailRole: .statusFailed)
        case .interrupted, .timedOut, .abandoned:
            let word = record.status == .timedOut ? "timed out" : record.status == .abandoned ? "abandoned" : "interrupted"
            let detail = took.map { word + " · " + $0 } ?? word
            self.init(status: .interrupted, detail: detail, detailRole: .statusFailed)
        }
    }

    init(status: ProgressStatus, detail: String?, detailRole: ThemeRole) {
        self.status = status
        self.detail = detail
        self.detailRole = detailRole
    }
}
