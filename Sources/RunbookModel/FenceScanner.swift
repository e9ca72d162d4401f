#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds, with one quick pass over the lines of Markdown text, the fenced code blocks cmark-gfm will
/// most likely report: a fence opened at the very start of a line (no indentation, so outside any
/// list or quote) and closed by a matching fence. A guess, not a parse: fences inside HTML blocks,
/// containers and other rare constructs can fool it, so every guess must be checked against what
/// cmark-gfm really found (see `CodeBlockPrefetch`).
enum FenceScanner {
    /// A guessed code block: 1-based line of its opening fence, and byte ranges in the scanned text of
    /// its info string (trimmed) and body (the lines between the fences, without the last newline).
    struct Guess: Sendable {
        var line: Int
        var info: Range<Int>
        var body: Range<Int>
    }

    /// Guesses in source order. Text with carriage returns or NUL bytes (which cmark-gfm rewrites) gets none.
    static func scan(_ text: UnsafeBufferPointer<UInt8>) -> [Guess] {
        guard !contains(0x0D, text), !contains(0x00, text) else { return [] }
        var guesses: [Guess] = []
        var open: Fence?
        var lineNumber = 1
        var start = 0
        while start < text.count {
            let end = lineEnd(text, from: start)
            if let fence = open {
                if fence.isClosed(by: text, start..<end) {
                    if let info = fence.info {
                        let body = fence.contentStart < start ? fence.contentStart..<start - 1 : start..<start
                        guesses.append(Guess(line: fence.line, info: info, body: body))
                    }
                    open = nil
                }
            } else {
                open = Fence(opening: text, start..<end, line: lineNumber)
            }
            start = end + 1
            lineNumber += 1
        }
        return guesses
    }

    /// An open fence.
    private struct Fence {
        var character: UInt8
        var length: Int
        var line: Int
        /// Offset of the first content line.
        var contentStart: Int
        /// The trimmed info string, or nil when the block is not guessed (indented fence, or an info
        /// string cmark-gfm would unescape).
        var info: Range<Int>?

        /// The fence opened by `line`, if it is one: up to 3 spaces, 3 or more backticks or tildes,
        /// and for backticks an info string without backticks.
        init?(opening text: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, line number: Int) {
            var i = line.lowerBound
            while i < line.upperBound, text[i] == 0x20, i - line.lowerBound < 3 { i += 1 }
            let indent = i - line.lowerBound
            guard i < line.upperBound, text[i] == 0x60 || text[i] == 0x7E else { return nil }   // ` ~
            character = text[i]
            let runStart = i
            while i < line.upperBound, text[i] == character { i += 1 }
            length = i - runStart
            guard length >= 3 else { return nil }
            if character == 0x60, contains(0x60, UnsafeBufferPointer(rebasing: text[i..<line.upperBound])) { return nil }
            self.line = number
            contentStart = line.upperBound + 1
            var infoStart = i, infoEnd = line.upperBound
            while infoStart < infoEnd, FenceScanner.isSpace(text[infoStart]) { infoStart += 1 }
            while infoEnd > infoStart, FenceScanner.isSpace(text[infoEnd - 1]) { infoEnd -= 1 }
            let rest = UnsafeBufferPointer(rebasing: text[infoStart..<infoEnd])
            let plain = !contains(0x5C, rest) && !contains(0x26, rest)   // no \ escapes, no & entities
            info = indent == 0 && plain ? infoStart..<infoEnd : nil
        }

        /// Whether `line` closes the fence: up to 3 spaces, at least as many fence characters, then blanks.
        func isClosed(by text: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
            var i = line.lowerBound
            while i < line.upperBound, text[i] == 0x20, i - line.lowerBound < 3 { i += 1 }
            let runStart = i
            while i < line.upperBound, text[i] == character { i += 1 }
            guard i - runStart >= length else { return false }
            while i < line.upperBound, text[i] == 0x20 || text[i] == 0x09 { i += 1 }
            return i == line.upperBound
        }
    }

    /// cmark's `cmark_isspace`.
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    private static func lineEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = text.baseAddress,
              let found = memchr(base + start, 0x0A, text.count - start) else { return text.count }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    private static func contains(_ byte: UInt8, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress, !text.isEmpty else { return false }
        return memchr(base, Int32(byte), text.count) != nil
    }
}
