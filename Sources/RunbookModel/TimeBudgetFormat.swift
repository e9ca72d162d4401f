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
}
