import Testing
@testable import RunbookModel

@Suite("Commands, placeholders and dangers in a runbook")
struct CommandModelTests {
    private func code(_ markdown: String) -> [CodeBlock] {
        RunbookParser.parse(markdown).allSections.flatMap(\.blocks).compactMap {
            if case .code(let code) = $0 { return code }
            return nil
        } + RunbookParser.parse(markdown).preamble.compactMap {
            if case .code(let code) = $0 { return code }
            return nil
        }
    }

    @Test func bashBlockIsSplitIntoLabelledCommandsWithSourceLines() {
        let blocks = code("""
            ## Kubernetes
            ```bash
            # 1. Check current state
            kubectl get deployment $SERVICE -o wide
            kubectl rollout history deployment/$SERVICE

            # 2. Rollback
            kubectl rollout undo deployment/$SERVICE
            ```
            """)
        let commands = blocks[0].commands
        #expect(commands.map(\.text) == [
            "kubectl get deployment $SERVICE -o wide",
            "kubectl rollout history deployment/$SERVICE",
            "kubectl rollout undo deployment/$SERVICE",
        ])
        #expect(commands.map(\.label) == ["1. Check current state", "1. Check current state", "2. Rollback"])
        #expect(commands.map(\.line) == [4, 5, 8])
        #expect(blocks[0].line == 2)
        #expect(blocks[0].bodyLine == 3)
    }

    @Test func chatMessageInBashFenceIsNotRunnable() {
        let blocks = code("## Notify\n```bash\n\"Rolling back order-service now, ETA 5 minutes\"\n```\n")
        #expect(blocks[0].role == .template)
        #expect(blocks[0].commands.isEmpty)
    }

    @Test func untaggedFenceRunsOnlyWhenItLooksLikeShell() {
        let blocks = code("""
            ## A
            ```
            kubectl get pods -n prod
            curl -s https://api.example.com/health
            ```

            ```
            Rollback Decision: v2.1.0

            Time: [Timestamp]
            Decided by: [Name]
            ```
            """)
        #expect(blocks.map(\.role) == [.runnable, .template])
    }

    @Test func scriptBlockRunsOnlyAsAWholeAndKeepsItsAssignmentsLocal() {
        let blocks = code("""
            ## Automation
            ```bash
            #!/bin/bash
            # rollback.sh
            SERVICE=$1
            kubectl rollout undo deployment/$SERVICE
            ```

            ```bash
            kubectl get pods -l app=$SERVICE
            ```
            """)
        #expect(blocks[0].isScript)
        #expect(blocks[0].commands.count == 1)
        #expect(blocks[0].commands[0].label == "rollback.sh")
        #expect(blocks[0].commands[0].placeholders.isEmpty)
        #expect(blocks[0].commands[0].line == 3)
        #expect(blocks[0].commands[0].endLine == 6)
        #expect(blocks[1].commands[0].placeholders == [Placeholder(name: "SERVICE", syntax: .variable)])
    }

    @Test func variablesAssignedEarlierAreNotPlaceholders() {
        let runbook = RunbookParser.parse("""
            ## Setup
            ```bash
            export NAMESPACE=prod
            STABLE=$(kubectl get deploy app -o jsonpath='{.metadata.annotations.stable}')
            ```
            ## Rollback
            ```bash
            kubectl -n $NAMESPACE set image deploy/app app=$STABLE
            kubectl -n $NAMESPACE rollout undo deploy/app --to-revision=<revision>
            pg_restore -d $DATABASE [backup-id]
            echo "$HOME $(date +%s)"
            ```
            """)
        let placeholders = runbook.allCommands.flatMap(\.placeholders)
        #expect(placeholders == [
            Placeholder(name: "revision", syntax: .angle),
            Placeholder(name: "DATABASE", syntax: .variable),
            Placeholder(name: "backup-id", syntax: .square),
        ])
        #expect(RunbookStats(runbook).placeholders == ["revision", "DATABASE", "backup-id"])
    }

    @Test func destructiveCommandsAreFlaggedWithAReason() {
        let runbook = RunbookParser.parse("""
            ## Restore
            ```bash
            kubectl get pods
            kubectl scale deployment app --replicas=0
            dropdb production_db
            ```
            """)
        let commands = runbook.allCommands
        #expect(!commands[0].isDangerous)
        #expect(commands[1].isDangerous)
        #expect(commands[2].isDangerous)
        #expect(commands[2].dangers.contains { $0.reason.lowercased().contains("drop") })
    }

    @Test func sectionWarningsFlagTheirCommandsAndTheirSubsections() {
        let runbook = RunbookParser.parse("""
            ## Phase 3: Database Rollback
            ⚠️ **DANGEROUS - Only if application rollback insufficient**
            ### 3.2 Migrations
            ```bash
            psql -c "SELECT 1"
            ```
            ## Phase 4: Verify
            ```bash
            psql -c "SELECT 1"
            ```
            """)
        let phase3 = runbook.sections[0]
        #expect(phase3.warning != nil)
        let inner = phase3.children[0].commands[0]
        #expect(inner.dangers.map(\.pattern) == ["section warning"])
        #expect(runbook.sections[1].commands[0].dangers.isEmpty)
    }

    @Test func consoleBlocksDropPrompts() {
        let blocks = code("## Check\n```console\n$ kubectl get pods\nNAME   READY\napp-1  1/1\n$ echo done\ndone\n```\n")
        #expect(blocks[0].commands.map(\.text) == ["kubectl get pods", "echo done"])
        #expect(blocks[0].commands[0].expectedOutput == "NAME   READY\napp-1  1/1")
    }

    @Test func commentOnlyGroupsAreManualSteps() {
        let blocks = code("## Verify\n```bash\n# Step 4: Confirm users see the old version\n# Check the dashboard\n\ncurl https://x/health\n```\n")
        #expect(blocks[0].manualSteps.map(\.line) == [3])
        #expect(blocks[0].commands.map(\.text) == ["curl https://x/health"])
    }
}
