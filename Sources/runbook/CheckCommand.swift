import ArgumentParser
import Dispatch
import Foundation
import IncidentLog
import RunbookModel

/// `runbook check FILE [--json]`: reads a runbook and prints its outline, or one JSON object.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read a runbook and print its outline: sections, budgets, commands, checklists, dangers, placeholders.",
        discussion: """
            Exit status: 0 when the runbook can be played (warnings go to stderr), 2 when the file cannot be read \
            as a runbook (missing, a directory, binary, empty, larger than 16 MB).
            """
    )

    @Argument(help: "The Markdown runbook to read.")
    var file: String

    @Flag(help: "Print one JSON object (title, sections tree, stats) instead of the outline.")
    var json = false

    @Flag(name: .long, help: "In the outline, list every command under its section.")
    var commands = false

    func run() throws {
        ProcessMemory.keepFreedMemory()
        let runbook: Runbook
        do {
            runbook = try RunbookParser.load(path: file, intermediates: .keepUntilExit)
        } catch {
            FileHandle.standardError.write(Data("runbook check: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        for diagnostic in runbook.diagnostics {
            FileHandle.standardError.write(Data("runbook check: \(diagnostic)\n".utf8))
        }
        // The process exits right after: freeing a large parsed tree value by value would only cost time.
        KeptUntilExit.keep(runbook)
        if json {
            var json = OutlineJSON.serialized(runbook)
            json.append(0x0A)
            FileHandle.standardOutput.write(Data(json))
        } else {
            var output = OutlinePrinter(showCommands: commands).renderUTF8(runbook)
            output.append(0x0A)
            FileHandle.standardOutput.write(Data(output))
        }
    }
}

/// The JSON form of `RunbookOutline` that `check --json` prints: the bytes `JSONEncoder` gives with
/// snake_case keys, `.sortedKeys` and `.withoutEscapingSlashes` (keys in UTF-8 order, absent optionals
/// left out, dictionary keys as written), built as IncidentLog `JSONValue`s and written by its
/// serializer. Top-level sections are converted and serialized on all cores, each into its own bytes.
enum OutlineJSON {
    static func serialized(_ runbook: Runbook) -> [UInt8] {
        let sections = runbook.sections
        let pieces = sections.count < 64 ? 1 : 32
        var sectionBytes = [[UInt8]](repeating: [], count: pieces)
        var stats = [RunbookStats?](repeating: nil, count: 1)
        sectionBytes.withUnsafeMutableBufferPointer { piecesBuffer in
            stats.withUnsafeMutableBufferPointer { statsBuffer in
                nonisolated(unsafe) let output = piecesBuffer, stats = statsBuffer
                DispatchQueue.concurrentPerform(iterations: pieces + 1) { piece in
                    guard piece < pieces else {
                        stats[0] = RunbookStats(runbook)
                        return
                    }
                    var bytes: [UInt8] = []
                    let range = (piece * sections.count / pieces)..<((piece + 1) * sections.count / pieces)
                    bytes.reserveCapacity(2048 * range.count)
                    for index in range {
                        if index > 0 { bytes.append(UInt8(ascii: ",")) }
                        let section = OutlineSection(sections[index])
                        value(section).serialize(into: &bytes)
                        KeptUntilExit.keep(section)   // freed with the process
                    }
                    output[piece] = bytes
                }
            }
        }
        // Members in the order JSONEncoder's `.sortedKeys` puts their snake_case names.
        var members: [(String, JSONValue)] = [
            ("alternative_groups", .array(runbook.alternativeGroups.map(value))),
        ]
        if let budget = runbook.budget { members.append(("budget", value(budget))) }
        members.append(("diagnostics", .array(runbook.diagnostics.map(value))))
        members.append(("metadata", .object(runbook.metadataByKey.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { ($0.key, .string($0.value)) })))
        if let path = runbook.path { members.append(("path", .string(path))) }
        let sectionsIndex = members.count
        members.append(("sections", .array([])))
        members.append(("stats", value(stats[0]!)))
        if let title = runbook.title { members.append(("title", .string(title))) }

        // Everything up to the sections array, the pieces, then the rest.
        var out: [UInt8] = []
        out.reserveCapacity(sectionBytes.reduce(4096) { $0 + $1.count })
        JSONValue.object(Array(members[..<sectionsIndex])).serialize(into: &out)
        out.removeLast()   // }
        if sectionsIndex > 0 { out.append(UInt8(ascii: ",")) }
        JSONValue.string("sections").serialize(into: &out)
        out.append(contentsOf: Array(":[".utf8))
        for piece in sectionBytes { out.append(contentsOf: piece) }
        out.append(UInt8(ascii: "]"))
        for member in members[(sectionsIndex + 1)...] {
            out.append(UInt8(ascii: ","))
            JSONValue.string(member.0).serialize(into: &out)
            out.append(UInt8(ascii: ":"))
            member.1.serialize(into: &out)
        }
        out.append(UInt8(ascii: "}"))
        KeptUntilExit.keep(sectionBytes)
        return out
    }

    private static func int(_ value: Int) -> JSONValue { .int(Int64(value)) }

    private static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    private static func value(_ section: OutlineSection) -> JSONValue {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(14)
        if let budget = section.budget { members.append(("budget", value(budget))) }
        members.append(("checklist_items", int(section.checklistItems)))
        members.append(("children", .array(section.children.map(value))))
        members.append(("commands", .array(section.commands.map(value))))
        members.append(("countdowns", .array(section.countdowns.map(value))))
        members.append(("decision_tables", int(section.decisionTables)))
        members.append(("id", .string(section.id)))
        members.append(("level", int(section.level)))
        members.append(("line", int(section.line)))
        members.append(("manual_steps", int(section.manualSteps)))
        members.append(("tables", int(section.tables)))
        members.append(("templates", int(section.templates)))
        members.append(("title", .string(section.title)))
        if let warning = section.warning { members.append(("warning", .string(warning))) }
        return .object(members)
    }

    private static func value(_ command: OutlineCommand) -> JSONValue {
        var members: [(String, JSONValue)] = [("dangers", strings(command.dangers)), ("end_line", int(command.endLine))]
        if let label = command.label { members.append(("label", .string(label))) }
        members.append(("line", int(command.line)))
        members.append(("placeholders", strings(command.placeholders)))
        members.append(("script", .bool(command.script)))
        members.append(("text", .string(command.text)))
        return .object(members)
    }

    private static func value(_ budget: TimeBudget) -> JSONValue {
        .object([
            ("kind", .string(budget.kind.rawValue)), ("max_seconds", int(budget.maxSeconds)),
            ("min_seconds", int(budget.minSeconds)), ("text", .string(budget.text)),
        ])
    }

    private static func value(_ group: AlternativeGroup) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let parentID = group.parentID { members.append(("parent_id", .string(parentID))) }
        members.append(("reason", .string(group.reason.rawValue)))
        members.append(("section_i_ds", strings(group.sectionIDs)))
        return .object(members)
    }

    private static func value(_ diagnostic: Diagnostic) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let line = diagnostic.line { members.append(("line", int(line))) }
        members.append(("message", .string(diagnostic.message)))
        if let path = diagnostic.path { members.append(("path", .string(path))) }
        members.append(("severity", .string(diagnostic.severity.rawValue)))
        return .object(members)
    }

    private static func value(_ stats: RunbookStats) -> JSONValue {
        .object([
            ("alternative_groups", int(stats.alternativeGroups)), ("budgets", int(stats.budgets)),
            ("checklist_items", int(stats.checklistItems)), ("commands", int(stats.commands)),
            ("countdowns", int(stats.countdowns)), ("dangerous_commands", int(stats.dangerousCommands)),
            ("decision_tables", int(stats.decisionTables)), ("fill_ins", int(stats.fillIns)),
            ("manual_steps", int(stats.manualSteps)), ("placeholders", strings(stats.placeholders)),
            ("runnable_blocks", int(stats.runnableBlocks)), ("scripts", int(stats.scripts)),
            ("sections", int(stats.sections)), ("tables", int(stats.tables)), ("templates", int(stats.templates)),
        ])
    }
}

/// Values a command keeps alive until the process exits, so they are never deallocated.
private final class KeptUntilExit<Value> {
    let value: Value

    private init(_ value: Value) { self.value = value }

    /// Retains a copy of `value` for the rest of the process.
    static func keep(_ value: Value) {
        _ = Unmanaged.passRetained(KeptUntilExit(value))
    }
}

/// Allocator settings for a one-shot run over a large runbook.
private enum ProcessMemory {
    /// Keeps memory the parser frees in the process for its next allocations, instead of returning it
    /// to the kernel and faulting fresh pages in again (large blocks would otherwise be mapped and
    /// unmapped one by one). The process exits right after, so nothing is held for long.
    static func keepFreedMemory() {
        #if canImport(Glibc)
        // glibc's mallopt (declared in <malloc.h>, which Swift's Glibc module does not import).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3   // M_* in <malloc.h>
        _ = mallopt(mmapThreshold, 32 << 20)   // glibc's maximum
        _ = mallopt(trimThreshold, 512 << 20)
        _ = mallopt(topPad, 64 << 20)
        #endif
    }
}
