import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether `needle` occurs in the string, compared byte for byte (memchr + memcmp). Much faster than the
    /// generic `contains` for the short, hot searches the model makes over every section.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { hay in needle.withUTF8 { ByteSearch.contains(hay, $0) } }
    }
}

extension String {
    /// What Foundation's `contains(_:)` answers for an ASCII `needle`. An ASCII string is searched byte
    /// by byte (there a byte match is exactly a match); any other string takes Foundation's search.
    func containsText(_ needle: String) -> Bool {
        if utf8.allSatisfy({ $0 < 0x80 }) { return containsBytes(needle) }
        return range(of: needle) != nil
    }
}

extension String {
    /// `hasPrefix(prefix)` for an ASCII `prefix`, answered by a byte comparison when that says no
    /// (a string that starts with an ASCII prefix starts with its bytes), which is nearly always. When
    /// the bytes match, an ASCII byte (or nothing) after them ends the prefix's last character too
    /// (only CR before LF joins two ASCII characters), so only a non-ASCII byte there needs `hasPrefix`.
    func hasPrefixFast(_ prefix: String) -> Bool {
        guard let first = prefix.utf8.first else { return true }
        guard utf8.first == first else { return false }
        let matched = utf8.withContiguousStorageIfAvailable { bytes in
            prefix.utf8.withContiguousStorageIfAvailable { prefixBytes -> Bool? in
                guard bytes.count >= prefixBytes.count,
                      memcmp(bytes.baseAddress!, prefixBytes.baseAddress!, prefixBytes.count) == 0 else { return false }
                guard bytes.count > prefixBytes.count else { return true }
                let next = bytes[prefixBytes.count]
                let last = prefixBytes[prefixBytes.count - 1]
                return next < 0x80 && last < 0x80 && !(next == 0x0A && last == 0x0D) ? true : nil
            } ?? nil
        } ?? nil
        if let matched { return matched }
        return utf8.starts(with: prefix.utf8) && hasPrefix(prefix)
    }
}

/// Byte-for-byte string comparison and substring search.
enum ByteSearch {
    /// Whether two strings have the same UTF-8 bytes (`==` compares canonical equivalence instead).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let compared = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb in
                pa.isEmpty || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0
            }
        }
        return (compared ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }

    /// Whether `pin` occurs in `hay` (memchr for the first byte, then memcmp).
    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ pin: UnsafeBufferPointer<UInt8>) -> Bool {
        guard pin.count > 0 else { return true }
        guard hay.count >= pin.count, let hayBase = hay.baseAddress, let pinBase = pin.baseAddress else { return false }
        let first = Int32(pinBase.pointee)
        var offset = 0
        let last = hay.count - pin.count
        while offset <= last {
            guard let found = memchr(hayBase + offset, first, last - offset + 1) else { return false }
            let position = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - hayBase
            if memcmp(hayBase + position, pinBase, pin.count) == 0 { return true }
            offset = position + 1
        }
        return false
    }
}

/// A fixed set of short words, tested against UTF-8 bytes without building a `String`.
/// Byte equality: meant for ASCII words, where it is the same as `String` equality.
struct ByteWordSet: Sendable {
    /// Words by byte length.
    private let byLength: [[[UInt8]]]

    init(_ words: some Sequence<String>) {
        var table: [[[UInt8]]] = []
        for word in words {
            let bytes = Array(word.utf8)
            while table.count <= bytes.count { table.append([]) }
            table[bytes.count].append(bytes)
        }
        byLength = table
    }

    /// Whether `word` is one of the words.
    func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count < byLength.count else { return false }
        for candidate in byLength[word.count] where candidate.elementsEqual(word) { return true }
        return false
    }
}
