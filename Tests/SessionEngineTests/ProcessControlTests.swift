import Foundation
import Testing
import SessionEngine
#if canImport(Glibc)
import Glibc
#endif

@Suite("Interrupts, timeouts, resizing, leftovers and the process-group registry")
struct ProcessControlTests {
    @Test func interruptEndsASleepWithinASecond() throws {
        let session = try makeSession()
        let trigger = try InterruptTrigger()
        after(0.3) { trigger.fire() }
        let (ran, seconds) = try timed { try run(session, "sleep 100", interrupt: trigger) }
        // bash waits for sleep, sees it die of SIGINT, runs the EXIT trap, then kills itself with SIGINT.
        #expect(ran.termination == .signaled(SIGINT))
        #expect(ran.result.interrupted)
        #expect(!ran.result.timedOut)
        #expect(seconds < 2)
        #expect(ran.result.stateSaved)
    }

    @Test func aSecondInterruptKillsACommandThatIgnoresSIGINT() throws {
        let session = try makeSession()
        let running = try session.start("trap '' INT; echo armed; sleep 100", size: .standard, timeout: nil)
        let process = running.process
        after(0.3) { process.interrupt() }
        after(0.8) { process.interrupt() }
        var output: [UInt8] = []
        let (result, seconds) = timed { runToCompletion(running) { output += $0 } }
        #expect(String(decoding: output, as: UTF8.self) == "armed\r\n")
        #expect(result.termination == .signaled(SIGKILL))
        #expect(process.interruptCount == 2)
        #expect(seconds > 0.7 && seconds < 5)
    }

    @Test func aTimeoutInterruptsThenKills() throws {
        let session = try makeSession()
        let (polite, politeSeconds) = try timed { try run(session, "sleep 100", timeout: .milliseconds(300)) }
        #expect(polite.result.timedOut)
        #expect(!polite.result.interrupted)
        #expect(polite.termination == .signaled(SIGINT))
        #expect(politeSeconds < 2.5)

        let (stubborn, stubbornSeconds) = try timed { try run(session, "trap '' INT; sleep 100", timeout: .milliseconds(200)) }
        #expect(stubborn.result.timedOut)
        #expect(stubborn.termination == .signaled(SIGKILL))
        #expect(stubbornSeconds > 2.1 && stubbornSeconds < 5)
    }

    @Test func aCommandThatNeverEndsIsStoppedCleanly() throws {
        let session = try makeSession()
        let trigger = try InterruptTrigger()
        after(0.45) { trigger.fire() }
        let ran = try run(session, "while true; do echo x; sleep 0.1; done", interrupt: trigger)
        #expect(ran.termination == .signaled(SIGINT))
        let lines = ran.text.split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 3)
        #expect(lines.dropLast().allSatisfy { $0 == "x" })
        #expect(try run(session, "echo still usable").text == "still usable\r\n")
    }

    @Test func resizingReachesTheCommand() throws {
        let session = try makeSession()
        let running = try session.start("stty size; trap 'stty size; exit 0' WINCH; echo ready; while :; do sleep 0.05; done",
                                         size: TerminalSize(rows: 24, cols: 80), timeout: .seconds(5))
        var output: [UInt8] = []
        var resized = false
        let result = runToCompletion(running) { chunk in
            output += chunk
            if !resized, String(decoding: output, as: UTF8.self).contains("ready") {
                resized = true
                running.process.resize(TerminalSize(rows: 40, cols: 120))
            }
        }
        #expect(result.termination == .exited(0))
        #expect(String(decoding: output, as: UTF8.self) == "24 80\r\nready\r\n40 120\r\n")
        #expect(!result.timedOut)
    }

    @Test func backgroundJobsDoNotOutliveTheirCommand() throws {
        let session = try makeSession()
        let ran = try run(session, "sleep 1001 & echo started")
        #expect(ran.text == "started\r\n")
        #expect(ran.termination == .exited(0))
        #expect(liveProcesses(running: ["sleep", "1001"]).isEmpty)

        // nohup ignores the SIGHUP the kernel sends when the shell exits: finish() must end it.
        let stubborn = try session.start("nohup sleep 1002 >/dev/null 2>&1 & (trap '' HUP TERM; exec sleep 1003) & sleep 0.3; echo started", size: .standard, timeout: nil)
        let pgid = stubborn.process.pid
        var text: [UInt8] = []
        let result = runToCompletion(stubborn) { text += $0 }
        #expect(String(decoding: text, as: UTF8.self) == "started\r\n")
        #expect(result.leftoverProcessesKilled == 2)
        #expect(liveMembers(of: pgid).isEmpty)
        #expect(liveProcesses(running: ["sleep", "1002"]).isEmpty)
        #expect(liveProcesses(running: ["sleep", "1003"]).isEmpty)
        #expect(!ProcessGroupRegistry.contains(pgid))
    }

    @Test func jobControlInsideACommandIsCleanedUpToo() throws {
        let session = try makeSession()
        // `set -m` puts the job in its own process group; it is still in the command's session.
        let ran = try run(session, "set -m; nohup sleep 1004 >/dev/null 2>&1 & sleep 0.3; echo started")
        #expect(ran.text == "started\r\n")
        #expect(ran.result.leftoverProcessesKilled == 1)
        #expect(liveProcesses(running: ["sleep", "1004"]).isEmpty)
    }

    @Test func droppingARunningCommandEndsIt() throws {
        let session = try makeSession()
        var pid: Int32 = 0
        let (_, seconds) = try timed {
            let running = try session.start("sleep 100", size: .standard, timeout: nil)
            pid = running.process.pid
        }
        #expect(seconds < 2)
        #expect(liveMembers(of: pid).isEmpty)
        #expect(!session.isBusy)
        #expect(try run(session, "echo ok").text == "ok\r\n")
    }

    @Test func closingTheTerminalEarlyStillWaitsForTheExit() throws {
        let session = try makeSession()
        let (ran, seconds) = try timed { try run(session, "echo bye; exec >&- 2>&- <&-; sleep 0.3; exit 5") }
        #expect(ran.text == "bye\r\n")
        #expect(ran.termination == .exited(5))
        #expect(seconds > 0.25 && seconds < 2)
    }

    @Test func foundationProcessInTheSameProgramDoesNotStealExitStatuses() throws {
        let session = try makeSession()
        let spawner = DispatchQueue(label: "foundation-process")
        let group = DispatchGroup()
        spawner.async(group: group) {
            for _ in 0..<20 {
                let other = Process()
                other.executableURL = URL(fileURLWithPath: "/bin/true")
                try? other.run()
                other.waitUntilExit()
            }
        }
        for code in 0..<20 {
            #expect(try run(session, "exit \(code)").termination == .exited(Int32(code)))
        }
        group.wait()
    }

    @Test func aProcessIsRegisteredUntilClosed() throws {
        let process = try PTYProcess.spawn(executable: "sleep", arguments: ["5"], environment: testEnvironment, directory: "/", size: .standard)
        #expect(ProcessGroupRegistry.contains(process.pid))
        #expect(process.pollExit() == nil)
        process.terminateGroup(grace: .milliseconds(500))
        #expect(process.waitExit() == .signaled(SIGHUP))
        #expect(ProcessGroupRegistry.contains(process.pid))  // still a zombie: id reserved
        process.close()
        #expect(!ProcessGroupRegistry.contains(process.pid))
        #expect(process.read() == .endOfFile)
    }

    @Test func terminateGroupEscalatesToSIGKILL() throws {
        let process = try PTYProcess.spawn(executable: "/bin/bash", arguments: ["-c", "trap '' HUP TERM; echo ready; sleep 100"],
                                           environment: testEnvironment, directory: "/", size: .standard)
        _ = readUntil(process, contains: "ready", seconds: 2)
        let (_, seconds) = timed { process.terminateGroup(grace: .milliseconds(200)) }
        #expect(process.waitExit() == .signaled(SIGKILL))
        #expect(seconds >= 0.19 && seconds < 1)
        process.close()
    }

    @Test(.enabled(if: harnessPath != nil, "needs the pty-harness executable target"))
    func harnessDiesOfSIGTERMAndTakesItsGroupsAlong() throws {
        try expectHarnessEndsGroups(signal: SIGTERM)
    }

    @Test(.enabled(if: harnessPath != nil, "needs the pty-harness executable target"))
    func harnessDiesOfSIGHUPAndTakesItsGroupsAlong() throws {
        try expectHarnessEndsGroups(signal: SIGHUP)
    }

    @Test(.enabled(if: harnessPath != nil, "needs the pty-harness executable target"))
    func harnessEndsItsGroupsOnExit() throws {
        let harness = try #require(harnessPath)
        let process = try PTYProcess.spawn(executable: harness, arguments: ["--exit", "sleep 1011 & sleep 1012"],
                                           environment: testEnvironment, directory: "/", size: .standard)
        let text = readUntil(process, contains: "\u{4}never", seconds: 5)
        #expect(process.waitExit() == .exited(0))
        process.close()
        let pgids = text.split(whereSeparator: \.isNewline).compactMap { $0.hasPrefix("pgid ") ? Int32($0.dropFirst(5)) : nil }
        #expect(pgids.count == 1)
        for pgid in pgids { #expect(liveMembers(of: pgid).isEmpty) }
        #expect(liveProcesses(running: ["sleep", "1011"]).isEmpty)
        let stateDirectory = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("state ") }?.dropFirst(6)
        #expect(stateDirectory != nil)
        if let stateDirectory { #expect(!FileManager.default.fileExists(atPath: String(stateDirectory))) }
    }

    @Test(.enabled(if: harnessPath != nil, "needs the pty-harness executable target"))
    func terminateAllEndsEveryRegisteredGroup() throws {
        // Run in the harness: terminateAll is process-wide and would hit other tests' commands here.
        let harness = try #require(harnessPath)
        let process = try PTYProcess.spawn(executable: harness, arguments: ["--terminate-all", "sleep 1021", "trap '' HUP TERM; sleep 1022; true"],
                                           environment: testEnvironment, directory: "/", size: .standard)
        let text = readUntil(process, contains: "took", seconds: 5) + readUntil(process, contains: "\u{4}never", seconds: 1)
        #expect(process.waitExit() == .exited(0))
        process.close()
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let ended = lines.filter { $0.hasPrefix("ended ") }
        #expect(ended.count == 2)
        #expect(ended.first?.hasSuffix("killed by SIGHUP") == true)
        #expect(ended.last?.hasSuffix("killed by SIGKILL") == true)
        #expect(liveProcesses(running: ["sleep", "1021"]).isEmpty)
        #expect(liveProcesses(running: ["sleep", "1022"]).isEmpty)
    }

    private func expectHarnessEndsGroups(signal: Int32) throws {
        let harness = try #require(harnessPath)
        let tag = signal == SIGTERM ? "1031" : "1041"
        let stubborn = signal == SIGTERM ? "1032" : "1042"
        let process = try PTYProcess.spawn(
            executable: harness,
            arguments: ["sleep \(tag) & sleep \(tag)", "trap '' HUP TERM INT; sleep \(stubborn); true"],
            environment: testEnvironment, directory: "/", size: .standard)
        let text = readUntil(process, contains: "ready", seconds: 5)
        let pgids = text.split(whereSeparator: \.isNewline).compactMap { $0.hasPrefix("pgid ") ? Int32($0.dropFirst(5)) : nil }
        #expect(pgids.count == 2)
        #expect(liveProcesses(running: ["sleep", tag]).count == 2)
        Glibc.kill(process.pid, signal)  // only the harness, not its children
        #expect(process.waitExit() == .signaled(signal))
        process.close()
        for pgid in pgids { #expect(liveMembers(of: pgid).isEmpty) }
        #expect(liveProcesses(running: ["sleep", tag]).isEmpty)
        #expect(liveProcesses(running: ["sleep", stubborn]).isEmpty)
        let stateDirectory = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("state ") }?.dropFirst(6)
        #expect(stateDirectory != nil)
        if let stateDirectory { #expect(!FileManager.default.fileExists(atPath: String(stateDirectory))) }
    }
}

@Suite("Bad input gives clear errors, never a crash")
struct BadInputTests {
    @Test func aMissingShellIsAClearError() {
        do {
            _ = try ShellSession(shell: "/no/such/bash", environment: testEnvironment, directory: "/")
            Issue.record("no error")
        } catch let error as SessionError {
            #expect(error.kind == .programNotFound)
            #expect(error.description == "cannot run /no/such/bash: No such file or directory")
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: SessionError.self) { _ = try ShellSession(shell: "/etc", environment: testEnvironment, directory: "/") }
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("rb-plain-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: plain, contents: Data("echo hi\n".utf8), attributes: [.posixPermissions: 0o644])
        defer { try? FileManager.default.removeItem(atPath: plain) }
        if getuid() != 0 || access(plain, X_OK) != 0 {
            #expect(throws: SessionError.self) { _ = try ShellSession(shell: plain, environment: testEnvironment, directory: "/") }
        }
    }

    @Test func anUnusableDirectoryIsAClearError() throws {
        do {
            _ = try ShellSession(environment: testEnvironment, directory: "/no/such/dir")
            Issue.record("no error")
        } catch let error as SessionError {
            #expect(error.kind == .directoryUnusable)
            #expect(error.description == "cannot use directory /no/such/dir: No such file or directory")
        }
        #expect(throws: SessionError.self) { _ = try ShellSession(environment: testEnvironment, directory: "/etc/hostname") }
    }

    @Test func spawnReportsExecAndChdirFailuresFromTheChild() throws {
        do {
            _ = try PTYProcess.spawn(executable: "definitely-not-a-program", arguments: [], environment: testEnvironment, directory: "/", size: .standard)
            Issue.record("no error")
        } catch let error as SessionError {
            #expect(error.kind == .programNotFound)
            #expect(error.description == "cannot run definitely-not-a-program: not found in PATH")
        }
        do {
            _ = try PTYProcess.spawn(executable: "/bin/true", arguments: [], environment: testEnvironment, directory: "/no/such/dir", size: .standard)
            Issue.record("no error")
        } catch let error as SessionError {
            #expect(error.kind == .directoryUnusable)
            #expect(error.description == "cannot change to directory /no/such/dir: No such file or directory")
        }
        // Not a valid executable: the kernel refuses it at exec time, in the child.
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("rb-noexec-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: script, contents: Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 0]), attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: script) }
        // A test running in parallel may fork while the file is still open for writing here: its child
        // holds a copy of the descriptor until it execs, and exec then fails with ETXTBSY. Try again.
        for attempt in 1...50 {
            do {
                _ = try PTYProcess.spawn(executable: script, arguments: [], environment: testEnvironment, directory: "/", size: .standard)
                Issue.record("no error")
            } catch let error as SessionError {
                if error.description.hasSuffix("Text file busy") && attempt < 50 {
                    usleep(20_000)
                    continue
                }
                #expect(error.kind == .programNotFound)
                #expect(error.description == "cannot run \(script): Exec format error")
            }
            break
        }
    }

    @Test func writingToAFinishedProcessThrows() throws {
        let process = try PTYProcess.spawn(executable: "/bin/true", arguments: [], environment: testEnvironment, directory: "/", size: .standard)
        #expect(process.waitExit() == .exited(0))
        process.close()
        #expect(throws: SessionError.self) { try process.write(Array("x".utf8)) }
        process.resize(TerminalSize(rows: 10, cols: 10))  // harmless after close
        process.interrupt()
        #expect(process.pollExit() == .exited(0))
    }

    @Test func theChildStartsWithDefaultSignalsAndNoInheritedFds() throws {
        // SIGPIPE is ignored in Swift processes; the child must see the default again.
        let session = try makeSession()
        let ran = try run(session, "grep -E '^(SigIgn|SigBlk)' /proc/self/status | tr -s '\\t ' ' '; ls /proc/self/fd | sort -n | tr '\\n' ' '")
        #expect(ran.text.contains("SigIgn: 0000000000000000"))
        #expect(ran.text.contains("SigBlk: 0000000000000000"))
        #expect(ran.text.hasSuffix("0 1 2 3 ") || ran.text.hasSuffix("0 1 2 "))
    }
}
