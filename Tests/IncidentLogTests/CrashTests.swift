import Foundation
import Testing
@testable import IncidentLog

/// Kills a real writer process with SIGKILL at random moments and checks what it leaves behind.
///
/// Needs a helper executable that runs `LogCrashDrill.run(path:seed:)`: `logtool crash-drill PATH SEED`
/// found next to the test binary, or any command given in `INCIDENTLOG_CRASH_HELPER` (words separated by
/// spaces; PATH and SEED are appended), e.g. `INCIDENTLOG_CRASH_HELPER="/path/to/runbook __log-crash-drill"`.
/// Without one the test is skipped; `TruncationTests` covers the same states without a process.
@Suite("Crash: kill -9 of a writing process")
struct CrashTests {
    static let helper: [String]? = {
        if let command = ProcessInfo.processInfo.environment["INCIDENTLOG_CRASH_HELPER"], !command.isEmpty {
            return command.split(separator: " ").map(String.init)
        }
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("logtool").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return [candidate, "crash-drill"] }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    @Test(.enabled(if: CrashTests.helper != nil, "needs a crash-drill helper executable"))
    func killedWriterLeavesAReadableVerifiableLog() throws {
        let helper = try #require(CrashTests.helper)
        let path = TestFiles.directory() + "/crash.jsonl"
        var random = SplitMix64(seed: UInt64(Date().timeIntervalSince1970 * 1000))
        var previousEvents = 0
        var tornTails = 0
        for round in 0..<12 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: helper[0])
            process.arguments = Array(helper.dropFirst()) + [path, String(random.next() % 1_000_000)]
            let ready = Pipe()
            process.standardOutput = ready
            try process.run()
            // Wait until the helper has the log open, then kill it at a random moment while it writes.
            let greeting = ready.fileHandleForReading.readData(ofLength: 6)
            #expect(String(decoding: greeting, as: UTF8.self) == "ready\n", "round \(round)")
            usleep(useconds_t(20_000 + random.next() % 300_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round)")

            let contents = try IncidentLogReader.read(path: path)
            #expect(contents.events.map(\.seq) == (0..<contents.events.count).map { $0 + 1 }, "round \(round)")
            #expect(contents.events.count >= previousEvents, "round \(round)")
            previousEvents = contents.events.count
            if contents.tornTail {
                tornTails += 1
                #expect(contents.warnings.count == 1, "round \(round): \(contents.warnings)")
                let verified = IncidentLogVerifier.verify(path: path)
                guard case .broken(let line, let reason) = verified else { Issue.record("round \(round): \(verified)"); continue }
                #expect(line == contents.events.count + 2 && reason.contains("incomplete"), "round \(round): \(verified)")
            } else {
                #expect(contents.warnings.isEmpty, "round \(round): \(contents.warnings)")
                #expect(IncidentLogVerifier.verify(path: path) == .ok(events: contents.events.count), "round \(round)")
            }
            // Lossless output: every output event decodes.
            for event in contents.events where event.type == LogEvent.outputType {
                #expect(event.outputData != nil)
            }
        }
        #expect(previousEvents > 0)
        let (writer, _) = try IncidentLogWriter.reopen(at: path)
        try writer.close()
        let final = IncidentLogVerifier.verify(path: path)
        guard case .ok(let events) = final else { Issue.record("\(final)"); return }
        #expect(events >= previousEvents)
        print("crash test: \(events) events after 12 kills, \(tornTails) torn tails repaired")
    }
}
