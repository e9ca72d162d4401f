/// Finds time budgets ("5-10 minutes", "< 5 min", "Monitor for 30 minutes") in runbook headings and prose.
///
/// All functions work on one short string (a heading, a line, a table row) with a hand-written
/// linear scanner over Unicode scalars; a line without a digit or a unit word is rejected after one
/// byte scan. Nothing here ever looks at a whole document.
///
/// Decisions:
/// - Units: s/sec/secs/second(s), m/min/mins/minute(s), h/hr/hrs/hour(s), d/day(s), case-insensitive.
///   Anything else right after a number ("440ms", "5%", "5 users") means "not a duration".
/// - "an hour", "a minute", "one day" (a/an/one + a full unit word) count as 1 of that unit.
/// - Limit prefixes ("<", "<=", "≤", "under", "less than", "up to", "at most", "max", "no more than")
///   give kind `.limit` with `minSeconds == 0`. Approximate prefixes ("~", "≈", "about", "approx.",
///   "approximately", "around", "roughly") are accepted and ignored.
/// - ">" / "+" / "every" / "within" are rejected: "> 30 min" is a threshold, "+2 minutes" an offset,
///   "every 10 minutes" a cadence, "Within 24-48 hours" a deadline for when something happens,
///   not how long it takes.
/// - A bare number is never a duration ("14:30", "v2.1.0", "1-5%"); a range's first number may omit
///   its unit and takes the second's ("5-10 minutes"). A range whose low end exceeds its high end is rejected.
/// - `budget(inLine:)` only accepts labelled forms (see `budget(inLine:)`), countdown verbs, and a
///   line or table cell that is nothing but a duration. "RPO" is deliberately not a label: it is a
///   data-loss window, not time to spend.
public enum TimeBudgetParser: Sendable {

    private typealias Text = [Unicode.Scalar]

    // MARK: Public API

    /// A duration in a heading: "Phase 1: Decision and Communication (2-5 minutes)",
    /// "Option A: Blue-Green Rollback (1-5 minutes)", "Immediate (< 5 minutes)",
    /// "Short-term (< 1 hour)", "Step 3 - 10 min", "Verify: 5 minutes".
    ///
    /// Looks first for a parenthesised duration (optionally labelled, e.g. "(ETA 5 min)",
    /// and optionally followed by a comment, e.g. "(5-15 minutes, includes downtime)"),
    /// then for a trailing segment after " - ", " – ", " — ", ": " or " | " that is only a duration,
    /// then for a countdown phrase ("Monitor for 30 minutes"). Leading `#` marks and emphasis are ignored.
    public static func budget(inHeading heading: String) -> TimeBudget? {
        guard mayContainDuration(heading) else { return nil }
        var c = cleaned(heading)
        var start = 0
        while start < c.count, c[start] == "#" { start += 1 }
        if start > 0 { c.removeFirst(start) }
        while let last = c.last, last == "#" || isSpace(last) { c.removeLast() }
        guard !c.isEmpty else { return nil }

        // 1. Parenthesised duration.
        var i = 0
        while i < c.count {
            if c[i] == "(", let close = c[(i + 1)...].firstIndex(of: ")") {
                let p = skipLabel(c, skipSpaces(c, i + 1))
                if let d = scanDuration(c, p), d.end <= close {
                    return d.budget(kind: d.isLimit ? .limit : .estimate, in: c)
                }
                i = close + 1
            } else {
                i += 1
            }
        }
        // 2. Trailing segment that is only a duration.
        var k = c.count - 2
        while k >= 1 {
            let isDashSeparator = isSpace(c[k - 1]) && (c[k] == "-" || c[k] == "–" || c[k] == "—" || c[k] == "|") && isSpace(c[k + 1])
            let isColonSeparator = c[k] == ":" && isSpace(c[k + 1])
            if isDashSeparator || isColonSeparator {
                if let d = fullDuration(Array(c[(k + 1)...])) { return d }
                break
            }
            k -= 1
        }
        // 3. Countdown phrase.
        return countdown(in: c)
    }

    /// A labelled duration in a line of prose or a table row.
    ///
    /// Accepted forms (emphasis `**`, `__`, `*`, `` ` `` around labels is tolerated; list markers,
    /// checkboxes and `>` quotes are skipped; a table row is examined cell by cell):
    /// - `Label: duration…`, where the label is one of: estimated time, estimate, time estimate,
    ///   estimated duration, est. time, duration, expected duration/time, time required, required time,
    ///   time needed, time budget, budget, rollback time/duration, recovery time, total time, eta, time
    ///   (kind `.estimate`, or `.limit` with a "<"-style prefix), or timeout, time limit, timebox,
    ///   max/maximum time/duration, rto (kind `.limit`, `minSeconds` 0). Text after the duration is
    ///   allowed ("5-15 minutes (includes downtime)").
    /// - `RTO < 5 min`, `ETA 5 min`, `Timeout 90s` without a colon.
    /// - `monitor/watch/wait/observe/soak/hold for <duration>` and `wait <duration>` anywhere in the
    ///   line (kind `.countdown`).
    /// - A line or cell that is only a duration: "< 5 min", "1-2 minutes".
    public static func budget(inLine line: String) -> TimeBudget? {
        guard mayContainDuration(line) else { return nil }
        let c = stripLinePrefix(cleaned(line))
        if c.first == "|" || containsCellSeparator(c) {
            for cell in c.split(separator: "|") {
                if let b = budgetInCell(stripLinePrefix(Array(cell))) { return b }
            }
            return nil
        }
        return budgetInCell(c)
    }

    /// Parses a string that is only a duration expression: "5-10 minutes", "5 minutes - 2 hours",
    /// "30 seconds - 1 minute", "1–2 hrs", "90s", "1h30m", "2.5 hours", "< 5 min", "<5m",
    /// "up to 10 minutes", "~5 min", "5 to 10 minutes", "an hour", "1 day".
    ///
    /// Surrounding whitespace, emphasis and trailing `.`, `:`, `,` or `;` are ignored.
    /// Returns kind `.limit` for an upper bound ("< 5 min", "up to 10 minutes"), else `.estimate`.
    public static func parseDuration(_ text: String) -> TimeBudget? {
        guard mayContainDuration(text) else { return nil }
        return fullDuration(cleaned(text))
    }

    // MARK: Line helpers

    private static let estimateLabels: Set<String> = [
        "estimated time", "estimate", "time estimate", "estimated duration", "est. time", "est time",
        "duration", "expected duration", "expected time", "time required", "required time", "time needed",
        "time budget", "budget", "rollback time", "rollback duration", "recovery time", "total time",
        "eta", "time",
    ]
    private static let limitLabels: Set<String> = [
        "timeout", "time limit", "timebox", "time box", "max time", "maximum time", "max duration",
        "maximum duration", "rto",
    ]
    private static let bareLabels: Set<String> = ["rto", "eta", "timeout"]

    /// Cheap byte-level pre-check: a duration needs a number with a unit ("5 min", "1h", "5 **min**") or
    /// a spelled-out unit ("an hour").
    private static func mayContainDuration(_ s: String) -> Bool {
        if let answer = s.utf8.withContiguousStorageIfAvailable({ mayContainDuration(bytes: $0) }) { return answer }
        return Array(s.utf8).withUnsafeBufferPointer { mayContainDuration(bytes: $0) }
    }

    static func mayContainDuration(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        // A digit, then what `cleaned` drops or `skipSpaces` skips (ASCII blanks, `*`, `` ` ``, `_`,
        // any non-ASCII scalar), then the first letter of a unit (s, m, h, d in either case).
        var d = 0
        while d < n {
            guard bytes[d] >= 0x30 && bytes[d] <= 0x39 else { d += 1; continue }
            var k = d + 1
            while k < n, isSkippableAfterNumber(bytes[k]) { k += 1 }
            if k < n {
                let unit = bytes[k] | 0x20
                if unit == 0x73 || unit == 0x6D || unit == 0x68 || unit == 0x64 { return true }   // s m h d
            }
            d += 1
        }
        // Spelled-out units: "hour", "minute", "second", "day" in any case.
        var i = 0
        while i + 3 <= n {
            let a = bytes[i] | 0x20, b = bytes[i + 1] | 0x20, c = bytes[i + 2] | 0x20
            if (a == 0x68 && b == 0x6F && c == 0x75)           // "hou"
                || (a == 0x6D && b == 0x69 && c == 0x6E)       // "min"
                || (a == 0x73 && b == 0x65 && c == 0x63)       // "sec"
                || (a == 0x64 && b == 0x61 && c == 0x79) {     // "day"
                return true
            }
            i += 1
        }
        return false
    }

    @inline(__always) private static func isSkippableAfterNumber(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x2A || b == 0x60 || b == 0x5F || b >= 0x80
    }

    /// The whole text is one duration (trailing spaces and `.:,;` allowed).
    private static func fullDuration(_ text: Text) -> TimeBudget? {
        var c = text
        var start = 0
        while start < c.count, isSpace(c[start]) { start += 1 }
        while let l = c.last, isSpace(l) || l == "." || l == ":" || l == "," || l == ";" { c.removeLast() }
        guard start < c.count, let d = scanDuration(c, start), d.end == c.count else { return nil }
        return d.budget(kind: d.isLimit ? .limit : .estimate, in: c)
    }

    private static func budgetInCell(_ c: Text) -> TimeBudget? {
        guard !c.isEmpty else { return nil }
        // 1. "Label: duration"
        if let colon = c.firstIndex(of: ":"), colon <= 40 {
            let label = normalizedLabel(c[..<colon])
            let isEstimate = estimateLabels.contains(label)
            let isLimit = limitLabels.contains(label)
            if isEstimate || isLimit {
                guard let d = scanDuration(c, skipSpaces(c, colon + 1)) else { return nil }
                if isLimit {
                    return TimeBudget(minSeconds: 0, maxSeconds: d.maxSeconds, kind: .limit, text: d.text(in: c))
                }
                return d.budget(kind: d.isLimit ? .limit : .estimate, in: c)
            }
        }
        // 2. "RTO < 5 min" without a colon.
        var w = 0
        while w < c.count, isAlpha(c[w]) { w += 1 }
        if w > 0, w <= 7, w < c.count, isSpace(c[w]) {
            let label = lowerString(c[..<w])
            if bareLabels.contains(label), let d = scanDuration(c, skipSpaces(c, w)) {
                if label == "eta" { return d.budget(kind: d.isLimit ? .limit : .estimate, in: c) }
                return TimeBudget(minSeconds: 0, maxSeconds: d.maxSeconds, kind: .limit, text: d.text(in: c))
            }
        }
        // 3. Countdown verbs.
        if let b = countdown(in: c) { return b }
        // 4. Only a duration.
        return fullDuration(c)
    }

    private static let countdownVerbs: [Text] = [
        "monitor", "monitoring", "watch", "watching", "wait", "waiting", "observe", "observing", "soak", "hold",
    ].map { Array($0.unicodeScalars) }
    private static let forWord: Text = Array("for".unicodeScalars)
    private static let waitWord: Text = Array("wait".unicodeScalars)

    /// Finds "monitor for 30 minutes"-style phrases.
    private static func countdown(in c: Text) -> TimeBudget? {
        var i = 0
        while i < c.count {
            guard isAlpha(c[i]), i == 0 || !isAlpha(c[i - 1]) else { i += 1; continue }
            var j = i
            while j < c.count, isAlpha(c[j]) { j += 1 }
            if j < c.count, isSpace(c[j]), let verb = countdownVerbs.first(where: { equalsLower(c[i..<j], $0) }) {
                let p = skipSpaces(c, j)
                if p + 3 < c.count, equalsLower(c[p..<(p + 3)], forWord), isSpace(c[p + 3]) {
                    if let d = scanDuration(c, skipSpaces(c, p + 3)), !d.isLimit { return d.budget(kind: .countdown, in: c) }
                } else if verb == waitWord, let d = scanDuration(c, p), !d.isLimit {
                    return d.budget(kind: .countdown, in: c)
                }
            }
            i = j
        }
        return nil
    }

    // MARK: Duration scanner

    private struct Scan {
        var minSeconds: Int
        var maxSeconds: Int
        var isLimit: Bool
        var start: Int
        var end: Int
        func text(in c: Text) -> String { string(c[start..<end]) }
        func budget(kind: TimeBudget.Kind, in c: Text) -> TimeBudget {
            TimeBudget(minSeconds: minSeconds, maxSeconds: maxSeconds, kind: kind, text: text(in: c))
        }
    }

    private static let limitPrefixes: [Text] = [
        "no more than ", "not more than ", "less than ", "at most ", "up to ", "under ", "maximum ", "max. ", "max ",
    ].map { Array($0.unicodeScalars) }
    private static let approxPrefixes: [Text] = [
        "approximately ", "approx. ", "approx ", "about ", "around ", "roughly ", "circa ", "ca. ",
    ].map { Array($0.unicodeScalars) }

    /// Scans a duration expression starting at `start` (leading spaces skipped).
    private static func scanDuration(_ c: Text, _ start: Int) -> Scan? {
        var i = skipSpaces(c, start)
        guard i < c.count else { return nil }
        let textStart = i
        var isLimit = false
        if c[i] == "<" || c[i] == "≤" {
            isLimit = true
            i += 1
            if i < c.count, c[i] == "=" { i += 1 }
            i = skipSpaces(c, i)
        } else if c[i] == "~" || c[i] == "≈" {
            i = skipSpaces(c, i + 1)
        } else if isAlpha(c[i]) {
            if let p = matchPrefix(limitPrefixes, c, i) {
                isLimit = true
                i = skipSpaces(c, p)
            } else if let p = matchPrefix(approxPrefixes, c, i) {
                i = skipSpaces(c, p)
            }
        }
        guard let q1 = scanQuantity(c, i) else { return nil }
        // Optional range.
        var q2: Quantity? = nil
        let p = skipSpaces(c, q1.end)
        if p < c.count, c[p] == "-" || c[p] == "–" || c[p] == "—" {
            q2 = scanQuantity(c, skipSpaces(c, p + 1))
        } else if p > q1.end, p + 2 < c.count, lower(c[p]) == "t", lower(c[p + 1]) == "o", isSpace(c[p + 2]) {
            q2 = scanQuantity(c, skipSpaces(c, p + 2))
        }
        let minS: Double, maxS: Double, end: Int
        if let q2, let s2 = q2.seconds {
            minS = q1.seconds ?? q1.number * q2.firstUnit
            maxS = s2
            end = q2.end
        } else if let s1 = q1.seconds {
            minS = s1
            maxS = s1
            end = q1.end
        } else {
            return nil
        }
        // Word boundary after the expression.
        if end < c.count, isAlpha(c[end]) || isDigit(c[end]) || c[end] == "%" || c[end] == "+" { return nil }
        guard minS <= maxS, maxS < 1e12 else { return nil }
        let lo = Int(minS.rounded())
        let hi = Int(maxS.rounded())
        if isLimit { return Scan(minSeconds: 0, maxSeconds: hi, isLimit: true, start: textStart, end: end) }
        return Scan(minSeconds: lo, maxSeconds: hi, isLimit: false, start: textStart, end: end)
    }

    private struct Quantity {
        var number: Double       // the first number
        var seconds: Double?     // nil when the number had no unit
        var firstUnit: Double    // seconds per unit of the first (largest) unit, 0 when none
        var end: Int
    }

    private static let oneWords: [Text] = ["a", "an", "one"].map { Array($0.unicodeScalars) }
    private static let fullUnitWords: [Text] = ["second", "minute", "hour", "day"].map { Array($0.unicodeScalars) }

    /// "5", "5 minutes", "1h30m", "1 hour 30 minutes", "an hour".
    private static func scanQuantity(_ c: Text, _ start: Int) -> Quantity? {
        guard start < c.count else { return nil }
        // "a"/"an"/"one" + full unit word.
        if isAlpha(c[start]) {
            var j = start
            while j < c.count, isAlpha(c[j]) { j += 1 }
            guard j < c.count, isSpace(c[j]), oneWords.contains(where: { equalsLower(c[start..<j], $0) }) else { return nil }
            let k = skipSpaces(c, j)
            var e = k
            while e < c.count, isAlpha(c[e]) { e += 1 }
            guard fullUnitWords.contains(where: { equalsLower(c[k..<e], $0) }), let u = unitSeconds(c[k..<e]) else { return nil }
            return Quantity(number: 1, seconds: u, firstUnit: u, end: e)
        }
        guard let (n, afterNumber) = scanNumber(c, start, compound: false) else { return nil }
        var k = skipSpaces(c, afterNumber)
        var e = k
        while e < c.count, isAlpha(c[e]) { e += 1 }
        if e == k { return Quantity(number: n, seconds: nil, firstUnit: 0, end: afterNumber) }
        guard let u = unitSeconds(c[k..<e]) else {
            // "5 to 10 minutes": a word that is not a unit ends a unit-less number; "440ms" fails.
            return k > afterNumber ? Quantity(number: n, seconds: nil, firstUnit: 0, end: afterNumber) : nil
        }
        var total = n * u
        var lastUnit = u
        var end = e
        // Compound parts with strictly smaller units: "1h30m", "1 hour 30 minutes".
        while true {
            let s = skipSpaces(c, end)
            guard s < c.count, isDigit(c[s]), let (n2, after2) = scanNumber(c, s, compound: true) else { break }
            k = skipSpaces(c, after2)
            e = k
            while e < c.count, isAlpha(c[e]) { e += 1 }
            guard e > k, let u2 = unitSeconds(c[k..<e]), u2 < lastUnit else { break }
            total += n2 * u2
            lastUnit = u2
            end = e
        }
        return Quantity(number: n, seconds: total, firstUnit: u, end: end)
    }

    private static func scanNumber(_ c: Text, _ start: Int, compound: Bool) -> (Double, Int)? {
        guard start < c.count, isDigit(c[start]) else { return nil }
        if !compound, start > 0, c[start - 1] == "." || isAlpha(c[start - 1]) { return nil }
        var value = 0.0
        var i = start
        var digits = 0
        while i < c.count, isDigit(c[i]) {
            value = value * 10 + Double(c[i].value - 0x30)
            i += 1
            digits += 1
        }
        if i + 1 < c.count, c[i] == ".", isDigit(c[i + 1]) {
            i += 1
            var scale = 0.1
            while i < c.count, isDigit(c[i]) {
                value += Double(c[i].value - 0x30) * scale
                scale /= 10
                i += 1
            }
            // "2.1.0" is a version, not a number.
            if i + 1 < c.count, c[i] == ".", isDigit(c[i + 1]) { return nil }
        }
        guard digits <= 9 else { return nil }
        return (value, i)
    }

    private static func unitSeconds(_ word: ArraySlice<Unicode.Scalar>) -> Double? {
        guard (1...7).contains(word.count) else { return nil }
        switch lowerString(word) {
        case "s", "sec", "secs", "second", "seconds": return 1
        case "m", "min", "mins", "minute", "minutes": return 60
        case "h", "hr", "hrs", "hour", "hours": return 3600
        case "d", "day", "days": return 86400
        default: return nil
        }
    }

    // MARK: Scalar helpers

    @inline(__always) private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    @inline(__always) private static func isAlpha(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return (s.value | 0x20) >= 0x61 && (s.value | 0x20) <= 0x7A }
        return s.properties.isAlphabetic
    }

    @inline(__always) private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return s == " " || s == "\t" || s == "\n" || s == "\r" }
        return s.properties.isWhitespace
    }

    @inline(__always) private static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        (s.value >= 0x41 && s.value <= 0x5A) ? Unicode.Scalar(s.value | 0x20) ?? s : s
    }

    private static func equalsLower(_ a: ArraySlice<Unicode.Scalar>, _ b: Text) -> Bool {
        guard a.count == b.count else { return false }
        var j = 0
        for s in a {
            if lower(s) != b[j] { return false }
            j += 1
        }
        return true
    }

    private static func lowerString(_ a: ArraySlice<Unicode.Scalar>) -> String {
        string(a.map(lower)[...])
    }

    /// The string of `scalars`; ASCII (the usual case) is copied byte by byte.
    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        if scalars.allSatisfy(\.isASCII) {
            return String(unsafeUninitializedCapacity: scalars.count) { buffer in
                for (offset, scalar) in scalars.enumerated() { buffer[offset] = UInt8(truncatingIfNeeded: scalar.value) }
                return scalars.count
            }
        }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars)
        return String(v)
    }

    /// Removes Markdown emphasis: every `*` and `` ` ``, and `_` runs not inside a word.
    private static func cleaned(_ s: String) -> Text {
        var out: Text = []
        out.reserveCapacity(s.utf8.count)
        var pendingUnderscores = 0
        var previousIsWord = false
        for ch in s.unicodeScalars {
            if ch == "*" || ch == "`" { continue }
            if ch == "_" { pendingUnderscores += 1; continue }
            let isWord = isAlpha(ch) || isDigit(ch)
            if pendingUnderscores > 0 {
                if previousIsWord && isWord { out.append(contentsOf: repeatElement("_", count: pendingUnderscores)) }
                pendingUnderscores = 0
            }
            out.append(ch)
            previousIsWord = isWord
        }
        return out
    }

    /// Drops leading whitespace, `>` quotes, list markers and checkboxes, and trailing whitespace.
    private static func stripLinePrefix(_ c: Text) -> Text {
        var i = skipSpaces(c, 0)
        var changed = true
        while changed, i < c.count {
            changed = false
            if c[i] == ">" { i = skipSpaces(c, i + 1); changed = true; continue }
            if c[i] == "-" || c[i] == "+" || c[i] == "•", i + 1 < c.count, isSpace(c[i + 1]) {
                i = skipSpaces(c, i + 1); changed = true; continue
            }
            if c[i] == "[", i + 2 < c.count, c[i + 2] == "]", c[i + 1] == " " || c[i + 1] == "x" || c[i + 1] == "X" {
                i = skipSpaces(c, i + 3); changed = true; continue
            }
            if isDigit(c[i]) {
                var j = i
                while j < c.count, isDigit(c[j]) { j += 1 }
                if j + 1 < c.count, c[j] == "." || c[j] == ")", isSpace(c[j + 1]) {
                    i = skipSpaces(c, j + 1); changed = true; continue
                }
            }
        }
        var end = c.count
        while end > i, isSpace(c[end - 1]) { end -= 1 }
        return Array(c[i..<end])
    }

    private static func containsCellSeparator(_ c: Text) -> Bool {
        guard c.count >= 3 else { return false }
        for i in 1..<(c.count - 1) where c[i] == "|" && c[i - 1] == " " && c[i + 1] == " " { return true }
        return false
    }

    private static func normalizedLabel(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var v: Text = []
        v.reserveCapacity(s.count)
        var pendingSpace = false
        for ch in s {
            if isSpace(ch) { pendingSpace = !v.isEmpty; continue }
            if pendingSpace { v.append(" "); pendingSpace = false }
            v.append(lower(ch))
        }
        return string(v[...])
    }

    /// Skips an optional label ("ETA", "Estimated time:") inside a heading's parentheses.
    private static func skipLabel(_ c: Text, _ start: Int) -> Int {
        if let colon = c[start...].prefix(31).firstIndex(of: ":") {
            let label = normalizedLabel(c[start..<colon])
            if estimateLabels.contains(label) || limitLabels.contains(label) { return skipSpaces(c, colon + 1) }
        }
        var j = start
        while j < c.count, isAlpha(c[j]) { j += 1 }
        if j > start, j - start <= 7, j < c.count, isSpace(c[j]), bareLabels.contains(lowerString(c[start..<j])) {
            return skipSpaces(c, j)
        }
        return start
    }

    private static func skipSpaces(_ c: Text, _ start: Int) -> Int {
        var i = start
        while i < c.count, isSpace(c[i]) { i += 1 }
        return i
    }

    private static func matchPrefix(_ prefixes: [Text], _ c: Text, _ start: Int) -> Int? {
        outer: for p in prefixes {
            guard start + p.count <= c.count else { continue }
            for (k, ch) in p.enumerated() {
                let x = c[start + k]
                if ch == " " ? !isSpace(x) : lower(x) != ch { continue outer }
            }
            return start + p.count
        }
        return nil
    }
}
