import RunbookModel

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

    /// A budget in a few columns: "5m", "2–5m", "<5m", "30s–2m", "5m–2h".
    public static func budget(_ budget: TimeBudget) -> String {
        let low = amount(budget.minSeconds), high = amount(budget.maxSeconds)
        if budget.kind == .limit {
            return "<" + high.text
        }
        if budget.minSeconds == budget.maxSeconds { return high.text }
        if low.unit == high.unit { return "\(low.number)–\(high.text)" }
        return "\(low.text)–\(high.text)"
    }

    private static func amount(_ seconds: Int) -> (number: String, unit: String, text: String) {
        let (number, unit): (String, String)
        if seconds >= 3600 && seconds % 3600 == 0 {
            (number, unit) = ("\(seconds / 3600)", "h")
        } else if seconds >= 3600 {
            (number, unit) = (format1(Double(seconds) / 3600), "h")
        } else if seconds >= 60 && seconds % 60 == 0 {
            (number, unit) = ("\(seconds / 60)", "m")
        } else if seconds >= 60 {
            (number, unit) = (format1(Double(seconds) / 60), "m")
        } else {
            (number, unit) = ("\(seconds)", "s")
        }
        return (number, unit, number + unit)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// One decimal, without a trailing ".0".
    private static func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
