import Foundation

/// One line handed out by `LineReader`; `bytes` is only valid during the callback.
struct RawLine {
    /// 1-based line number.
    var number: Int
    /// Byte offset of the line's first byte in the file.
    var offset: Int
    /// The line's bytes without the newline.
    var bytes: UnsafeRawBufferPointer
    /// `false` for a last line that has no newline after it (a torn write).
    var terminated: Bool
}

/// Streams a file line by line with `pread(2)` into a fixed 1 MiB buffer, so memory stays bounded by the
/// longest line, not the file size. Holds its descriptor open until released, so it can also read
/// single lines again later (`readLine(at:length:)`).
final class LineReader: Sendable {
    /// Lines longer than this are reported as bad instead of growing memory without bound.
    static let maximumLineLength = 256 << 20
    private static let chunkSize = 1 << 20

    let path: String
    private let fd: Int32

    /// Opens `path` for reading.
    init(path: String) throws(LogReadError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, message: "cannot open: \(errnoMessage())") }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw .io(path: path, message: "is a directory, not a log file")
        }
        fd = descriptor
    }

    deinit { close(fd) }

    /// Calls `body` for every line in order, from byte `start` (which must be the start of a line,
    /// numbered `firstLine`) to the end of the file; returns the offset where reading stopped (the file
    /// size then).
    @discardableResult
    func forEachLine(from start: Int = 0, firstLine: Int = 1, _ body: (RawLine) throws -> Void) throws -> Int {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: LineReader.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        guard let base = buffer.baseAddress else { return start }
        var carry: [UInt8] = []
        var carryOffset = start
        var fileOffset = start
        var lineNumber = firstLine
        while true {
            let count = pread(fd, base, LineReader.chunkSize, off_t(fileOffset))
            if count < 0 {
                if errno == EINTR { continue }
                throw LogReadError.io(path: path, message: "read failed: \(errnoMessage())")
            }
            if count == 0 { break }
            var start = 0
            while start < count {
                guard let found = memchr(base + start, 0x0A, count - start) else { break }
                let end = base.distance(to: UnsafeMutableRawPointer(found))
                if carry.isEmpty {
                    try body(RawLine(number: lineNumber, offset: fileOffset + start,
                                     bytes: UnsafeRawBufferPointer(start: base + start, count: end - start), terminated: true))
                } else {
                    try checkLength(carry.count + end - start, line: lineNumber)
                    carry.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: end - start))
                    try carry.withUnsafeBytes { bytes in
                        try body(RawLine(number: lineNumber, offset: carryOffset, bytes: bytes, terminated: true))
                    }
                    carry.removeAll(keepingCapacity: carry.capacity <= 4 << 20)
                }
                lineNumber += 1
                start = end + 1
            }
            if start < count {
                if carry.isEmpty { carryOffset = fileOffset + start }
                try checkLength(carry.count + count - start, line: lineNumber)
                carry.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: count - start))
            }
            fileOffset += count
        }
        if !carry.isEmpty {
            try carry.withUnsafeBytes { bytes in
                try body(RawLine(number: lineNumber, offset: carryOffset, bytes: bytes, terminated: false))
            }
        }
        return fileOffset
    }

    /// The `length` bytes at `offset` followed by a newline, as a line read earlier; throws `.io` when
    /// the file no longer has them (it shrank, or a newline is missing where the line ended).
    func readLine(at offset: Int, length: Int) throws(LogReadError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length + 1)
        var done = 0
        while done < bytes.count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { pread(fd, $0 + done, buffer.count - done, off_t(offset + done)) } ?? 0
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, message: "read failed: \(errnoMessage())")
            }
            if got == 0 { break }
            done += got
        }
        guard done == bytes.count, bytes[length] == 0x0A else {
            throw .io(path: path, message: "the log changed since it was indexed (no complete line at byte \(offset)); open it again")
        }
        bytes.removeLast()
        return bytes
    }

    /// The file's current size in bytes.
    func size() throws(LogReadError) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(path: path, message: "fstat failed: \(errnoMessage())") }
        return Int(info.st_size)
    }

    private func checkLength(_ length: Int, line: Int) throws {
        if length > LineReader.maximumLineLength {
            throw LogReadError.badLine(path: path, line: line, reason: "line is longer than \(LineReader.maximumLineLength >> 20) MiB; this is not a line the log writer produces")
        }
    }
}
