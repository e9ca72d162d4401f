/// Rows changed since the UI last looked, as libvterm's damage callback reports them.
struct DamageTracker {
    private var dirty: [Bool]
    private var anyDirty = false

    /// Tracks `rows` rows, all clean.
    init(rows: Int) {
        dirty = Array(repeating: false, count: rows)
    }

    /// Marks rows `start..<end` (clipped to the screen).
    mutating func mark(from start: Int, to end: Int) {
        let lower = max(0, start)
        let upper = min(dirty.count, end)
        guard lower < upper else { return }
        for row in lower..<upper {
            dirty[row] = true
        }
        anyDirty = true
    }

    /// Marks every row.
    mutating func markAll() {
        mark(from: 0, to: dirty.count)
    }

    /// Starts over with `rows` rows, all dirty (after a resize everything must be redrawn).
    mutating func reset(rows: Int) {
        dirty = Array(repeating: true, count: rows)
        anyDirty = rows > 0
    }

    /// The dirty rows as sorted, non-overlapping ranges; then all rows are clean again.
    mutating func take() -> [Range<Int>] {
        guard anyDirty else { return [] }
        var ranges: [Range<Int>] = []
        var start: Int?
        for row in 0..<dirty.count {
            if dirty[row] {
                if start == nil { start = row }
                dirty[row] = false
            } else if let first = start {
                ranges.append(first..<row)
                start = nil
            }
        }
        if let first = start {
            ranges.append(first..<dirty.count)
        }
        anyDirty = false
        return ranges
    }
}
