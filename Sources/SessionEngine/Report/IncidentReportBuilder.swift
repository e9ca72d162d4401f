import Foundation
import IncidentLog
import RunbookModel

extension IncidentReport {
    /// Lines of output shown for each failed command.
    public static let excerptLines = 15

    /// The report of a session from its log's header and events (a pure function). `runbook` defaults to
    /// the runbook parsed from the source kept in the header. `logPath` prefixes warnings;
    /// `logWarnings` are the reader's own (torn tail, skipped lines), carried into `warnings`.
    public static func build(
        header: LogHeader, events: [LogEvent], runbook: Runbook? = nil, logPath: String = "log",
        logWarnings: [LogWarning] = []
    ) -> IncidentReport {
        let runbook = runbook ?? RunbookParser.parse(SourceText(
            path: header.runbookPath, text: header.runbookSource, byteCount: header.runbookSource.utf8.count))
        var walk = TimelineWalk(runbook: runbook)
        let contents = LogContents(header: header, events: events, warnings: logWarnings, tornTail: false)
        let (state, warnings) = SessionLog.fold(contents, path: logPath) { walk.add($0, time: $1) }
        let finder = RunbookIndex(runbook: runbook)
        let sections = sectionSummaries(state: state, finder: finder)
        let commands = walk.commandOrder.compactMap { walk.summaries[$0] }
        let failed = commands.map(\.lastRun).filter { $0.outcome != .succeeded }
        let session = SessionSummary(
            runbookTitle: state.runbookTitle.isEmpty ? (runbook.title ?? header.runbookPath) : state.runbookTitle,
            runbookPath: header.runbookPath, runbookSHA256: header.runbookSHA256, sessionID: header.sessionID,
            mode: header.mode, front: walk.front, host: header.host, user: header.user,
            toolVersion: header.toolVersion, startedAt: header.startedAt,
            endedAt: state.ended ? walk.endedAt : nil, endReason: state.endReason,
            durationSeconds: state.ended ? (walk.endedMono ?? state.clock) : state.clock, budget: runbook.budget,
            resumes: walk.resumes, logRepairs: state.logRepairs)
        return IncidentReport(
            session: session, timeline: walk.entries, sections: sections, commands: commands,
            variables: state.variables.map { name, value in
                VariableSummary(name: name, value: value.secret ? nil : value.value, secret: value.secret, setAt: value.setAt)
            }.sorted { ($0.setAt, $0.name) < ($1.setAt, $1.name) },
            failedAndSkipped: FailedAndSkipped(
                failedCommands: failed,
                notRun: finder.notRun(sections: sections, state: state),
                uncheckedItems: finder.unchecked(sections: sections, state: state),
                alternativesNotTaken: finder.alternativesNotTaken(entered: Set(state.sections.keys))),
            excerpts: failed.compactMap { run in
                guard let tail = walk.tails[run.commandID], !tail.bytes.isEmpty else { return nil }
                let (lines, omitted) = tail.lastLines(excerptLines)
                return lines.isEmpty ? nil : OutputExcerpt(commandID: run.commandID, line: run.line, lines: lines, omittedLines: omitted)
            },
            warnings: warnings)
    }

    /// Entered sections in the order first entered, with time spent up to the end of the log.
    private static func sectionSummaries(state: SessionState, finder: RunbookIndex) -> [SectionSummary] {
        state.sections.values
            .sorted { ($0.firstEnteredAt ?? 0, $0.id) < ($1.firstEnteredAt ?? 0, $1.id) }
            .map { progress in
                let section = finder.sections[progress.id]
                return SectionSummary(
                    id: progress.id, title: progress.title.isEmpty ? (section?.title ?? "") : progress.title,
                    line: section?.line, visits: progress.visits, firstEnteredAt: progress.firstEnteredAt ?? 0,
                    timeSpent: state.timeSpent(inSection: progress.id, now: state.clock), budget: section?.budget)
            }
    }
}

/// Walks the decoded events once, building timeline entries and pairing command starts with ends.
private struct TimelineWalk {
    let index: RunbookIndex
    var entries: [TimelineEntry] = []
    var front = ""
    var resumes: [ResumeSummary] = []
    var endedAt: Date?
    var endedMono: Double?
    var summaries: [String: CommandSummary] = [:]
    var commandOrder: [String] = []
    var tails: [String: OutputTail] = [:]
    /// Timeline index of each command run that has no end yet.
    private var openRuns: [String: Int] = [:]
    /// Timeline index and start of the section visit in progress.
    private var openVisit: (entry: Int, at: Double)?
    private var timerStarts: [String: Double] = [:]
    private var checkedTexts: [String: String] = [:]

    init(runbook: Runbook) { index = RunbookIndex(runbook: runbook) }

    mutating func add(_ timed: TimedEvent, time: Date) {
        let at = timed.mono
        func append(_ kind: TimelineEntry.Kind) { entries.append(TimelineEntry(at: at, time: time, kind: kind)) }
        switch timed.event {
        case .sessionStart(let start):
            front = start.front
            append(.sessionStart(front: start.front))
        case .sectionEnter(let id, let title):
            closeVisit(at: at)
            openVisit = (entries.count, at)
            append(.sectionEnter(sectionID: id, title: title.isEmpty ? (index.sections[id]?.title ?? "") : title,
                                 visitSeconds: nil, budget: index.sections[id]?.budget))
        case .commandStart(let start):
            let run = CommandRun(
                commandID: start.commandID, line: start.line, sectionID: start.sectionID, label: start.label,
                text: start.text, outcome: .running, exitCode: nil, signal: nil, durationSeconds: nil, outputBytes: 0)
            openRuns[start.commandID] = entries.count
            tails[start.commandID] = OutputTail()
            append(.command(run))
            update(run, started: at)
        case .output(let id, let bytes):
            tails[id, default: OutputTail()].append(bytes)
            if let entry = openRuns[id] { mutateRun(entry) { $0.outputBytes += bytes.count } }
        case .commandEnd(let end):
            guard let entry = openRuns.removeValue(forKey: end.commandID) else { return }
            mutateRun(entry) { run in
                run.exitCode = end.exitCode
                run.signal = end.signal
                run.durationSeconds = end.durationSeconds
                run.outcome = end.succeeded ? .succeeded
                    : end.timedOut ? .timedOut
                    : end.interrupted ? .interrupted
                    : end.signal != nil ? .signalled
                    : .failed
            }
        case .check(let id, let text):
            checkedTexts[id] = text
            append(.check(itemID: id, text: text.isEmpty ? (index.itemTexts[id] ?? id) : text))
        case .uncheck(let id):
            append(.uncheck(itemID: id, text: index.itemTexts[id] ?? checkedTexts[id] ?? id))
        case .variableSet(let name, let value, let secret):
            append(.variableSet(name: name, value: secret ? nil : value))
        case .note(let text):
            append(.note(text: text))
        case .decision(let group, let choice, let rationale):
            append(.decision(groupID: group, choice: choice, rationale: rationale))
        case .timerStart(let id, let kind, let seconds):
            timerStarts[id] = at
            append(.timerStart(timerID: id, kind: kind, seconds: seconds))
        case .timerStop(let id):
            append(.timerStop(timerID: id, ranSeconds: timerStarts.removeValue(forKey: id).map { at - $0 }))
        case .resume(let host, let user):
            // A command with no end when the player died did not finish.
            for entry in openRuns.values { mutateRun(entry) { $0.outcome = .abandoned } }
            openRuns = [:]
            endedAt = nil
            endedMono = nil
            resumes.append(ResumeSummary(at: at, time: time, host: host, user: user))
            append(.resume(host: host, user: user))
        case .sessionEnd(let reason):
            closeVisit(at: at)
            endedAt = time
            endedMono = at
            append(.sessionEnd(reason: reason))
        case .logRepaired(let line, let bytes):
            append(.logRepaired(line: line, bytes: bytes))
        case .unknown:
            break   // warned about once by SessionLog.fold
        }
    }

    private mutating func closeVisit(at now: Double) {
        guard let (entry, start) = openVisit else { return }
        openVisit = nil
        if case .sectionEnter(let id, let title, _, let budget) = entries[entry].kind {
            entries[entry].kind = .sectionEnter(sectionID: id, title: title, visitSeconds: max(0, now - start), budget: budget)
        }
    }

    private mutating func mutateRun(_ entry: Int, _ change: (inout CommandRun) -> Void) {
        guard case .command(var run) = entries[entry].kind else { return }
        change(&run)
        entries[entry].kind = .command(run)
        update(run, started: nil)
    }

    /// Keeps the command's summary in step with its latest run.
    private mutating func update(_ run: CommandRun, started: Double?) {
        if var summary = summaries[run.commandID] {
            summary.lastRun = run
            if started != nil { summary.runs += 1 }
            summaries[run.commandID] = summary
        } else {
            commandOrder.append(run.commandID)
            summaries[run.commandID] = CommandSummary(lastRun: run, runs: 1, firstStartedAt: started ?? 0)
        }
    }
}
