import SessionEngine
#if canImport(Glibc)
import Glibc
#endif

// Test helper for SessionEngineTests: installs the player's signal handlers, starts each
// argument as a command on its own pty (each in its own bash, left running), prints
// "pgid PID" per command and "ready", then waits to be signalled (or exits after 20 s).
// With --exit it calls exit(0) instead of waiting, to exercise the atexit hook; with
// --terminate-all it calls ProcessGroupRegistry.terminateAll itself and prints how each ended.
func say(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
}

var arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first?.hasPrefix("--") == true ? arguments.removeFirst() : ""
do {
    try ProcessGroupRegistry.installSignalHandlers()
    // A session whose state directory must vanish when the harness is signalled or exits.
    let session = try ShellSession(environment: ["PATH": "/usr/bin:/bin"], directory: "/")
    _ = runToCompletion(try session.start("true", size: .standard, timeout: nil)) { _ in }
    say("state \(session.stateDirectory)")
    var processes: [PTYProcess] = []
    for command in arguments {
        let process = try PTYProcess.spawn(
            executable: "/bin/bash", arguments: ["--noprofile", "--norc", "-c", command],
            environment: ["PATH": "/usr/bin:/bin"], directory: "/", size: .standard)
        processes.append(process)
        say("pgid \(process.pid)")
    }
    usleep(200_000)  // let the commands start their children
    say("ready")
    if mode == "--exit" { exit(0) }
    if mode == "--terminate-all" {
        let clock = ContinuousClock()
        let started = clock.now
        ProcessGroupRegistry.terminateAll(grace: .milliseconds(300))
        let elapsed = clock.now - started
        for process in processes { say("ended \(process.pid) \(process.waitExit())") }
        say("took \(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000) ms")
        exit(0)
    }
    sleep(20)
    say("not signalled")
    exit(3)
} catch {
    say("error: \(error)")
    exit(2)
}
