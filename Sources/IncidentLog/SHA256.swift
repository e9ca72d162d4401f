/// SHA-256 (FIPS 180-4), written in plain Swift so the log needs no package dependency.
///
/// `SHA256.hex(bytes)` hashes a whole buffer; `SHA256.Incremental` hashes data that arrives in pieces.
/// Output matches `sha256sum`.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var hasher = Incremental()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of `bytes` as 64 lowercase hexadecimal characters (what `sha256sum` prints).
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        var hasher = Incremental()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// The digest of the bytes in `buffer` as 64 lowercase hexadecimal characters.
    public static func hex(_ buffer: UnsafeRawBufferPointer) -> String {
        var hasher = Incremental()
        hasher.update(buffer)
        return hasher.finalizeHex()
    }

    /// Lowercase hexadecimal spelling of any bytes (two characters per byte).
    public static func hexString(_ digest: some Sequence<UInt8>) -> String {
        String(decoding: hexBytes(digest), as: UTF8.self)
    }

    /// Lowercase hexadecimal spelling of `digest` as ASCII bytes.
    static func hexBytes(_ digest: some Sequence<UInt8>) -> [UInt8] {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return out
    }

    /// A SHA-256 computation fed piece by piece: `update` any number of times, then `finalize` once.
    public struct Incremental: Sendable {
        private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
        /// Bytes of an incomplete block, waiting for more input (always fewer than 64).
        private var pending: [UInt8] = []
        private var totalBytes: UInt64 = 0

        /// A fresh computation.
        public init() {}

        /// Feeds `bytes` into the digest.
        public mutating func update(_ bytes: some Collection<UInt8>) {
            let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
                update(UnsafeRawBufferPointer(buffer))
            }
            if done == nil {
                let copy = Array(bytes)
                copy.withUnsafeBytes { update($0) }
            }
        }

        /// Feeds the bytes of `buffer` into the digest.
        public mutating func update(_ buffer: UnsafeRawBufferPointer) {
            guard var base = buffer.baseAddress, buffer.count > 0 else { return }
            var remaining = buffer.count
            totalBytes &+= UInt64(remaining)
            if !pending.isEmpty {
                let take = min(64 - pending.count, remaining)
                pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: take))
                base += take
                remaining -= take
                if pending.count < 64 { return }
                pending.withUnsafeBytes { block in
                    if let start = block.baseAddress { SHA256.compress(&state, start, blocks: 1) }
                }
                pending.removeAll(keepingCapacity: true)
            }
            let blocks = remaining / 64
            if blocks > 0 {
                SHA256.compress(&state, base, blocks: blocks)
                base += blocks * 64
                remaining -= blocks * 64
            }
            if remaining > 0 {
                pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: remaining))
            }
        }

        /// Pads the message and returns the 32-byte digest. Do not call `update` afterwards.
        public mutating func finalize() -> [UInt8] {
            let bitLength = totalBytes &* 8
            var tail = pending
            tail.append(0x80)
            while tail.count % 64 != 56 { tail.append(0) }
            for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
            tail.withUnsafeBytes { block in
                if let start = block.baseAddress { SHA256.compress(&state, start, blocks: block.count / 64) }
            }
            pending.removeAll()
            let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
            var digest: [UInt8] = []
            digest.reserveCapacity(32)
            for word in words {
                digest.append(UInt8(truncatingIfNeeded: word >> 24))
                digest.append(UInt8(truncatingIfNeeded: word >> 16))
                digest.append(UInt8(truncatingIfNeeded: word >> 8))
                digest.append(UInt8(truncatingIfNeeded: word))
            }
            return digest
        }

        /// Pads the message and returns the digest as 64 lowercase hexadecimal characters.
        public mutating func finalizeHex() -> String {
            SHA256.hexString(finalize())
        }
    }

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x &>> n) | (x &<< (32 &- n))
    }

    /// One SHA-256 round; the caller rotates the roles of the eight working variables.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32
    ) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
        d = d &+ t1
        h = t1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) | (c & (a | b)))
    }

    @inline(__always)
    private static func sigma0(_ x: UInt32) -> UInt32 { rotr(x, 7) ^ rotr(x, 18) ^ (x &>> 3) }

    @inline(__always)
    private static func sigma1(_ x: UInt32) -> UInt32 { rotr(x, 17) ^ rotr(x, 19) ^ (x &>> 10) }

    /// Runs the compression function over `blocks` consecutive 64-byte blocks starting at `data`
    /// (all 64 rounds unrolled, the message schedule kept in a rolling window of 16 words; round `i` uses
    /// the working variables rotated by `i`, and `w[i % 16]` is refreshed from rounds 16 on).
    private static func compress(
        _ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
        _ data: UnsafeRawPointer, blocks: Int
    ) {
        roundConstants.withUnsafeBufferPointer { constants in
            guard let k = constants.baseAddress else { return }
            var (h0, h1, h2, h3, h4, h5, h6, h7) = state
            var block = data
            for _ in 0..<blocks {
                var w0 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
                var w1 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                var w2 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
                var w3 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
                var w4 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
                var w5 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 20, as: UInt32.self))
                var w6 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
                var w7 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
                var w8 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 32, as: UInt32.self))
                var w9 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 36, as: UInt32.self))
                var w10 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 40, as: UInt32.self))
                var w11 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 44, as: UInt32.self))
                var w12 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 48, as: UInt32.self))
                var w13 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 52, as: UInt32.self))
                var w14 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 56, as: UInt32.self))
                var w15 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 60, as: UInt32.self))
                var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                round(a, b, c, &d, e, f, g, &h, k[0] &+ w0)
                round(h, a, b, &c, d, e, f, &g, k[1] &+ w1)
                round(g, h, a, &b, c, d, e, &f, k[2] &+ w2)
                round(f, g, h, &a, b, c, d, &e, k[3] &+ w3)
                round(e, f, g, &h, a, b, c, &d, k[4] &+ w4)
                round(d, e, f, &g, h, a, b, &c, k[5] &+ w5)
                round(c, d, e, &f, g, h, a, &b, k[6] &+ w6)
                round(b, c, d, &e, f, g, h, &a, k[7] &+ w7)
                round(a, b, c, &d, e, f, g, &h, k[8] &+ w8)
                round(h, a, b, &c, d, e, f, &g, k[9] &+ w9)
                round(g, h, a, &b, c, d, e, &f, k[10] &+ w10)
                round(f, g, h, &a, b, c, d, &e, k[11] &+ w11)
                round(e, f, g, &h, a, b, c, &d, k[12] &+ w12)
                round(d, e, f, &g, h, a, b, &c, k[13] &+ w13)
                round(c, d, e, &f, g, h, a, &b, k[14] &+ w14)
                round(b, c, d, &e, f, g, h, &a, k[15] &+ w15)
                w0 = w0 &+ sigma0(w1) &+ w9 &+ sigma1(w14)
                round(a, b, c, &d, e, f, g, &h, k[16] &+ w0)
                w1 = w1 &+ sigma0(w2) &+ w10 &+ sigma1(w15)
                round(h, a, b, &c, d, e, f, &g, k[17] &+ w1)
                w2 = w2 &+ sigma0(w3) &+ w11 &+ sigma1(w0)
                round(g, h, a, &b, c, d, e, &f, k[18] &+ w2)
                w3 = w3 &+ sigma0(w4) &+ w12 &+ sigma1(w1)
                round(f, g, h, &a, b, c, d, &e, k[19] &+ w3)
                w4 = w4 &+ sigma0(w5) &+ w13 &+ sigma1(w2)
                round(e, f, g, &h, a, b, c, &d, k[20] &+ w4)
                w5 = w5 &+ sigma0(w6) &+ w14 &+ sigma1(w3)
                round(d, e, f, &g, h, a, b, &c, k[21] &+ w5)
                w6 = w6 &+ sigma0(w7) &+ w15 &+ sigma1(w4)
                round(c, d, e, &f, g, h, a, &b, k[22] &+ w6)
                w7 = w7 &+ sigma0(w8) &+ w0 &+ sigma1(w5)
                round(b, c, d, &e, f, g, h, &a, k[23] &+ w7)
                w8 = w8 &+ sigma0(w9) &+ w1 &+ sigma1(w6)
                round(a, b, c, &d, e, f, g, &h, k[24] &+ w8)
                w9 = w9 &+ sigma0(w10) &+ w2 &+ sigma1(w7)
                round(h, a, b, &c, d, e, f, &g, k[25] &+ w9)
                w10 = w10 &+ sigma0(w11) &+ w3 &+ sigma1(w8)
                round(g, h, a, &b, c, d, e, &f, k[26] &+ w10)
                w11 = w11 &+ sigma0(w12) &+ w4 &+ sigma1(w9)
                round(f, g, h, &a, b, c, d, &e, k[27] &+ w11)
                w12 = w12 &+ sigma0(w13) &+ w5 &+ sigma1(w10)
                round(e, f, g, &h, a, b, c, &d, k[28] &+ w12)
                w13 = w13 &+ sigma0(w14) &+ w6 &+ sigma1(w11)
                round(d, e, f, &g, h, a, b, &c, k[29] &+ w13)
                w14 = w14 &+ sigma0(w15) &+ w7 &+ sigma1(w12)
                round(c, d, e, &f, g, h, a, &b, k[30] &+ w14)
                w15 = w15 &+ sigma0(w0) &+ w8 &+ sigma1(w13)
                round(b, c, d, &e, f, g, h, &a, k[31] &+ w15)
                w0 = w0 &+ sigma0(w1) &+ w9 &+ sigma1(w14)
                round(a, b, c, &d, e, f, g, &h, k[32] &+ w0)
                w1 = w1 &+ sigma0(w2) &+ w10 &+ sigma1(w15)
                round(h, a, b, &c, d, e, f, &g, k[33] &+ w1)
                w2 = w2 &+ sigma0(w3) &+ w11 &+ sigma1(w0)
                round(g, h, a, &b, c, d, e, &f, k[34] &+ w2)
                w3 = w3 &+ sigma0(w4) &+ w12 &+ sigma1(w1)
                round(f, g, h, &a, b, c, d, &e, k[35] &+ w3)
                w4 = w4 &+ sigma0(w5) &+ w13 &+ sigma1(w2)
                round(e, f, g, &h, a, b, c, &d, k[36] &+ w4)
                w5 = w5 &+ sigma0(w6) &+ w14 &+ sigma1(w3)
                round(d, e, f, &g, h, a, b, &c, k[37] &+ w5)
                w6 = w6 &+ sigma0(w7) &+ w15 &+ sigma1(w4)
                round(c, d, e, &f, g, h, a, &b, k[38] &+ w6)
                w7 = w7 &+ sigma0(w8) &+ w0 &+ sigma1(w5)
                round(b, c, d, &e, f, g, h, &a, k[39] &+ w7)
                w8 = w8 &+ sigma0(w9) &+ w1 &+ sigma1(w6)
                round(a, b, c, &d, e, f, g, &h, k[40] &+ w8)
                w9 = w9 &+ sigma0(w10) &+ w2 &+ sigma1(w7)
                round(h, a, b, &c, d, e, f, &g, k[41] &+ w9)
                w10 = w10 &+ sigma0(w11) &+ w3 &+ sigma1(w8)
                round(g, h, a, &b, c, d, e, &f, k[42] &+ w10)
                w11 = w11 &+ sigma0(w12) &+ w4 &+ sigma1(w9)
                round(f, g, h, &a, b, c, d, &e, k[43] &+ w11)
                w12 = w12 &+ sigma0(w13) &+ w5 &+ sigma1(w10)
                round(e, f, g, &h, a, b, c, &d, k[44] &+ w12)
                w13 = w13 &+ sigma0(w14) &+ w6 &+ sigma1(w11)
                round(d, e, f, &g, h, a, b, &c, k[45] &+ w13)
                w14 = w14 &+ sigma0(w15) &+ w7 &+ sigma1(w12)
                round(c, d, e, &f, g, h, a, &b, k[46] &+ w14)
                w15 = w15 &+ sigma0(w0) &+ w8 &+ sigma1(w13)
                round(b, c, d, &e, f, g, h, &a, k[47] &+ w15)
                w0 = w0 &+ sigma0(w1) &+ w9 &+ sigma1(w14)
                round(a, b, c, &d, e, f, g, &h, k[48] &+ w0)
                w1 = w1 &+ sigma0(w2) &+ w10 &+ sigma1(w15)
                round(h, a, b, &c, d, e, f, &g, k[49] &+ w1)
                w2 = w2 &+ sigma0(w3) &+ w11 &+ sigma1(w0)
                round(g, h, a, &b, c, d, e, &f, k[50] &+ w2)
                w3 = w3 &+ sigma0(w4) &+ w12 &+ sigma1(w1)
                round(f, g, h, &a, b, c, d, &e, k[51] &+ w3)
                w4 = w4 &+ sigma0(w5) &+ w13 &+ sigma1(w2)
                round(e, f, g, &h, a, b, c, &d, k[52] &+ w4)
                w5 = w5 &+ sigma0(w6) &+ w14 &+ sigma1(w3)
                round(d, e, f, &g, h, a, b, &c, k[53] &+ w5)
                w6 = w6 &+ sigma0(w7) &+ w15 &+ sigma1(w4)
                round(c, d, e, &f, g, h, a, &b, k[54] &+ w6)
                w7 = w7 &+ sigma0(w8) &+ w0 &+ sigma1(w5)
                round(b, c, d, &e, f, g, h, &a, k[55] &+ w7)
                w8 = w8 &+ sigma0(w9) &+ w1 &+ sigma1(w6)
                round(a, b, c, &d, e, f, g, &h, k[56] &+ w8)
                w9 = w9 &+ sigma0(w10) &+ w2 &+ sigma1(w7)
                round(h, a, b, &c, d, e, f, &g, k[57] &+ w9)
                w10 = w10 &+ sigma0(w11) &+ w3 &+ sigma1(w8)
                round(g, h, a, &b, c, d, e, &f, k[58] &+ w10)
                w11 = w11 &+ sigma0(w12) &+ w4 &+ sigma1(w9)
                round(f, g, h, &a, b, c, d, &e, k[59] &+ w11)
                w12 = w12 &+ sigma0(w13) &+ w5 &+ sigma1(w10)
                round(e, f, g, &h, a, b, c, &d, k[60] &+ w12)
                w13 = w13 &+ sigma0(w14) &+ w6 &+ sigma1(w11)
                round(d, e, f, &g, h, a, b, &c, k[61] &+ w13)
                w14 = w14 &+ sigma0(w15) &+ w7 &+ sigma1(w12)
                round(c, d, e, &f, g, h, a, &b, k[62] &+ w14)
                w15 = w15 &+ sigma0(w0) &+ w8 &+ sigma1(w13)
                round(b, c, d, &e, f, g, h, &a, k[63] &+ w15)
                h0 = h0 &+ a; h1 = h1 &+ b; h2 = h2 &+ c; h3 = h3 &+ d
                h4 = h4 &+ e; h5 = h5 &+ f; h6 = h6 &+ g; h7 = h7 &+ h
                block += 64
            }
            state = (h0, h1, h2, h3, h4, h5, h6, h7)
        }
    }
}
