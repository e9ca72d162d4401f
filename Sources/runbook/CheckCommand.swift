import ArgumentParser
import Foundation
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
            let outline = RunbookOutline(runbook)
            KeptUntilExit.keep(outline)
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(outline)
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        } else {
            var output = OutlinePrinter(showCommands: commands).render(runbook)
            output.append("\n")
            FileHandle.standardOutput.write(Data(output.utf8))
        }
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
