import ArgumentParser
import Foundation
import IncidentLog

/// `runbook export LOG --asciicast FILE`: turns an incident log's terminal output into an asciicast v2
/// recording that `asciinema play`/`cat` and web players can show.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export an incident log's terminal output as an asciicast v2 recording.",
        discussion: """
            Every output event becomes an "o" event at its time in the session, and each command is \
            introduced by a bold "$ command" line. Width and height come from the terminal size the log \
            recorded. Warnings (a torn last line, skipped lines) go to stderr. Exit status: 0 when written, \
            2 when the log cannot be read or the file cannot be written.
            """
    )

    @Argument(help: "The incident log (.jsonl).")
    var logPath: String

    @Option(name: .customLong("asciicast"), help: "Write the recording here ('-' for standard output).")
    var asciicast: String

    @Option(name: .customLong("idle-limit"), help: "Shorten every pause longer than this many seconds to it (like asciinema -i).")
    var idleLimit: Double?

    @Flag(help: "Also write \"m\" marker events for sections, commands, checks, decisions and notes (asciinema 2.3+; 2.2 skips them).")
    var markers = false

    @Flag(name: .customLong("skip-bad"), help: "Skip lines that are not valid events (with a warning) instead of stopping.")
    var skipBad = false

    func run() throws {
        if let idleLimit, !(idleLimit > 0 && idleLimit.isFinite) {
            CLI.fail("export", "--idle-limit \(idleLimit) must be a number of seconds above 0")
        }
        let index: LogIndex
        do {
            index = try LogIndex.build(path: logPath, skipBad: skipBad)
        } catch {
            CLI.failReading("export", error, skipBad: skipBad)
        }
        for warning in index.warnings { CLI.note("export", "warning: \(logPath): \(warning)") }
        let output = openOutput()
        var exporter = AsciicastExporter(header: index.header, title: runbookTitle(index), options: .init(idleLimit: idleLimit, markers: markers))
        var writer = LineSink(handle: output.handle)
        do {
            try writer.write(exporter.headerLine())
            for i in index.entries.indices {
                let event: LogEvent
                do {
                    event = try index.event(i)
                } catch let error as LogReadError {
                    guard skipBad, case .badLine = error else { throw error }
                    CLI.note("export", "warning: \(error); skipped")
                    continue
                }
                for line in exporter.lines(for: event) { try writer.write(line) }
            }
            for line in exporter.finish() { try writer.write(line) }
            try writer.flush()
        } catch let error as LogReadError {
            discard(output)
            CLI.fail("export", "\(error)")
        } catch {
            discard(output)
            CLI.fail("export", "\(asciicast): cannot write the file: \(error.localizedDescription)")
        }
        for warning in exporter.warnings { CLI.note("export", "warning: \(logPath): \(warning)") }
        finish(output)
    }

    /// The title the session recorded in its `session-start` event, else empty (the path is used then).
    private func runbookTitle(_ index: LogIndex) -> String {
        guard let first = index.entries.firstIndex(where: { $0.kind == .sessionStart }),
              let event = try? index.event(first) else { return "" }
        return event.payload["runbook_title"]?.stringValue ?? ""
    }

    /// Where the recording goes: standard output, or a temporary file next to the target, renamed into
    /// place once complete so a failed export never leaves half a recording under the name.
    private func openOutput() -> (handle: FileHandle, temporary: String?) {
        if asciicast == "-" { return (FileHandle.standardOutput, nil) }
        let temporary = asciicast + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            CLI.fail("export", "\(asciicast): cannot create the file: \(String(cString: strerror(errno)))")
        }
        return (handle, temporary)
    }

    private func finish(_ output: (handle: FileHandle, temporary: String?)) {
        guard let temporary = output.temporary else { return }
        do {
            try output.handle.synchronize()
            try output.handle.close()
        } catch {
            discard(output)
            CLI.fail("export", "\(asciicast): cannot write the file: \(error.localizedDescription)")
        }
        if rename(temporary, asciicast) != 0 {
            let reason = String(cString: strerror(errno))
            discard(output)
            CLI.fail("export", "\(asciicast): cannot write the file: \(reason)")
        }
    }

    private func discard(_ output: (handle: FileHandle, temporary: String?)) {
        if let temporary = output.temporary { unlink(temporary) }
    }
}

/// Buffers lines and writes them in large blocks.
private struct LineSink {
    let handle: FileHandle
    private var buffer: [UInt8] = []

    init(handle: FileHandle) { self.handle = handle }

    mutating func write(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
