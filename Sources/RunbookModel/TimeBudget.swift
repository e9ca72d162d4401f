/// A time range a runbook gives for a phase or step, in seconds.
///
/// Produced by ``TimeBudgetParser``. A single value has `minSeconds == maxSeconds`;
/// an upper bound such as "< 5 min" has `minSeconds == 0` and kind ``Kind/limit``.
public struct TimeBudget: Equatable, Hashable, Sendable, Codable {
    /// What the duration means to the operator.
    public enum Kind: String, Equatable, Hashable, Sendable, Codable {
        /// How long the work is expected to take: "Estimated Time: 5-10 minutes", "(2-5 minutes)".
        case estimate
        /// A period to wait or watch before moving on: "Monitor for 30 minutes".
        case countdown
        /// An upper bound: "< 5 min", "Timeout: 90s", "RTO < 5 min".
        case limit
    }

    /// Lower bound in seconds (0 for a ``Kind/limit``).
    public var minSeconds: Int
    /// Upper bound in seconds (always `>= minSeconds`).
    public var maxSeconds: Int
    /// What the duration means.
    public var kind: Kind
    /// The matched source text of the duration, e.g. "5-10 minutes" or "< 5 min".
    public var text: String

    /// Creates a budget. `maxSeconds` is raised to `minSeconds` if it is smaller.
    public init(minSeconds: Int, maxSeconds: Int, kind: Kind, text: String) {
        self.minSeconds = minSeconds
        self.maxSeconds = max(minSeconds, maxSeconds)
        self.kind = kind
        self.text = text
    }
}
