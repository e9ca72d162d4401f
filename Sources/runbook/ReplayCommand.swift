import ArgumentParser
import Foundation
import SessionEngine
import TerminalUI

/// `runbook replay LOG`: plays a recorded session back in the player's panels, read-only.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recorded session in the player's panels, read-only, with its timing.",
        discussion: """
            The state at the play head is the fold of the events before it; output plays through the same \
            terminal emulator as live. Space pauses, +/- change speed, ]/[ jump between steps, . steps one \
            event, g/G jump to the start/end, ? lists the keys. Works from the log alone: the runbook text \
            is in its header.
            """
    )

    @Argument(help: "The incident log (.jsonl).")
    var logPath: String

    @Option(help: "Playback speed, 0.25 to 64.")
    var speed: Double = 1

    @Option(name: .customLong("idle-limit"), help: "Cap pauses between events at this many seconds.")
    var idleLimit: Double?

    @Flag(help: "Watch a session that is still being written, staying at its live end.")
    var follow = false

    @Flag(name: .customLong("skip-bad"), help: "Skip corrupt lines in the middle of the log instead of stopping.")
    var skipBad = false

    @Option(help: "Theme: default, light, high-contrast, mono, or a path to a .toml file.")
    var theme: String?

    @Option(name: .customLong("bench-seeks"), help: .hidden)
    var benchSeeks: Int?

    func run() throws {
        guard speed >= 0.25, speed <= 64 else { CLI.fail("replay", "--speed must be between 0.25 and 64") }
        let replay: ReplaySession
        let opened = ContinuousClock.now
        do {
            replay = try ReplaySession(path: logPath, skipBad: skipBad, idleLimit: idleLimit)
        } catch {
            CLI.failReading("replay", error, skipBad: skipBad)
        }
        if let benchSeeks {
            try SeekBench.run(replay, seeks: benchSeeks, openTime: ContinuousClock.now - opened)
            return
        }
        let (chosenTheme, themeWarnings) = PlayerTerminal.prepare(command: "replay", theme: theme,
                                                                  otherwise: "use `runbook report` for text")
        do {
            let loop = try ReplayLoop(replay: replay, theme: chosenTheme, speed: speed, follow: follow, logPath: logPath)
            try loop.run()
        } catch {
            CLI.fail("replay", "\(error)")
        }
        for warning in themeWarnings + replay.warnings { CLI.note("replay", warning) }
    }
}
