/// Decodes a byte stream that arrives in pieces into text, never splitting a multi-byte character:
/// an incomplete sequence at the end of one piece is held back and completed by the next. Invalid
/// bytes become U+FFFD (one per maximal invalid subpart, as `String(decoding:as:)` repairs them).
struct UTF8StreamDecoder {
    /// Held-back bytes: the start of a character whose remaining bytes have not arrived yet.
    private(set) var pending: [UInt8] = []

    /// The text of `pending + bytes`, holding back an incomplete character at the end.
    mutating func decode(_ bytes: some Collection<UInt8>) -> String {
        var all = pending
        all.append(contentsOf: bytes)
        let keep = UTF8StreamDecoder.incompleteTailLength(all)
        pending = Array(all.suffix(keep))
        return String(decoding: all.dropLast(keep), as: UTF8.self)
    }

    /// Whatever is held back, as text (U+FFFD for the incomplete character); the decoder is then empty.
    mutating func finish() -> String {
        defer { pending = [] }
        return pending.isEmpty ? "" : String(decoding: pending, as: UTF8.self)
    }

    /// How many bytes at the end of `bytes` start a character that needs more bytes than follow it:
    /// a lead byte (0xC2...0xF4) in the last three, followed only by continuation bytes, fewer than it needs.
    static func incompleteTailLength(_ bytes: [UInt8]) -> Int {
        var back = 1
        while back <= min(3, bytes.count) {
            let byte = bytes[bytes.count - back]
            if byte & 0xC0 == 0x80 {  // continuation byte: keep looking for its lead byte
                back += 1
                continue
            }
            let needed: Int
            switch byte {
            case 0xC2...0xDF: needed = 2
            case 0xE0...0xEF: needed = 3
            case 0xF0...0xF4: needed = 4
            default: return 0
            }
            return back < needed ? back : 0
        }
        return 0
    }
}
