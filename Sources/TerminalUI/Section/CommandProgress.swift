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
        guard let record = state.commands[id] else {
            self.init(status: state.runningCommandID == id ? .running : .notStarted, detail: nil, detailRole: .muted)
            return
        }
        let took = record.duration.map(Self.duration)
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

    /// A run's duration: "0.4s", "12s", "2m05s", "1h02m".
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 10 {
            let tenths = Int((seconds * 10).rounded())
            if tenths == 0 { return "<0.1s" }
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m" + pad2(whole % 60) + "s" }
        return "\(whole / 3600)h" + pad2((whole % 3600) / 60) + "m"
    }

    private static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
