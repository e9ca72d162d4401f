/// A single-byte charset that UTF-8 text may have been mis-decoded as (see ``MojibakeRepair``).
///
/// Internal: the tables live in `Windows1252.swift` and `MacRoman.swift`.
struct MojibakeCharset: Sendable {
    /// A display name.
    let name: String
    /// The scalar each byte 0x80...0xFF decodes to (128 entries).
    let high: [UInt32]
    /// Bytes a decoder may have dropped (undefined in the charset), most likely first.
    let lostBytes: [UInt8]
    /// Byte for scalars below U+2300 (flat table), or -1.
    let low: [Int16]
    /// Byte for the few scalars from U+2300 up (◊, the Apple logo, ﬁ, ﬂ).
    let other: [UInt32: UInt8]

    private static let flatLimit: UInt32 = 0x2300

    init(name: String, high: [UInt32], lostBytes: [UInt8]) {
        precondition(high.count == 128, "a charset table has 128 entries")
        self.name = name
        self.high = high
        self.lostBytes = lostBytes
        var low = [Int16](repeating: -1, count: Int(Self.flatLimit))
        var other: [UInt32: UInt8] = [:]
        for (i, scalar) in high.enumerated() {
            let byte = UInt8(0x80 + i)
            if scalar < Self.flatLimit { low[Int(scalar)] = Int16(byte) } else { other[scalar] = byte }
        }
        self.low = low
        self.other = other
    }

    /// The byte a (non-ASCII) scalar encodes to, or nil when the charset has no such character.
    @inline(__always)
    func byte(for scalar: UInt32) -> UInt8? {
        if scalar < Self.flatLimit {
            let b = low[Int(scalar)]
            return b < 0 ? nil : UInt8(b)
        }
        return other.isEmpty || scalar < 0x25CA ? nil : other[scalar]
    }
}

/// Repairs mojibake: UTF-8 text that was once decoded as Windows-1252 or Mac Roman and saved again,
/// e.g. "ðŸš¨" or "üö®" for 🚨, "âœ…" or "‚úÖ" for ✅, "â†’" or "‚Üí" for →, "âš ï¸" or "‚ö†Ô∏è" for ⚠️.
///
/// How it works (one linear pass over the UTF-8 bytes, untouched input returned as is):
/// - A *region* is a maximal run of non-ASCII scalars that exist in the high half (0x80-0xFF) of
///   Windows-1252 (including the C1 controls U+0081, U+008D, U+008F, U+0090, U+009D standing for its
///   undefined bytes) or of Mac Roman. Regions of one scalar are never touched ("café", "–", "€100").
/// - For each charset (Windows-1252 first, then Mac Roman) the region is mapped back to bytes and
///   decoded as UTF-8 sequence by sequence; consecutive complete sequences form a *run*. If one
///   charset decodes the whole region it wins; otherwise the charset whose runs cover more scalars
///   is used and only those runs are replaced (so "»ðŸš¨" becomes "»🚨").
/// - A Windows-1252 sequence missing exactly one continuation byte is completed with one of the
///   charset's undefined bytes (which a decoder would have dropped): `EF B8` + lost `8F` is U+FE0F,
///   `E2 80` + lost `9D` is "”"; elsewhere only when exactly one undefined byte gives an assigned
///   character of 3 or 4 UTF-8 bytes (so "Ã " is left alone).
/// - A run is only replaced when it decodes to assigned, non-control, non-private-use scalars, when
///   re-encoding the result with the same charset gives back the original run, and, if it decodes
///   to a single 2-byte scalar, when that scalar is Latin-1 or Latin Extended-A (U+00A0-U+017F): "Ã©" -> "é", but "È”" or
///   "«É" stay.
/// - Double-encoded text is repaired one level per call.
public enum MojibakeRepair: Sendable {

    /// Repairs runs of mojibake in otherwise-correct text. Returns the repaired string and how many
    /// runs were repaired (0, with the input string itself, when nothing was changed).
    public static func repair(_ text: String) -> (text: String, repairs: Int) {
        let outcome: ([UInt8], Int)?
        if let direct = text.utf8.withContiguousStorageIfAvailable({ repairBytes($0) }) {
            outcome = direct
        } else {
            outcome = Array(text.utf8).withUnsafeBufferPointer { repairBytes($0) }
        }
        guard let (bytes, count) = outcome else { return (text, 0) }
        return (String(decoding: bytes, as: UTF8.self), count)
    }

    // MARK: Scanning

    /// Returns nil when nothing was repaired.
    private static func repairBytes(_ buf: UnsafeBufferPointer<UInt8>) -> ([UInt8], Int)? {
        let n = buf.count
        // Fast path: pure ASCII.
        var i = 0
        while i < n, buf[i] < 0x80 { i += 1 }
        if i == n { return nil }

        let cp = MojibakeCharset.windows1252
        let mr = MojibakeCharset.macRoman
        var out: [UInt8] = []
        var copied = 0
        var repairs = 0
        var scalars: [UInt32] = []
        var offsets: [Int] = []

        while i < n {
            if buf[i] < 0x80 { i += 1; continue }
            let (first, firstLen) = decodeScalar(buf, i)
            guard cp.byte(for: first) != nil || mr.byte(for: first) != nil else { i += firstLen; continue }
            // Collect the region.
            scalars.removeAll(keepingCapacity: true)
            offsets.removeAll(keepingCapacity: true)
            var j = i
            while j < n, buf[j] >= 0x80 {
                let (s, len) = decodeScalar(buf, j)
                guard cp.byte(for: s) != nil || mr.byte(for: s) != nil else { break }
                scalars.append(s)
                offsets.append(j)
                j += len
            }
            offsets.append(j)
            if scalars.count >= 2 {
                for fix in repairRegion(scalars, cp: cp, mr: mr) {
                    if out.isEmpty { out.reserveCapacity(n) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[copied..<offsets[fix.lower]]))
                    out.append(contentsOf: fix.bytes)
                    copied = offsets[fix.upper]
                    repairs += 1
                }
            }
            i = j
        }
        guard repairs > 0 else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[copied..<n]))
        return (out, repairs)
    }

    /// Decodes one scalar of valid UTF-8 at `i` (tolerant: a bad byte decodes as itself, length 1).
    @inline(__always)
    private static func decodeScalar(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(buf[i])
        let n = buf.count
        if b0 < 0x80 { return (b0, 1) }
        if b0 >= 0xC0, b0 < 0xE0, i + 1 < n {
            return (((b0 & 0x1F) << 6) | (UInt32(buf[i + 1]) & 0x3F), 2)
        }
        if b0 >= 0xE0, b0 < 0xF0, i + 2 < n {
            return (((b0 & 0x0F) << 12) | ((UInt32(buf[i + 1]) & 0x3F) << 6) | (UInt32(buf[i + 2]) & 0x3F), 3)
        }
        if b0 >= 0xF0, i + 3 < n {
            return (((b0 & 0x07) << 18) | ((UInt32(buf[i + 1]) & 0x3F) << 12) | ((UInt32(buf[i + 2]) & 0x3F) << 6) | (UInt32(buf[i + 3]) & 0x3F), 4)
        }
        return (b0, 1)
    }

    // MARK: Regions

    /// One replacement: scalars `lower..<upper` of the region become `bytes`.
    private struct Fix {
        var lower: Int
        var upper: Int
        var bytes: [UInt8]
    }

    private static func repairRegion(_ scalars: [UInt32], cp: MojibakeCharset, mr: MojibakeCharset) -> [Fix] {
        let a = runs(scalars, cp)
        if a.covered == scalars.count { return a.fixes }
        let b = runs(scalars, mr)
        if b.covered == scalars.count { return b.fixes }
        return b.covered > a.covered ? b.fixes : a.fixes
    }

    /// Decodes the region with one charset; returns accepted runs and how many scalars they cover.
    private static func runs(_ scalars: [UInt32], _ cs: MojibakeCharset) -> (fixes: [Fix], covered: Int) {
        var fixes: [Fix] = []
        var covered = 0
        var k = 0
        var runStart = -1
        var decoded: [UInt32] = []
        var inserted: [Int] = []      // per decoded scalar: index in its UTF-8 of an inserted lost byte, or -1

        func closeRun(at end: Int) {
            defer { runStart = -1; decoded.removeAll(); inserted.removeAll() }
            guard runStart >= 0, end - runStart >= 2, plausible(decoded),
                  roundTrips(decoded, inserted, scalars[runStart..<end], cs) else { return }
            var bytes: [UInt8] = []
            for s in decoded { appendUTF8(s, to: &bytes) }
            fixes.append(Fix(lower: runStart, upper: end, bytes: bytes))
            covered += end - runStart
        }

        while k < scalars.count {
            if let seq = decodeSequence(scalars, k, cs) {
                if runStart < 0 { runStart = k }
                decoded.append(seq.scalar)
                inserted.append(seq.insertedAt)
                k += seq.consumed
            } else {
                closeRun(at: k)
                k += 1
            }
        }
        closeRun(at: scalars.count)
        return (fixes, covered)
    }

    /// Decodes one UTF-8 sequence from the bytes of `scalars[k...]` in charset `cs`.
    /// `insertedAt` is the index, inside the sequence, of a byte that had been lost (-1 for none).
    private static func decodeSequence(_ scalars: [UInt32], _ k: Int, _ cs: MojibakeCharset)
        -> (scalar: UInt32, consumed: Int, insertedAt: Int)? {
        guard let lead = cs.byte(for: scalars[k]) else { return nil }
        let need: Int
        switch lead {
        case 0xC2...0xDF: need = 2
        case 0xE0...0xEF: need = 3
        case 0xF0...0xF4: need = 4
        default: return nil
        }
        var seq: (UInt8, UInt8, UInt8, UInt8) = (lead, 0, 0, 0)
        var have = 1
        var m = k + 1
        while have < need, m < scalars.count, let b = cs.byte(for: scalars[m]), b & 0xC0 == 0x80 {
            switch have {
            case 1: seq.1 = b
            case 2: seq.2 = b
            default: seq.3 = b
            }
            have += 1
            m += 1
        }
        if have == need {
            guard let s = scalarFromUTF8(seq, need) else { return nil }
            return (s, m - k, -1)
        }
        // Exactly one byte missing: was it one the charset cannot represent (and a decoder dropped)?
        guard have == need - 1, !cs.lostBytes.isEmpty else { return nil }
        if need == 3, seq.0 == 0xEF, seq.1 == 0xB8, cs.lostBytes.contains(0x8F) { return (0xFE0F, m - k, 2) }   // VS16
        if need == 3, seq.0 == 0xE2, seq.1 == 0x80, cs.lostBytes.contains(0x9D) { return (0x201D, m - k, 2) }   // ”
        guard need >= 3 else { return nil }   // a lost byte is only assumed in 3- and 4-byte sequences
        var found: (UInt32, Int)? = nil
        for position in 1..<need {
            for lost in cs.lostBytes {
                let candidate: (UInt8, UInt8, UInt8, UInt8)
                switch position {
                case 1: candidate = (seq.0, lost, seq.1, seq.2)
                case 2: candidate = (seq.0, seq.1, lost, seq.2)
                default: candidate = (seq.0, seq.1, seq.2, lost)
                }
                guard let s = scalarFromUTF8(candidate, need), s >= 0x800, isAssignedText(s) else { continue }
                if let f = found, f.0 != s { return nil }   // ambiguous
                found = (s, position)
            }
        }
        guard let found else { return nil }
        return (found.0, m - k, found.1)
    }

    /// Strict UTF-8 decode of exactly one sequence of `count` bytes (no overlongs, surrogates or
    /// values above U+10FFFF).
    private static func scalarFromUTF8(_ b: (UInt8, UInt8, UInt8, UInt8), _ count: Int) -> UInt32? {
        switch count {
        case 2:
            guard b.1 & 0xC0 == 0x80 else { return nil }
            return (UInt32(b.0 & 0x1F) << 6) | UInt32(b.1 & 0x3F)   // lead >= C2 rules out overlongs
        case 3:
            guard b.1 & 0xC0 == 0x80, b.2 & 0xC0 == 0x80 else { return nil }
            let s = (UInt32(b.0 & 0x0F) << 12) | (UInt32(b.1 & 0x3F) << 6) | UInt32(b.2 & 0x3F)
            guard s >= 0x800, !(0xD800...0xDFFF).contains(s) else { return nil }
            return s
        case 4:
            guard b.1 & 0xC0 == 0x80, b.2 & 0xC0 == 0x80, b.3 & 0xC0 == 0x80 else { return nil }
            let s = (UInt32(b.0 & 0x07) << 18) | (UInt32(b.1 & 0x3F) << 12) | (UInt32(b.2 & 0x3F) << 6) | UInt32(b.3 & 0x3F)
            guard s >= 0x10000, s <= 0x10FFFF else { return nil }
            return s
        default:
            return nil
        }
    }

    /// An assigned scalar that is not a control, private-use or surrogate code point.
    private static func isAssignedText(_ s: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(s) else { return false }
        switch scalar.properties.generalCategory {
        case .unassigned, .control, .privateUse, .surrogate: return false
        default: return true
        }
    }

    /// Would a real text plausibly contain this? Rejects chance decodings of legitimate Latin text.
    private static func plausible(_ decoded: [UInt32]) -> Bool {
        guard !decoded.isEmpty, decoded.allSatisfy(isAssignedText) else { return false }
        if decoded.count == 1, decoded[0] < 0x800 { return (0xA0...0x17F).contains(decoded[0]) }
        return true
    }

    /// Re-encodes the decoded scalars with the same charset (dropping inserted lost bytes) and
    /// checks that this gives back exactly the original scalars.
    private static func roundTrips(_ decoded: [UInt32], _ inserted: [Int], _ original: ArraySlice<UInt32>, _ cs: MojibakeCharset) -> Bool {
        var position = original.startIndex
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4)
        for (s, skip) in zip(decoded, inserted) {
            bytes.removeAll(keepingCapacity: true)
            appendUTF8(s, to: &bytes)
            for (index, b) in bytes.enumerated() where index != skip {
                guard b >= 0x80, position < original.endIndex, cs.high[Int(b) - 0x80] == original[position] else { return false }
                position += 1
            }
        }
        return position == original.endIndex
    }

    private static func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        switch s {
        case ..<0x80:
            out.append(UInt8(s))
        case ..<0x800:
            out.append(UInt8(0xC0 | (s >> 6)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        case ..<0x10000:
            out.append(UInt8(0xE0 | (s >> 12)))
            out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (s >> 18)))
            out.append(UInt8(0x80 | ((s >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        }
    }
}
