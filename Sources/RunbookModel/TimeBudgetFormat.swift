extension TimeBudget {
    /// The budget in a few columns, as the outline and the section pane print it: "2m–5m", "< 1h",
    /// "30s", and "countdown 5m–10m" for a period to watch.
    public var compactText: String {
        let range = minSeconds == maxSeconds
            ? Self.compactDuration(maxSeconds)
            : (kind == .limit
                ? "< " + Self.compactDuration(maxSeconds)
                : Self.compactDuration(minSeconds) + "–" + Self.compactDuration(maxSeconds))
        return kind == .countdown ? "countdown " + range : range
    }

    /// Whole seconds as "1h30m", "5m", "45s" (never empty: 0 is "0s").
    public static func compactDuration(_ seconds: Int) -> String {
        let seconds = max(0, seconds)
        let hours = seconds / 3600, minutes = (seconds % 3600) / 60, rest = seconds % 60
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 || text.isEmpty { text += "\(rest)s" }
        return text
    }

    /// How long a run took, as the panes and the incident report print it: "<0.1s", "0.4s" under ten
    /// seconds, then whole seconds as `compactDuration` ("12s", "4m12s", "1h2m5s"); "0s" for a value a
    /// damaged log might hold (negative, infinite, NaN).
    public static func runDuration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "0s" }
        if seconds < 10 {
            let tenths = Int((seconds * 10).rounded())
            if tenths == 0 { return "<0.1s" }
            return tenths == 100 ? "10s" : "\(tenths / 10).\(tenths % 10)s"
        }
        return compactDuration(Int(min(seconds, 315_360_000).rounded()))
    }
}
