import Foundation
import IncidentLog
import RunbookModel
import Testing
@testable import SessionEngine

@Suite("Session: log first, state as a fold")
struct SessionLogTests {
    private func temporaryLog() -> String {
        NSTemporaryDirectory() + "runbook-session-\(UUID().uuidString)/s.jsonl"
    }

    private let markdown = """
        # Fold
        ## One
        ```bash
        export X=1
        printf 'a\\033[31mred\\033[0m\\r\\n'
        ```
        - [ ] ticked
        ## Two
        ```bash
        exit 4
        ```
        """

    private func start(_ path: String) throws -> Session {
        let runbook = RunbookParser.parse(markdown, path: "fold.md")
        var options = Session.Options()
        options.directory = NSTemporaryDirectory()
        return try Session.start(runbook: runbook, source: Array(markdown.utf8), logPath: path, options: options)
    }

    @Test func liveStateEqualsTheFoldOfItsOwnLog() throws {
        let path = temporaryLog()
        let session = try start(path)
        let one = session.runbook.sections[0]
        try session.record(.sectionEnter(sectionID: one.id, title: one.title))
        var output: [UInt8] = []
        for command in one.commands {
            let end = try session.run(command, sectionID: one.id, values: PlaceholderValues()) { output += $0 }
            #expect(end.succeeded)
        }
        let item = one.blocks.flatMap(\.checklistItems)[0]
        try session.record(.check(itemID: Session.itemID(item), text: item.text))
        let two = session.runbook.sections[1]
        let failed = try session.run(two.commands[0], sectionID: two.id, values: PlaceholderValues()) { output += $0 }
        #expect(failed.exitCode == 4)
        try session.end(reason: "failed")
        let live = session.state

        let contents = try IncidentLogReader.read(path: path)
        let folded = SessionState.fold(try contents.events.map { try SessionEventCodec.timed($0) })
        #expect(folded == live)
        #expect(folded.commands.values.reduce(0) { $0 + $1.outputBytes } == output.count)
        #expect(folded.checked == ["L7"])
        #expect(folded.commands["L10"]?.status == .failed)
        // Output is byte-exact in the log, escape sequences included.
        let logged = contents.events.compactMap(\.outputData).flatMap(\.data)
        #expect(logged == output)
        #expect(String(decoding: logged, as: UTF8.self).contains("a\u{1B}[31mred\u{1B}[0m\r\r\n"))
    }

    @Test func resumeFoldsTheLogWarnsAboutUnknownEventsAndContinuesTheChain() throws {
        let path = temporaryLog()
        let session = try start(path)
        let one = session.runbook.sections[0]
        try session.run(one.commands[0], sectionID: one.id, values: PlaceholderValues()) { _ in }
        try session.record(.variableSet(name: "SERVICE", value: "orders", secret: false))
        try session.record(.variableSet(name: "DB_PASSWORD", value: "hunter2", secret: true))
        try session.end(reason: "paused")

        // A newer runbook wrote an event type this one does not know.
        let (writer, _) = try IncidentLogWriter.reopen(at: path)
        try writer.append(type: "future-thing", payload: ["x": 1])
        try writer.close()

        let resumed = try Session.resume(logPath: path, options: Session.Options())
        #expect(resumed.warnings.contains { $0.contains("unknown type \"future-thing\"") })
        #expect(resumed.state.commands["L4"]?.status == .succeeded)
        #expect(resumed.state.variables["SERVICE"]?.value == "orders")
        #expect(resumed.state.variables["DB_PASSWORD"]?.value == "")
        #expect(resumed.state.resumes == 1)
        #expect(resumed.runbook.title == "Fold")
        try resumed.end(reason: "completed")
        #expect(IncidentLogVerifier.verify(path: path) == .ok(events: 9))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("hunter2"))
    }

    @Test func placeholderValuesFillTokensAndQuoteWhenNeeded() {
        let command = RunbookParser.parse("## A\n```bash\nkubectl rollout undo deploy/$APP --to-revision=<revision> -l [label-set]\n```\n").allCommands[0]
        let values = PlaceholderValues(["APP": "orders", "revision": "5", "label-set": "app in (a, b)"])
        #expect(values.fill(command) == "kubectl rollout undo deploy/$APP --to-revision=5 -l 'app in (a, b)'")
        #expect(values.environment(for: command) == ["APP": "orders"])
        #expect(values.missing(in: command, environment: [:]).isEmpty)
        #expect(PlaceholderValues().missing(in: command, environment: ["APP": "x"]).map(\.name) == ["revision", "label-set"])
        #expect(PlaceholderValues.shellWord("it's") == "'it'\\''s'")
        #expect(PlaceholderValues.isSecret("DB_PASSWORD"))
        #expect(!PlaceholderValues.isSecret("SERVICE"))
    }

    @Test func runPlanSkipsExcludedBlocksAndLaterAlternatives() {
        let runbook = RunbookParser.parse("""
            # Plan
            ```bash
            echo preamble
            ```
            ## Option A: one
            ```bash
            echo a
            ```
            ## Option B: two
            ```bash
            echo b
            ```
            ## Verify
            ```bash {excludeFromRunAll=true}
            echo slow
            ```
            ```bash
            echo v
            ```
            """)
        let plan = RunPlan(runbook: runbook)
        #expect(plan.steps.map(\.command.text) == ["echo preamble", "echo a", "echo v"])
        #expect(plan.skippedAlternatives.map(\.title) == ["Option B: two"])
        #expect(plan.excluded.map(\.text) == ["echo slow"])
        let picked = RunPlan(runbook: runbook, sectionFilters: ["Option B", "3"])
        #expect(picked.steps.map(\.command.text) == ["echo b", "echo v"])
        #expect(RunPlan(runbook: runbook, sectionFilters: ["zzz"]).unmatchedFilters == ["zzz"])
    }
}
