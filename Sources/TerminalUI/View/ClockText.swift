/// Short texts for durations, clocks and budgets, as the panes and status bars print them.
public enum ClockText {
    /// "12:05" under an hour, "1:02:05" above; negative values count as 0.
    public static func clock(_ seconds: Double) -> String {
        let total = max(0, Int(seconds))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        return h > 0 ? "\(h):\(pad(m)):\(pad(s))" : "\(pad(m)):\(pad(s))"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
