import Foundation
import RunbookModel
import SessionEngine
@testable import TerminalUI

/// Runbooks and snapshot files for the section-pane tests.
enum SectionFixtures {
    /// /work/main (the package root), from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// ../shared/seeds next to the package: real runbooks, read unedited; may be absent.
    static let seeds = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    static let snapshots = packageRoot.appendingPathComponent("Tests/TerminalUITests/Snapshots/section")

    static let seed001 = "001_e20487285c8cb3df.txt"
    static let seed003 = "003_35ec17c389957b8f.txt"
    static let seedsPresent = FileManager.default.fileExists(atPath: seeds.appendingPathComponent(seed001).path)
        && FileManager.default.fileExists(atPath: seeds.appendingPathComponent(seed003).path)

    static func seed(_ name: String) throws -> Runbook {
        try RunbookParser.load(path: seeds.appendingPathComponent(name).path)
    }

    static func playbook(_ name: String) throws -> Runbook {
        try RunbookParser.load(path: packageRoot.appendingPathComponent("playbooks/" + name).path)
    }

    /// The whole document drawn into a grid as tall as it is: what a snapshot stores.
    static func draw(_ document: SectionDocument, width: Int, selectedItem: Int? = nil) -> CellGrid {
        var grid = CellGrid(rows: document.lines.count, cols: width)
        document.render(
            into: &grid, rect: grid.bounds, scroll: 0, selectedItem: selectedItem, focused: true, theme: .standard)
        return grid
    }

    /// Compares `lines` with the stored snapshot `name` in `directory`; records it instead when UPDATE_SNAPSHOTS=1 or
    /// when it does not exist yet. Returns a failure message, or nil when they match.
    static func compare(_ lines: [String], snapshot name: String, in directory: URL = snapshots) throws -> String? {
        let file = directory.appendingPathComponent(name + ".txt")
        let text = lines.joined(separator: "\n") + "\n"
        let update = ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1"
        if update || !FileManager.default.fileExists(atPath: file.path) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return nil
        }
        let stored = try String(contentsOf: file, encoding: .utf8)
        guard stored != text else { return nil }
        let old = stored.split(separator: "\n", omittingEmptySubsequences: false)
        let new = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        let expected = first < old.count ? String(old[first]) : "(end)"
        let actual = first < new.count ? String(new[first]) : "(end)"
        return "snapshot \(name) differs at line \(first + 1):\n  stored: \(expected)\n  now:    \(actual)\n"
            + "(run with UPDATE_SNAPSHOTS=1 to record)"
    }

    /// A session in which `ran` commands finished (exit code, seconds) and `checked` items are ticked.
    static func state(ran: [(Command, Int32, Double)] = [], running: Command? = nil, checked: [ListItem] = []) -> SessionState {
        var state = SessionState()
        for (command, exit, seconds) in ran {
            var record = CommandRecord(id: Session.commandID(command))
            record.status = exit == 0 ? .succeeded : .failed
            record.exitCode = exit
            record.duration = seconds
            state.commands[record.id] = record
        }
        if let running {
            var record = CommandRecord(id: Session.commandID(running))
            record.status = .running
            state.commands[record.id] = record
            state.runningCommandID = record.id
        }
        for item in checked { state.checked.insert(Session.itemID(item)) }
        return state
    }
}
