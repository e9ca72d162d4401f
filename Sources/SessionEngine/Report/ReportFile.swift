import Foundation

/// Writing a report file so that readers see the old file or the whole new one, never half of it:
/// the text goes to a temporary file in the same directory, is fsync'd, then renamed over `path`.
public enum ReportFile {
    /// Why a report could not be written: one line naming the file and what the system said.
    public struct WriteError: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var operation: String
        public var message: String
        public var description: String { "\(path): cannot write the report (\(operation): \(message))" }
    }

    /// Writes `text` (UTF-8) to `path`, replacing any file there, atomically. Nothing is left behind on failure.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        func failure(_ operation: String, _ code: Int32 = errno) -> WriteError {
            WriteError(path: path, operation: operation, message: String(cString: strerror(code)))
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw WriteError(path: path, operation: "open", message: "the path names a directory") }
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("create") }
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let error = failure("write", written < 0 ? errno : EIO)
                close(fd)
                unlink(temporary)
                throw error
            }
            done += written
        }
        bytes = []
        if fsync(fd) != 0 {
            let error = failure("fsync")
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        if rename(temporary, path) != 0 {
            let error = failure("rename")
            unlink(temporary)
            throw error
        }
    }
}
