import Foundation

extension LogIndex {
    /// Reads from `scannedLength` to the end of the file, adding an entry per complete event line.
    /// A last line without a newline is not consumed; with `warnTornTail` it is also reported.
    /// Entries found before a bad line are kept when the bad line throws.
    mutating func scan(warnTornTail: Bool) throws {
        try file.forEachLine(from: scannedLength, firstLine: nextLine) { line in
            guard line.terminated else {
                if warnTornTail {
                    tornWarning = (warnings.count, line.number)
                    warn(line.number, IncidentLogReader.tornLineMessage(line.number))
                }
                return
            }
            try consume(line)
            scannedLength = line.offset + line.bytes.count + 1
            nextLine = line.number + 1
        }
        if let torn = tornWarning, nextLine > torn.line {
            warnings.remove(at: torn.position)
            tornWarning = nil
        }
        if warnTornTail && omittedWarnings > 0 {
            warnings.append("\(omittedWarnings) more warnings not shown")
        }
    }

    /// Indexes one complete line (or skips it as bad).
    private mutating func consume(_ line: RawLine) throws {
        let seq: Int
        let mono: Double
        let kind: EventKind
        if let fast = OutputLineScanner.scan(line.bytes) {
            (seq, mono, kind) = (fast.seq, fast.mono, .output)
        } else {
            switch LogLineDecoder.event(line.bytes) {
            case .success(let event):
                (seq, mono, kind) = (event.seq, event.mono, EventKind(type: event.type))
            case .failure(let problem):
                guard skipBad else { throw LogReadError.badLine(path: path, line: line.number, reason: problem.reason) }
                skippedLines.append(line.number)
                warn(line.number, "skipped: \(problem.reason)")
                return
            }
        }
        if let message = IncidentLogReader.seqProblem(seq, after: entries.last?.seq) { warn(line.number, message) }
        if kind.isStepBoundary { boundaries.append(entries.count) }
        entries.append(Entry(seq: seq, offset: Int64(line.offset), length: Int32(line.bytes.count), mono: mono, kind: kind))
    }

    /// Keeps a warning, up to `IncidentLogReader.maximumWarnings`.
    private mutating func warn(_ line: Int, _ message: String) {
        if warnings.count < IncidentLogReader.maximumWarnings {
            warnings.append(LogWarning(line: line, message: message).description)
        } else {
            omittedWarnings += 1
        }
    }
}
