import Foundation
import SessionEngine
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The replay's event loop: the same panels as `play`, read-only. Polls the keyboard, a SIGWINCH pipe
/// and the next event's due time; applies events as the play head passes them (output through the
/// output pane's terminal emulator, with their timing); jumps through `ReplaySession.seek`. With
/// `follow` it stays at the live end of a log that is still being written.
final class ReplayLoop {
    private let replay: ReplaySession
    private let controller: PlayerController
    private let terminal: PlayerTerminal
    private var playing = true
    private var speed: Double
    private let follow: Bool
    /// Play head on the replay timeline (seconds from the first event).
    private var playTime: Double = 0
    private var lastTick = ContinuousClock.now
    private var lastRefresh = ContinuousClock.now
    private var quitting = false
    private static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64]

    init(replay: ReplaySession, theme: Theme, speed: Double, follow: Bool, logPath: String) throws {
        self.replay = replay
        self.speed = min(64, max(0.25, speed))
        self.follow = follow
        terminal = try PlayerTerminal(theme: theme)
        let size = terminal.screen.size
        controller = PlayerController(runbook: replay.runbook, mode: .replay, logPath: logPath, theme: theme,
                                      rows: size.rows, cols: size.cols)
        if let warning = replay.warnings.first { controller.show(warning, isError: true) }
        if follow {
            // Watching a live session: start at its end.
            try jump(to: replay.count)
        }
        publishStatus()
    }

    func run() throws {
        defer { terminal.end() }
        lastTick = .now
        while !quitting { try step() }
    }

    private func step() throws {
        let now = ContinuousClock.now
        var deadline = now + .seconds(1)
        if playing, replay.position < replay.count {
            let gap = max(0, replay.timeline[replay.position] - playTime) / speed
            deadline = min(deadline, now + .milliseconds(Int64(min(gap, 1) * 1000)))
        }
        if follow { deadline = min(deadline, lastRefresh + .milliseconds(200)) }
        let wake = terminal.wait(descriptors: [], until: deadline, redrawPending: controller.needsRedraw)
        if wake.resized { applyResize() }
        for key in wake.keys { try handle(key) }
        let tick = ContinuousClock.now
        if playing { playTime += (tick - lastTick).inSeconds * speed }
        lastTick = tick
        if follow && tick - lastRefresh >= .milliseconds(200) {
            lastRefresh = tick
            let atEnd = replay.position >= replay.count
            if try replay.refresh() > 0, atEnd, playing {
                // Live: events play as they come, in real time.
                playTime = max(playTime, replay.timeline[replay.position])
            }
        }
        try advance()
        publishStatus()
        if terminal.frameDue(controller) { draw() }
    }

    /// Applies the events the play head has passed (bounded per turn so keys stay responsive).
    private func advance() throws {
        guard playing else { return }
        let started = ContinuousClock.now
        while replay.position < replay.count, replay.timeline[replay.position] <= playTime {
            try applyNext()
            if ContinuousClock.now - started > .milliseconds(15) { break }
        }
        if replay.position >= replay.count && !follow {
            playTime = min(playTime, replay.duration)
        }
    }

    private func applyNext() throws {
        guard let step = try replay.stepForward() else { return }
        switch step {
        case .output(let id, let bytes):
            controller.output(bytes, commandID: id)
        case .event(let event):
            controller.update(state: replay.state)
            switch event {
            case .sectionEnter(let id, _):
                controller.followPlayHead(sectionID: id, commandID: nil)
            case .commandStart(let start):
                controller.commandStarted(start.commandID)
                controller.followPlayHead(sectionID: start.sectionID, commandID: start.commandID)
            default:
                break
            }
        }
    }

    /// Moves the play head so that `target` events are applied, and redraws the panes from there.
    private func jump(to target: Int) throws {
        try replay.seek(to: target)
        playTime = replay.positionTime
        controller.update(state: replay.state)
        if let tail = try replay.outputTail() {
            controller.replaceOutput(tail.bytes, commandID: tail.commandID)
            controller.followPlayHead(sectionID: replay.state.currentSectionID, commandID: tail.commandID)
        } else {
            controller.followPlayHead(sectionID: replay.state.currentSectionID, commandID: nil)
        }
    }

    private func handle(_ key: Key) throws {
        if key == .resize { applyResize(); return }
        for intent in controller.handle(key) {
            switch intent {
            case .quit:
                quitting = true
            case .replayControl(let action):
                try control(action)
            default:
                controller.show("This is a replay: nothing runs and nothing is recorded.")
            }
        }
    }

    private func control(_ action: PlayerAction) throws {
        switch action {
        case .pauseResume:
            if !playing && replay.position >= replay.count && !follow { try jump(to: 0) }
            playing.toggle()
            lastTick = .now
        case .faster:
            speed = Self.speeds.first { $0 > speed } ?? 64
        case .slower:
            speed = Self.speeds.last { $0 < speed } ?? 0.25
        case .nextStep:
            // Through the next step boundary after the play head.
            if let next = replay.boundaries.first(where: { $0 >= replay.position }) {
                try jump(to: next + 1)
            } else {
                try jump(to: replay.count)
            }
        case .previousStep:
            // Back to just after the boundary before the last one applied.
            let last = replay.position - 1
            if let previous = replay.boundaries.last(where: { $0 < last }) {
                try jump(to: previous + 1)
            } else {
                try jump(to: 0)
            }
        case .stepEvent:
            playing = false
            try applyNext()
            playTime = replay.positionTime
        case .replayStart:
            try jump(to: 0)
        case .replayEnd:
            try jump(to: replay.count)
        default:
            break
        }
    }

    /// Section markers of the whole log, rebuilt only when events arrive (--follow).
    private var sectionMarkers: (count: Int, markers: [ReplayStatus.Marker]) = (-1, [])

    private func publishStatus() {
        if sectionMarkers.count != replay.count {
            let markers = replay.boundaries.filter { replay.index.entries[$0].kind == .sectionEnter }
                .map { ReplayStatus.Marker(at: replay.timeline[$0], kind: .section) }
            sectionMarkers = (replay.count, markers)
        }
        var markers = sectionMarkers.markers
        for record in replay.state.commands.values where record.status == .failed || record.status == .timedOut {
            // The timeline time of the failure's log `mono` (the timeline may cap idle gaps).
            if let at = record.endedAt, let index = replay.index.lastIndex(atOrBefore: at) {
                markers.append(.init(at: replay.timeline[index], kind: .failure))
            }
        }
        controller.replayStatus = ReplayStatus(
            position: min(replay.duration, playing ? max(replay.positionTime, playTime) : replay.positionTime),
            duration: replay.duration, playing: playing, speed: speed,
            following: follow && replay.position >= replay.count, markers: markers,
            eventIndex: replay.position, eventCount: replay.count)
    }

    private func applyResize() {
        let size = terminal.refreshSize()
        controller.resize(rows: size.rows, cols: size.cols)
        draw()
    }

    private func draw() {
        let now = replay.monoAtPosition
        terminal.draw(controller, clock: PlayerTerminal.clock(state: replay.state, runbook: replay.runbook,
                                                              incident: replay.positionTime, now: now), now: now)
    }
}
