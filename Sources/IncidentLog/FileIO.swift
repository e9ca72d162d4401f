import Foundation

/// Thin POSIX helpers for the writer: whole writes, fsync, directory creation. Errors carry the path
/// and the failing call.
enum FileIO {
    /// Writes all of `bytes` at the descriptor's position (the end, for `O_APPEND`), looping on partial
    /// writes and `EINTR`. A line is normally written by a single `write(2)` call.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(LogWriteError) {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(fd, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "write", message: errnoMessage())
            }
            if written == 0 { throw .io(path: path, operation: "write", message: "no progress (wrote 0 bytes)") }
            base += written
            remaining -= written
        }
    }

    /// `writeAll` for a byte array.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(LogWriteError) {
        let result: Result<Void, LogWriteError> = bytes.withUnsafeBytes { raw in
            Result { () throws(LogWriteError) in try writeAll(fd, raw, path: path) }
        }
        try result.get()
    }

    /// `fsync(2)`, retried on `EINTR`.
    static func sync(_ fd: Int32, path: String) throws(LogWriteError) {
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw .io(path: path, operation: "fsync", message: errnoMessage())
        }
    }

    /// fsyncs the directory holding `path`, so a newly created file's name is durable.
    static func syncDirectory(of path: String) throws(LogWriteError) {
        let directory = parentDirectory(of: path)
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: directory, operation: "open directory", message: errnoMessage()) }
        defer { close(fd) }
        try sync(fd, path: directory)
    }

    /// The directory part of `path` (`.` when there is none).
    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// Creates `directory` and any missing parents with mode 0700 (existing ones are left alone).
    static func makeDirectories(_ directory: String) throws(LogWriteError) {
        if directory.isEmpty || directory == "." || directory == "/" { return }
        var info = stat()
        if stat(directory, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { return }
            throw .io(path: directory, operation: "mkdir", message: "exists and is not a directory")
        }
        try makeDirectories(parentDirectory(of: directory))
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw .io(path: directory, operation: "mkdir", message: errnoMessage())
        }
    }

    /// Reads `count` bytes at `offset`.
    static func readBytes(_ fd: Int32, offset: Int, count: Int, path: String) throws(LogWriteError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = out.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { pread(fd, $0 + done, count - done, off_t(offset + done)) } ?? 0
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", message: errnoMessage())
            }
            if got == 0 { throw .io(path: path, operation: "read", message: "the file shrank while it was being read") }
            done += got
        }
        return out
    }

    /// The file's current size.
    static func size(_ fd: Int32, path: String) throws(LogWriteError) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(path: path, operation: "fstat", message: errnoMessage()) }
        return Int(info.st_size)
    }

    /// Creates `path` holding exactly `contents` (fsync'd) and returns a write descriptor opened with
    /// `O_APPEND`. The name appears only once the contents are durable: the bytes go into an unnamed
    /// `O_TMPFILE` inode that is then linked at `path`; where that is unsupported, into a hidden
    /// temporary file in the same directory that is hard-linked at `path` and unlinked. Either way an
    /// existing file is never replaced (`alreadyExists`).
    /// `allowUnnamed: false` forces the named-temporary-file route (for tests).
    static func createWithContents(_ path: String, _ contents: [UInt8], allowUnnamed: Bool = true) throws(LogWriteError) -> Int32 {
        let directory = parentDirectory(of: path)
        let unnamed = allowUnnamed ? open(directory, O_TMPFILE_FLAG | O_WRONLY | O_APPEND | O_CLOEXEC, 0o600) : -1
        if unnamed >= 0 {
            do throws(LogWriteError) {
                try fill(unnamed, contents, path: path)
                if linkat(AT_FDCWD, "/proc/self/fd/\(unnamed)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 { return unnamed }
                if errno == EEXIST { throw .alreadyExists(path: path) }
            } catch {
                close(unnamed)
                throw error
            }
            close(unnamed)  // e.g. no /proc: fall back to a named temporary file
        }
        let base = path.split(separator: "/").last.map(String.init) ?? "log"
        let temporary = (directory == "." ? "" : directory + "/") + ".\(base).creating-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: path, operation: "create", message: errnoMessage()) }
        defer { unlink(temporary) }
        do throws(LogWriteError) {
            try fill(fd, contents, path: path)
            if link(temporary, path) != 0 {
                if errno == EEXIST { throw .alreadyExists(path: path) }
                throw .io(path: path, operation: "link", message: errnoMessage())
            }
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// Linux `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), which the C headers define as a compound macro.
    private static let O_TMPFILE_FLAG: Int32 = 0o20_000_000 | O_DIRECTORY

    private static func fill(_ fd: Int32, _ contents: [UInt8], path: String) throws(LogWriteError) {
        guard fchmod(fd, 0o600) == 0 else { throw .io(path: path, operation: "chmod", message: errnoMessage()) }
        _ = flock(fd, LOCK_EX | LOCK_NB)  // held before the name appears; the writer takes it again
        try writeAll(fd, contents, path: path)
        try sync(fd, path: path)
    }
}
