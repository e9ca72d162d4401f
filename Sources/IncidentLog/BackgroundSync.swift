import Foundation

/// Runs `fsync` for output flushes on a background thread so the writer's caller never stalls on disk
/// write-back while output streams in. At most one background fsync is in flight; a failure is kept
/// and reported by the writer's next call.
final class BackgroundSync: @unchecked Sendable {
    private let fd: Int32
    private let path: String
    private let condition = NSCondition()
    private var inFlight = false
    private var failure: LogWriteError?
    private let queue = DispatchQueue(label: "IncidentLog.fsync")

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// Starts an fsync unless one is already running. Returns whether it started one.
    @discardableResult
    func start() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if inFlight { return false }
        inFlight = true
        queue.async { [self] in
            var error: LogWriteError?
            do throws(LogWriteError) { try FileIO.sync(fd, path: path) } catch let caught { error = caught }
            condition.lock()
            if let error, failure == nil { failure = error }
            inFlight = false
            condition.broadcast()
            condition.unlock()
        }
        return true
    }

    /// Waits for a running fsync to finish.
    func waitIdle() {
        condition.lock()
        while inFlight { condition.wait() }
        condition.unlock()
    }

    /// The first failure of a background fsync, cleared once taken.
    func takeFailure() -> LogWriteError? {
        condition.lock()
        defer { condition.unlock() }
        let taken = failure
        failure = nil
        return taken
    }
}
