extension Duration {
    /// The duration in seconds, as a `Double` (what logs, timers and timelines count in).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// Whole milliseconds, rounded up, at least 0, clamped to `Int32` — a poll(2) timeout that never
    /// wakes before the deadline.
    public var pollTimeout: Int32 {
        if self <= .zero { return 0 }
        let (seconds, attoseconds) = components
        return Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
