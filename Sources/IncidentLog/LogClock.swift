import Foundation

/// Where the writer gets its times: wall-clock `Date`s for the `time` field and a monotonic clock in
/// seconds for `mono` and for the output flush interval. Tests inject a manual clock.
public struct LogClock: Sendable {
    /// The current wall-clock time.
    public var wall: @Sendable () -> Date
    /// Seconds on a clock that never goes backwards (any origin).
    public var monotonic: @Sendable () -> Double

    /// A clock from two closures.
    public init(wall: @escaping @Sendable () -> Date, monotonic: @escaping @Sendable () -> Double) {
        self.wall = wall
        self.monotonic = monotonic
    }

    /// `Date()` and `CLOCK_MONOTONIC`.
    public static let system = LogClock(
        wall: { Date() },
        monotonic: {
            var spec = timespec()
            clock_gettime(CLOCK_MONOTONIC, &spec)
            return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        })
}
