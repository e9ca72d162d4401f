import IncidentLog

/// The last bytes of each command's last run, read backwards from a point of a log through its index:
/// what an output pane is redrawn from after a jump in a replay, or when a session is resumed in the
/// player. Only output and command-start lines are parsed, newest first, and each command stops at its
/// own most recent `command-start` or at `maxBytes`.
public enum OutputTails {
    /// Tails of `commands` (all commands when nil) from the events before `end`.
    public static func collect(
        _ index: LogIndex, before end: Int, commands: Set<String>? = nil, maxBytes: Int = 256 << 10
    ) throws -> [String: [UInt8]] {
        var chunks: [String: [[UInt8]]] = [:]
        var totals: [String: Int] = [:]
        var finished = Set<String>()
        var cursor = min(end, index.entries.count) - 1
        while cursor >= 0 {
            if let commands, finished.isSuperset(of: commands) { break }
            let kind = index.entries[cursor].kind
            if kind == .commandStart || kind == .output {
                let event = try index.event(cursor)
                if let id = event.payload["command"]?.stringValue, !finished.contains(id), commands?.contains(id) ?? true {
                    if kind == .commandStart {
                        finished.insert(id)
                    } else if case .output(_, let bytes)? = try? SessionEventCodec.decode(type: event.type, payload: event.payload) {
                        chunks[id, default: []].append(bytes)
                        totals[id, default: 0] += bytes.count
                        if totals[id, default: 0] >= maxBytes { finished.insert(id) }
                    }
                }
            }
            cursor -= 1
        }
        var result: [String: [UInt8]] = [:]
        for (id, pieces) in chunks {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(totals[id] ?? 0)
            for piece in pieces.reversed() { bytes += piece }
            if bytes.count > maxBytes { bytes.removeFirst(bytes.count - maxBytes) }
            result[id] = bytes
        }
        return result
    }
}
