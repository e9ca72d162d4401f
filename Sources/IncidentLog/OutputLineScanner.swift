import Foundation

/// Finds `seq` and `mono` of an `output` event line without parsing (or decoding) its payload, for
/// indexing logs of hundreds of megabytes at close to the speed of reading them.
///
/// Only the exact layout `IncidentLogWriter` writes is recognised:
/// `{"seq":N,"time":"…Z","mono":S,"type":"output","payload":{"command":"ID","data":"BASE64"},"prev":"<64 hex>"}`.
/// The numbers are read by `JSONValueParser` (on their few bytes); the base64 is not read at all (its
/// length must be a multiple of 4 and the line must end in `"},"prev":"<64 hex>"}` right after it), so a
/// line damaged inside its data is only found when `LogIndex.event(_:)` parses it. Anything else — another key order, escapes in
/// the command id, another type — returns `nil` and the caller parses the line fully.
enum OutputLineScanner {
    /// `seq` and `mono` of a writer-layout output line, or `nil` when the line has any other shape.
    static func scan(_ line: UnsafeRawBufferPointer) -> (seq: Int, mono: Double)? {
        var cursor = Cursor(bytes: line)
        guard cursor.expect(#"{"seq":"#) else { return nil }
        guard let seqValue = cursor.number(), let seq64 = seqValue.intValue, seq64 >= 1, let seq = Int(exactly: seq64) else { return nil }
        guard cursor.expect(#","time":""#), cursor.skipString(maximum: 40, lastByte: UInt8(ascii: "Z")) else { return nil }
        guard cursor.expect(#","mono":"#) else { return nil }
        guard let monoValue = cursor.number(), let mono = monoValue.doubleValue, mono.isFinite, mono >= 0 else { return nil }
        guard cursor.expect(#","type":"output","payload":{"command":""#), cursor.skipString(maximum: 4096, lastByte: nil) else { return nil }
        guard cursor.expect(#","data":""#) else { return nil }
        let suffixLength = 11 + 64 + 2  // "},"prev":" + hex + "}
        let dataEnd = line.count - suffixLength
        guard dataEnd >= cursor.index, (dataEnd - cursor.index) % 4 == 0 else { return nil }
        cursor.index = dataEnd
        guard cursor.expect(#""},"prev":""#) else { return nil }
        for _ in 0..<64 {
            let byte = line[cursor.index]
            guard (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) else {
                return nil
            }
            cursor.index += 1
        }
        guard cursor.expect(#""}"#), cursor.index == line.count else { return nil }
        return (seq, mono)
    }

    /// A read position in a line; every step checks bounds and fails softly.
    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        /// Consumes `literal` when the bytes at the cursor spell it.
        mutating func expect(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard bytes.count - index >= count else { return false }
            let matches = literal.withUTF8Buffer { text in
                memcmp(bytes.baseAddress! + index, text.baseAddress!, count) == 0
            }
            if matches { index += count }
            return matches
        }

        /// Consumes a JSON number (up to the next `,`) and parses it with `JSONValueParser`.
        mutating func number() -> JSONValue? {
            let start = index
            while index < bytes.count, index - start < 32 {
                let byte = bytes[index]
                guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                        || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                else { break }
                index += 1
            }
            guard index > start, index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return nil }
            return try? JSONValueParser.parse(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        }

        /// Consumes string contents up to and including the closing quote (the opening one is already
        /// consumed). Fails on a backslash or control byte (left to the full parser), when longer than
        /// `maximum`, or when the last byte before the quote is not `lastByte`.
        mutating func skipString(maximum: Int, lastByte: UInt8?) -> Bool {
            let start = index
            while index < bytes.count, index - start <= maximum {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    if let lastByte, index == start || bytes[index - 1] != lastByte { return false }
                    index += 1
                    return true
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return false }
                index += 1
            }
            return false
        }
    }
}
