import Foundation
import Testing

@Suite("runbook export")
struct ExportCommandTests {
    /// A log written by `runbook run` on a two-command runbook, in a fresh directory.
    private func recordedLog() throws -> (dir: URL, log: String) {
        let dir = try BinaryRunner.temporaryDirectory()
        let book = dir.appendingPathComponent("book.md")
        try """
            # Export demo
            ## Greet
            ```bash
            printf 'caf\\303\\251 \\033[32mgreen\\033[0m\\n'
            ```
            ```bash
            echo second
            ```
            """.write(to: book, atomically: true, encoding: .utf8)
        let log = dir.appendingPathComponent("s.jsonl").path
        let run = try BinaryRunner.run(["run", book.path, "--log", log])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        return (dir, log)
    }

    private static let asciinema: String? = ["/usr/bin/asciinema", "/usr/local/bin/asciinema"].first { FileManager.default.isExecutableFile(atPath: $0) }
    private static let script: String? = FileManager.default.isExecutableFile(atPath: "/usr/bin/script") ? "/usr/bin/script" : nil

    @Test func writesAnAsciicastWithCommandsAndOutput() throws {
        let (dir, log) = try recordedLog()
        let cast = dir.appendingPathComponent("s.cast").path
        let result = try BinaryRunner.run(["export", log, "--asciicast", cast])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        let lines = try String(contentsOfFile: cast, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect(header["title"] as? String == "Export demo")
        #expect((header["width"] as? Int ?? 0) > 0 && (header["height"] as? Int ?? 0) > 0)
        var times: [Double] = []
        var text = ""
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            times.append(try #require((event[0] as? NSNumber)?.doubleValue))
            #expect(event[1] as? String == "o")
            text += try #require(event[2] as? String)
        }
        #expect(times == times.sorted())
        #expect(text.contains("\u{1B}[1m$ printf"))
        #expect(text.contains("café \u{1B}[32mgreen\u{1B}[0m"))
        #expect(text.contains("$ echo second\u{1B}[0m\r\nsecond"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".partial") }.isEmpty)
    }

    @Test(.enabled(if: ExportCommandTests.asciinema != nil && ExportCommandTests.script != nil, "needs asciinema and script"))
    func asciinemaCatPrintsTheRecording() throws {
        let (dir, log) = try recordedLog()
        let cast = dir.appendingPathComponent("s.cast").path
        #expect(try BinaryRunner.run(["export", log, "--asciicast", cast, "--idle-limit", "0.5"]).status == 0)
        // asciinema 2.2 `cat` opens /dev/tty, so it runs under script(1) in a pseudo-terminal.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(ExportCommandTests.script))
        process.arguments = ["-qec", "\(try #require(ExportCommandTests.asciinema)) cat '\(cast)'", "/dev/null"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let printed = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.contains("café \u{1B}[32mgreen"))
        #expect(printed.contains("second"))
        #expect(!printed.contains("printing failed"))
    }

    @Test func standardOutputAndMarkers() throws {
        let (_, log) = try recordedLog()
        let result = try BinaryRunner.run(["export", log, "--asciicast", "-", "--markers"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("{\"version\":2,"))
        #expect(result.stdout.contains(",\"m\",\"$ echo second\"]"))
        #expect(result.stdout.contains(",\"m\",\"Greet\"]"))
    }

    @Test func badInputsExit2WithOneLine() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        let empty = dir.appendingPathComponent("empty.jsonl").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        let markdown = dir.appendingPathComponent("book.md").path
        try "# Not a log\n".write(toFile: markdown, atomically: true, encoding: .utf8)
        let missing = dir.appendingPathComponent("missing.jsonl").path
        let cases: [(String, String)] = [
            (empty, "\(empty): the file is empty"),
            (markdown, "\(markdown):1: not a runbook incident log"),
            (missing, "\(missing): cannot open: No such file or directory"),
        ]
        for (input, message) in cases {
            let cast = dir.appendingPathComponent("out.cast").path
            let result = try BinaryRunner.run(["export", input, "--asciicast", cast])
            #expect(result.status == 2, "\(input): \(result.stderr)")
            #expect(result.stderr.hasPrefix("runbook export: \(message)"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cast))
        }
        let (_, log) = try recordedLog()
        let badLimit = try BinaryRunner.run(["export", log, "--asciicast", "-", "--idle-limit", "0"])
        #expect(badLimit.status == 2)
        #expect(badLimit.stderr == "runbook export: --idle-limit 0.0 must be a number of seconds above 0\n")
        let unwritable = try BinaryRunner.run(["export", log, "--asciicast", dir.appendingPathComponent("no/such/dir.cast").path])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot create the file"))
    }
}
