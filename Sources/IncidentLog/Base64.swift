/// Standard base64 (RFC 4648, `+/` alphabet, `=` padding), used to store raw terminal output losslessly.
public enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 255 marks a byte that is not part of the alphabet.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    /// The number of characters `count` bytes encode to.
    public static func encodedLength(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Encodes `bytes` as a base64 string.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        encode(bytes, appendingTo: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the base64 encoding of `bytes` to `out` (ASCII bytes).
    public static func encode(_ bytes: some Collection<UInt8>, appendingTo out: inout [UInt8]) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { encode(UnsafeRawBufferPointer($0), appendingTo: &out) }
        if done == nil { Array(bytes).withUnsafeBytes { encode($0, appendingTo: &out) } }
    }

    /// Appends the base64 encoding of the bytes in `input` to `out` (ASCII bytes).
    public static func encode(_ input: UnsafeRawBufferPointer, appendingTo out: inout [UInt8]) {
        let count = input.count
        guard count > 0, let source = input.baseAddress else { return }
        let outLength = encodedLength(count)
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: outLength))
        alphabet.withUnsafeBufferPointer { table in
            out.withUnsafeMutableBufferPointer { buffer in
                guard let t = table.baseAddress, let base = buffer.baseAddress else { return }
                let src = source.assumingMemoryBound(to: UInt8.self)
                var dst = base + start
                var i = 0
                let whole = count - count % 3
                while i < whole {
                    let b0 = UInt32(src[i]), b1 = UInt32(src[i &+ 1]), b2 = UInt32(src[i &+ 2])
                    let n = (b0 << 16) | (b1 << 8) | b2
                    dst[0] = t[Int(n >> 18)]
                    dst[1] = t[Int((n >> 12) & 63)]
                    dst[2] = t[Int((n >> 6) & 63)]
                    dst[3] = t[Int(n & 63)]
                    dst += 4
                    i &+= 3
                }
                let rest = count - whole
                if rest > 0 {
                    let b0 = UInt32(src[i])
                    let b1 = rest == 2 ? UInt32(src[i &+ 1]) : 0
                    let n = (b0 << 16) | (b1 << 8)
                    dst[0] = t[Int(n >> 18)]
                    dst[1] = t[Int((n >> 12) & 63)]
                    dst[2] = rest == 2 ? t[Int((n >> 6) & 63)] : UInt8(ascii: "=")
                    dst[3] = UInt8(ascii: "=")
                }
            }
        }
    }

    /// Decodes a padded base64 string; `nil` when it contains anything else (whitespace included)
    /// or has a length that is not a multiple of 4.
    public static func decode(_ text: String) -> [UInt8]? {
        var copy = text
        return copy.withUTF8 { decode(UnsafeRawBufferPointer($0)) }
    }

    /// Decodes padded base64 from ASCII bytes; `nil` when the input is not valid base64.
    public static func decode(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        let count = input.count
        if count == 0 { return [] }
        guard count % 4 == 0, let source = input.baseAddress else { return nil }
        let src = source.assumingMemoryBound(to: UInt8.self)
        var padding = 0
        if src[count - 1] == UInt8(ascii: "=") { padding += 1 }
        if src[count - 2] == UInt8(ascii: "=") { padding += 1 }
        var out = [UInt8](repeating: 0, count: count / 4 * 3 - padding)
        let ok: Bool = decodeTable.withUnsafeBufferPointer { table in
            out.withUnsafeMutableBufferPointer { buffer in
                guard let t = table.baseAddress else { return false }
                var o = 0
                var i = 0
                while i < count {
                    let last = i + 4 == count
                    let c0 = t[Int(src[i])], c1 = t[Int(src[i &+ 1])]
                    var c2 = t[Int(src[i &+ 2])], c3 = t[Int(src[i &+ 3])]
                    if last && padding >= 1 { c3 = 0 }
                    if last && padding == 2 { c2 = 0 }
                    if (c0 | c1 | c2 | c3) & 0xC0 != 0 { return false }
                    let n = (UInt32(c0) << 18) | (UInt32(c1) << 12) | (UInt32(c2) << 6) | UInt32(c3)
                    if !last || padding == 0 {
                        buffer[o] = UInt8(truncatingIfNeeded: n >> 16)
                        buffer[o &+ 1] = UInt8(truncatingIfNeeded: n >> 8)
                        buffer[o &+ 2] = UInt8(truncatingIfNeeded: n)
                        o &+= 3
                    } else {
                        // Non-canonical encodings (stray bits under the padding) are rejected.
                        if padding == 1 && n & 0xFF != 0 { return false }
                        if padding == 2 && n & 0xFFFF != 0 { return false }
                        buffer[o] = UInt8(truncatingIfNeeded: n >> 16)
                        if padding == 1 { buffer[o &+ 1] = UInt8(truncatingIfNeeded: n >> 8) }
                    }
                    i &+= 4
                }
                return true
            }
        }
        return ok ? out : nil
    }
}
