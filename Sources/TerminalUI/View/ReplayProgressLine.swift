/// Where a replay is: play head, length, speed, paused or following, and markers along the way.
public struct ReplayStatus: Equatable, Sendable {
    /// A point of interest on the progress line.
    public struct Marker: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case section, failure }
        /// Seconds from the start of the session.
        public var at: Double
        public var kind: Kind
        public init(at: Double, kind: Kind) {
            self.at = at
            self.kind = kind
        }
    }

    /// Play head, in session seconds.
    public var position: Double
    /// Session length so far, in seconds.
    public var duration: Double
    public var playing: Bool
    public var speed: Double
    /// True with --follow: the replay stays at the live end as events arrive.
    public var following: Bool
    public var markers: [Marker]
    /// Events applied and events in all.
    public var eventIndex: Int
    public var eventCount: Int

    public init(position: Double, duration: Double, playing: Bool, speed: Double, following: Bool = false,
                markers: [Marker] = [], eventIndex: Int = 0, eventCount: Int = 0) {
        self.position = position
        self.duration = duration
        self.playing = playing
        self.speed = speed
        self.following = following
        self.markers = markers
        self.eventIndex = eventIndex
        self.eventCount = eventCount
    }

    /// "2x", "0.25x", "64x".
    public var speedText: String {
        speed == speed.rounded() ? "\(Int(speed))x" : "\(speed)x"
    }
}

/// The replay's status line: ▶/❚❚, speed, clock, a progress bar with section (│) and failure (✗)
/// markers, and the event count.
public enum ReplayProgressLine {
    public static func render(into grid: inout CellGrid, rect: Rect, status: ReplayStatus, theme: Theme) {
        let bar = theme.style(.statusBar)
        grid.fill(rect, style: bar)
        let state = status.following && status.playing ? "● LIVE" : status.playing ? "▶" : "❚❚"
        let left = " \(state) \(status.speedText)  \(ClockText.clock(status.position)) / \(ClockText.clock(status.duration)) "
        let right = " \(status.eventIndex)/\(status.eventCount) · ? keys "
        var col = grid.put(left, row: rect.row, col: rect.col, style: bar.adding(.bold))
        let barWidth = rect.right - col - right.displayWidth - 1
        if barWidth >= 10 {
            let track = theme.style(.muted)
            let done = theme.style(.statusDone)
            let fraction = status.duration > 0 ? min(1, max(0, status.position / status.duration)) : 1
            let head = Int((Double(barWidth - 1) * fraction).rounded())
            var cells = Array(repeating: "─", count: barWidth)
            for index in 0..<head { cells[index] = "━" }
            var failures = Set<Int>()
            for marker in status.markers {
                let at = status.duration > 0 ? Int((Double(barWidth - 1) * min(1, max(0, marker.at / status.duration))).rounded()) : 0
                if marker.kind == .failure {
                    cells[at] = "✗"
                    failures.insert(at)
                } else if !failures.contains(at) {
                    cells[at] = "│"
                }
            }
            cells[head] = "●"
            for (index, cell) in cells.enumerated() {
                let style = failures.contains(index) && index != head ? theme.style(.statusFailed)
                    : index <= head ? done : track
                col = grid.put(cell, row: rect.row, col: col, style: style)
            }
        }
        grid.put(right, row: rect.row, col: max(col, rect.right - right.displayWidth), style: bar, limit: rect.right)
    }
}
