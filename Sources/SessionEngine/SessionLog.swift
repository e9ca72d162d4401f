import Foundation
import IncidentLog

/// Folding an incident log's events into a `SessionState`: the one way a log is read back, shared by
/// `Session.resume` and the incident report.
public enum SessionLog {
    /// The state after every event of `contents`, and what was noticed on the way (the reader's
    /// warnings, events that do not decode, unknown event types once each), each prefixed with `path`.
    /// `visit` sees every decoded event with its wall-clock time, in log order, after it is applied.
    public static func fold(
        _ contents: LogContents, path: String, visit: ((TimedEvent, Date) -> Void)? = nil
    ) -> (state: SessionState, warnings: [String]) {
        var state = SessionState()
        var warnings = contents.warnings.map { "\(path):\($0.line): \($0.message)" }
        for event in contents.events {
            do {
                let timed = try SessionEventCodec.timed(event)
                state.apply(timed)
                visit?(timed, event.time)
            } catch {
                warnings.append("\(path): event \(event.seq): \(error); skipped")
            }
        }
        for type in state.unknownEventTypes {
            warnings.append("\(path): events of unknown type \"\(type)\" skipped (written by a newer runbook?)")
        }
        return (state, warnings)
    }
}
