import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A runbook's text after decoding: valid UTF-8, `\n` line ends, plus what was noticed on the way.
public struct SourceText: Equatable, Sendable {
    public var path: String?
    public var text: String
    public var byteCount: Int
    public var diagnostics: [Diagnostic]

    public init(path: String?, text: String, byteCount: Int, diagnostics: [Diagnostic] = []) {
        self.path = path
        self.text = text
        self.byteCount = byteCount
        self.diagnostics = diagnostics
    }
}

/// Reads a runbook file and turns its bytes into text, refusing what is not a Markdown runbook.
public enum SourceDecoder {
    /// Runbooks larger than this are refused: a 50 MB "runbook" is a log or a dump opened by mistake.
    public static let maximumBytes = 16 * 1024 * 1024

    /// Reads `path` and decodes it. Throws a one-line, user-facing error for a missing file, a directory,
    /// an unreadable, empty, binary or oversized file.
    public static func load(path: String) throws(RunbookLoadError) -> SourceText {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RunbookLoadError(path: path, message: "no such file")
        }
        if isDirectory.boolValue {
            throw RunbookLoadError(path: path, message: "is a directory, not a Markdown runbook")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        if size > maximumBytes {
            throw RunbookLoadError(path: path, message: "\(megabytes(size)) is larger than the \(megabytes(maximumBytes)) limit for a runbook; is this the right file?")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RunbookLoadError(path: path, message: "cannot be read (permission denied?)")
        }
        defer { try? handle.close() }
        var bytes: [UInt8]
        do {
            bytes = try readAll(handle, expectedSize: size)
        } catch {
            throw RunbookLoadError(path: path, message: "cannot be read: \(error.localizedDescription)")
        }
        if bytes.count > maximumBytes {
            throw RunbookLoadError(path: path, message: "\(megabytes(bytes.count)) is larger than the \(megabytes(maximumBytes)) limit for a runbook; is this the right file?")
        }
        return try decode(bytes, path: path)
    }

    /// The rest of the file, read into one array. Should `read` fail, Foundation reads it again from
    /// the start, so the error is Foundation's.
    private static func readAll(_ handle: FileHandle, expectedSize: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = max(expectedSize, 0) + 1   // one more byte shows whether the file grew
        while true {
            var failed = false
            let part = [UInt8](unsafeUninitializedCapacity: chunk) { buffer, initialized in
                initialized = 0
                while initialized < buffer.count {
                    let got = read(handle.fileDescriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
                    if got > 0 {
                        initialized += got
                    } else if got < 0, errno == EINTR {
                        continue
                    } else {
                        failed = got < 0
                        break
                    }
                }
            }
            if failed {
                try handle.seek(toOffset: 0)
                return [UInt8](try handle.readToEnd() ?? Data())
            }
            if bytes.isEmpty { bytes = part } else { bytes += part }
            if part.count < chunk { return bytes }
            chunk = max(chunk, 1 << 16)
        }
    }

    /// Decodes bytes: strips a UTF-8 byte-order mark, refuses UTF-16 and binary data, replaces invalid
    /// UTF-8 with U+FFFD (with a warning naming the line), and turns CRLF line ends into LF.
    public static func decode(_ bytes: [UInt8], path: String?) throws(RunbookLoadError) -> SourceText {
        let name = path ?? "<input>"
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            throw RunbookLoadError(path: name, message: "is UTF-16 text; save it as UTF-8")
        }
        if let nul = firstIndex(of: 0, in: body) {
            let line = lineNumber(of: nul, in: body)
            throw RunbookLoadError(path: name, line: line, message: "binary file (NUL byte at offset \(nul - body.startIndex)), not a Markdown runbook")
        }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw RunbookLoadError(path: name, message: "is empty; a runbook needs at least a heading or a command")
        }
        var diagnostics: [Diagnostic] = []
        var text: String
        if let valid = String(validating: body, as: UTF8.self) {
            text = valid
        } else {
            let (offset, count) = invalidUTF8(in: body)
            diagnostics.append(Diagnostic(
                .warning,
                "invalid UTF-8 (\(count) bad byte\(count == 1 ? "" : "s"), first at offset \(offset)); shown as \u{FFFD}",
                path: path, line: lineNumber(of: body.startIndex + offset, in: body)))
            text = String(decoding: body, as: UTF8.self)
        }
        if firstIndex(of: 0x0D, in: body) != nil {
            text = text.replacingOccurrences(of: "\r\n", with: "\n")
        }
        return SourceText(path: path, text: text, byteCount: bytes.count, diagnostics: diagnostics)
    }

    /// Index of the first `byte` in `bytes` (memchr).
    private static func firstIndex(of byte: UInt8, in bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base, Int32(byte), buffer.count) else { return nil }
            return bytes.startIndex + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
        }
    }

    /// Offset of the first invalid byte and the number of invalid sequences.
    private static func invalidUTF8(in bytes: ArraySlice<UInt8>) -> (offset: Int, count: Int) {
        var first = -1
        var count = 0
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
            case .error(let length):
                if first < 0 { first = offset }
                count += 1
                offset += length
            case .emptyInput:
                break loop
            }
        }
        return (max(first, 0), count)
    }

    private static func lineNumber(of index: Int, in bytes: ArraySlice<UInt8>) -> Int {
        1 + bytes[bytes.startIndex..<index].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
