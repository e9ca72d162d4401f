/// A ring buffer of the lines that scrolled off the top, capped at `limit` (oldest dropped first).
///
/// Slots grow on demand up to `limit`; once full, each new line overwrites (and frees) the oldest.
struct ScrollbackBuffer {
    /// Most lines kept.
    let limit: Int
    private var storage: [ScrollbackLine] = []
    private var head = 0
    /// Lines currently kept.
    private(set) var count = 0
    /// Lines dropped because the buffer was full, since creation.
    private(set) var droppedCount = 0

    /// Creates an empty buffer keeping at most `limit` lines (0 keeps none).
    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Adds the newest line, dropping the oldest when full.
    mutating func append(_ line: ScrollbackLine) {
        assert(line.isConsistent, "inconsistent scrollback line \(line)")
        guard limit > 0 else {
            droppedCount += 1
            return
        }
        if count < storage.count {
            storage[(head + count) % storage.count] = line
            count += 1
        } else if storage.count < limit {
            // Not yet wrapped, so head == 0 and the next slot is the end.
            storage.append(line)
            count += 1
        } else {
            storage[head] = line
            head = (head + 1) % storage.count
            droppedCount += 1
        }
    }

    /// Removes and returns the newest line (for a terminal growing taller), or nil when empty.
    mutating func popLast() -> ScrollbackLine? {
        guard count > 0 else { return nil }
        let index = (head + count - 1) % storage.count
        let line = storage[index]
        storage[index] = .empty
        count -= 1
        return line
    }

    /// The line at `index`, 0 being the oldest kept.
    subscript(index: Int) -> ScrollbackLine {
        precondition(index >= 0 && index < count, "scrollback index \(index) out of range 0..<\(count)")
        return storage[(head + index) % storage.count]
    }

    /// Approximate heap bytes: slots plus line payloads (array headers and malloc rounding excluded).
    var approximateBytes: Int {
        var total = storage.capacity * MemoryLayout<ScrollbackLine>.stride
        for index in 0..<count {
            total += self[index].payloadBytes
        }
        return total
    }
}
