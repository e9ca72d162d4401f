import RunbookModel
import SessionEngine

/// Works out each section's `ProgressStatus` from the session state: a pure function of the runbook
/// and the state, so the outline of a live session, a resumed one and a replay agree.
///
/// - running: one of its commands (or a sub-section's) is running;
/// - failed / interrupted: the last run of one of its commands failed / was interrupted;
/// - done: it has commands or checklist items and all succeeded / are ticked; a section with neither
///   is done once visited (and all its sub-sections are done);
/// - in progress: something ran or was ticked, or the operator entered it;
/// - skipped: not started while another alternative of its group was taken.
public struct SectionProgressResolver {
    private let state: SessionState
    private var cache: [String: ProgressStatus] = [:]

    public init(runbook: Runbook, state: SessionState) {
        self.state = state
        self.taken = DecisionKey.takenSections(state)
        var alternatives: [String: [String]] = [:]
        for group in runbook.alternativeGroups {
            for id in group.sectionIDs { alternatives[id] = group.sectionIDs.filter { $0 != id } }
        }
        var sectionsByID: [String: Section] = [:]
        for section in runbook.allSections { sectionsByID[section.id] = section }
        for section in runbook.sections { _ = resolve(section) }
        // Alternatives not taken while another one was: skipped, with their sub-sections. Then again,
        // so parents of a choice count a skipped alternative as settled.
        var skipped: Set<String> = []
        for (id, others) in alternatives where cache[id] == .notStarted {
            if others.contains(where: { cache[$0].map { $0 != .notStarted } ?? false }) {
                Self.collect(sectionsByID[id], into: &skipped)
            }
        }
        if !skipped.isEmpty {
            self.skipped = skipped
            cache = [:]
            for section in runbook.sections { _ = resolve(section) }
        }
    }

    private var skipped: Set<String> = []
    /// Sections chosen by a decision: they count as started, their alternatives as skipped.
    private var taken: Set<String> = []

    private static func collect(_ section: Section?, into set: inout Set<String>) {
        guard let section else { return }
        set.insert(section.id)
        for child in section.children { collect(child, into: &set) }
    }

    /// The status of the section with `id` (not started when unknown).
    public func status(_ id: String) -> ProgressStatus { cache[id] ?? .notStarted }

    /// The status of one command, from its last run.
    public static func status(of command: Command, in state: SessionState) -> ProgressStatus {
        guard let record = state.commands[Session.commandID(command)] else { return .notStarted }
        switch record.status {
        case .notStarted: return .notStarted
        case .running: return .running
        case .succeeded: return .done
        case .failed: return .failed
        case .interrupted, .timedOut, .abandoned: return .interrupted
        }
    }

    private mutating func resolve(_ section: Section) -> ProgressStatus {
        let children = section.children.map { resolve($0) }
        if skipped.contains(section.id) {
            cache[section.id] = .skipped
            return .skipped
        }
        let commands = section.blocks.flatMap(\.commands).map { Self.status(of: $0, in: state) }
        let items = section.blocks.flatMap(\.checklistItems)
        let ticked = items.filter { state.checked.contains(Session.itemID($0)) }.count
        let own = commands + children
        let status: ProgressStatus
        if own.contains(.running) {
            status = .running
        } else if own.contains(.failed) {
            status = .failed
        } else if own.contains(.interrupted) {
            status = .interrupted
        } else {
            let actionable = !commands.isEmpty || !items.isEmpty
            let ownDone = commands.allSatisfy { $0 == .done } && ticked == items.count
            let childrenDone = children.allSatisfy { $0 == .done || $0 == .skipped }
            let visited = state.sections[section.id] != nil || taken.contains(section.id)
            let touched = commands.contains(.done) || ticked > 0 || visited
                || children.contains { $0 != .notStarted && $0 != .skipped }
            let done: Bool
            if actionable {
                done = ownDone && childrenDone
            } else if !children.isEmpty {
                done = childrenDone && children.contains(.done)
            } else {
                done = visited
            }
            if done {
                status = .done
            } else if touched {
                status = .inProgress
            } else {
                status = .notStarted
            }
        }
        cache[section.id] = status
        return status
    }
}
