/// Short texts for durations, clocks and budgets, as the panes and status bars print them.
public enum ClockText {
    /// "12:05" under an hour, "1:02:05" above; negative values count as 0.
    public static func clock(_ seconds: Double) -> String {
        let total = max(0, Int(seconds))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        return h > 0 ? "\(h):\(pad(m)):\(pad(s))" : "\(pad(m)):\(pad(s))"
    }

    /// A run's duration: "<0.1s", "0.4s", "12s", "3m05s", "1h02m".
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 10 {
            let tenths = Int((seconds * 10).rounded())
            if tenths == 0 { return "<0.1s" }
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(pad(total % 60))s" }
        return "\(total / 3600)h\(pad((total % 3600) / 60))m"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
