/// Short texts for durations, clocks and budgets, as the panes and status bars print them.
public enum ClockText {
    /// "12:05" under an hour, "1:02:05" above; negative values count as 0.
    public static func clock(_ seconds: Double) -> String {
        let total = max(0, Int(seconds))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        return h > 0 ? "\(h):\(pad(m)):\(pad(s))" : "\(pad(m)):\(pad(s))"
    }

    /// "0.4s", "12s", "3m05s", "1h02m".
    public static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format1(seconds)) + "s" }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(pad(total % 60))s" }
        return "\(total / 3600)h\(pad((total % 3600) / 60))m"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// One decimal, without a trailing ".0".
    private static func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
