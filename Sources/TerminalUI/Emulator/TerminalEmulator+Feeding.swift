import CVTerm

/// Getting bytes into libvterm: sanitizing, chunking, and the switch to and from the bulk path.
extension TerminalEmulator {
    /// Feeds output bytes of the program: text, escape sequences, invalid UTF-8, NULs, anything.
    public func feed(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { feed(buffer: $0) }
        if done == nil {
            Array(bytes).withUnsafeBufferPointer { feed(buffer: $0) }
        }
    }

    /// Feeds the UTF-8 of a string (convenient for tests and messages).
    public func feed(_ text: String) {
        var text = text
        text.withUTF8 { feed(buffer: $0) }
    }

    /// Feeds contiguous bytes, first joining them to an unfinished bulk line held from before.
    func feed(buffer input: UnsafeBufferPointer<UInt8>) {
        if let held = bulk?.partial, !held.isEmpty {
            bulk?.partial = []
            (held + Array(input)).withUnsafeBufferPointer { feedUnits($0) }
        } else {
            feedUnits(input)
        }
    }

    /// Splits input between the bulk fast path and libvterm.
    func feedUnits(_ input: UnsafeBufferPointer<UInt8>) {
        var index = 0
        var noRunBefore = 0
        while index < input.count {
            if bulk != nil {
                index = consumeBulk(input, from: index)
                if index >= input.count { break }
                materialize()
            }
            guard bulkFastPathEnabled, rows >= 2, !alternateScreen, sanitizer.isQuiescent else {
                let end = min(input.count, index + Self.chunkLimit)
                pass(UnsafeBufferPointer(rebasing: input[index..<end]))
                index = end
                continue
            }
            if index >= noRunBefore, let column = bulkEntryColumn {
                let threshold = bulkEntryRows
                let (runRows, stop) = BulkLines.countRows(input, from: index, column: column,
                                                          columns: cols, limit: threshold)
                if runRows >= threshold, let style = blankBottomRowStyle() {
                    bulk = BulkLines(style: style, columns: cols, keepRows: rows - 1, column: column)
                    bulkEntries += 1
                    copyRowsAboveCursorToScrollback()
                    continue
                }
                noRunBefore = stop
            }
            let end = lineEnd(input, from: index)
            pass(UnsafeBufferPointer(rebasing: input[index..<end]))
            index = end
        }
    }

    /// Index just past the next LF, at most `chunkLimit` bytes on.
    func lineEnd(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let limit = min(input.count, start + Self.chunkLimit)
        var index = start
        while index < limit {
            if input[index] == 0x0A { return index + 1 }
            index += 1
        }
        return limit
    }

    /// Sanitizes bytes and hands them to libvterm.
    func pass(_ bytes: UnsafeBufferPointer<UInt8>) {
        sanitized.removeAll(keepingCapacity: true)
        sanitizer.sanitize(bytes, into: &sanitized)
        sanitized.withUnsafeBufferPointer { write($0) }
    }

    /// Writes safe bytes to libvterm in pieces it can take, not splitting UTF-8 characters.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while start < bytes.count {
            var end = min(bytes.count, start + Self.writeLimit)
            if end < bytes.count {
                var boundary = end
                while boundary > start + 1 && boundary > end - 4 && bytes[boundary] & 0xC0 == 0x80 {
                    boundary -= 1
                }
                if bytes[boundary] & 0xC0 != 0x80 { end = boundary }
            }
            bytes.baseAddress!.advanced(by: start).withMemoryRebound(to: CChar.self, capacity: end - start) {
                _ = vterm_input_write(vterm, $0, end - start)
            }
            start = end
        }
    }

    /// Brings libvterm up to date with everything fed: the sanitizer's held last character, or
    /// the held bulk lines (see `BulkLines`). Every read of the screen calls it.
    func materialize() {
        let held = sanitizer.takeHeldText()
        if !held.isEmpty {
            held.withUnsafeBufferPointer { write($0) }
        }
        guard let lines = bulk else { return }
        bulk = nil
        pushesToSuppress = lines.keepRows
        lines.replayBytes.withUnsafeBufferPointer { write($0) }
        assert(pushesToSuppress == 0, "bulk replay pushed fewer rows than it copied")
        pushesToSuppress = 0
        damage.markAll()
    }
}
