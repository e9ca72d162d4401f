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
        let runbook: Runbook
        do {
            runbook = try RunbookParser.load(path: file)
        } catch {
            FileHandle.standardError.write(Data("runbook check: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        for diagnostic in runbook.diagnostics {
            FileHandle.standardError.write(Data("runbook check: \(diagnostic)\n".utf8))
        }
        let outline = RunbookOutline(runbook)
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(outline)
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        } else {
            var output = OutlinePrinter(showCommands: commands).render(outline)
            output.append("\n")
            FileHandle.standardOutput.write(Data(output.utf8))
        }
    }
}
