#if canImport(Glibc)
import Glibc
#endif

/// How a command ended.
public enum Termination: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The process called `exit` with this status (0–255).
    case exited(Int32)
    /// A signal ended the process (e.g. 2 = SIGINT, 9 = SIGKILL, 15 = SIGTERM).
    case signaled(Int32)

    /// True only for `exit 0`.
    public var succeeded: Bool { self == .exited(0) }

    /// The number a shell would put in `$?`: the exit status, or 128 + the signal number.
    public var shellStatus: Int32 {
        switch self {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        }
    }

    /// "exit 0", "exit 42", "killed by SIGINT".
    public var description: String {
        switch self {
        case .exited(let code): return "exit \(code)"
        case .signaled(let signal): return "killed by \(Termination.signalName(signal))"
        }
    }

    /// The conventional name of a signal number on Linux ("SIGTERM"), or "signal N".
    public static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS",
            8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2", 13: "SIGPIPE",
            14: "SIGALRM", 15: "SIGTERM", 17: "SIGCHLD", 18: "SIGCONT", 19: "SIGSTOP", 20: "SIGTSTP",
            21: "SIGTTIN", 22: "SIGTTOU", 24: "SIGXCPU", 25: "SIGXFSZ", 28: "SIGWINCH",
        ]
        return names[signal] ?? "signal \(signal)"
    }
}

/// The size of a pseudo-terminal in character cells.
public struct TerminalSize: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Lines.
    public var rows: UInt16
    /// Columns.
    public var cols: UInt16

    /// A size of `rows` x `cols`; zero is raised to 1 (a 0-sized terminal confuses most programs).
    public init(rows: UInt16, cols: UInt16) {
        self.rows = max(rows, 1)
        self.cols = max(cols, 1)
    }

    /// 24 x 80, the traditional default.
    public static let standard = TerminalSize(rows: 24, cols: 80)

    /// "24x80" (rows x cols, the order `stty size` prints).
    public var description: String { "\(rows)x\(cols)" }
}

/// What one non-blocking read of a pty master gave.
public enum ReadResult: Equatable, Sendable {
    /// Bytes exactly as the terminal produced them (with ONLCR, a child's "\n" arrives as "\r\n").
    case data([UInt8])
    /// Nothing to read right now; poll the fd again.
    case wouldBlock
    /// Every holder of the slave side has closed it (the kernel reports EIO); nothing more will come.
    case endOfFile
}

/// An error from the session engine, with a message meant for the user.
public struct SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that branch on it.
    public enum Kind: String, Equatable, Sendable {
        /// The program (or the shell) does not exist or is not executable.
        case programNotFound
        /// The working directory does not exist, is not a directory, or cannot be entered.
        case directoryUnusable
        /// The pseudo-terminal could not be opened or the process could not be started.
        case spawnFailed
        /// A `ShellSession` is already running a command.
        case busy
        /// The private state directory of a `ShellSession` could not be created or written.
        case stateDirectory
        /// Writing input to the child failed (it has gone, or does not read for a long time).
        case writeFailed
        /// The session was closed.
        case closed
    }

    /// What went wrong.
    public var kind: Kind
    /// A sentence for the user, naming the path or program involved.
    public var message: String
    /// The errno behind the failure, when there is one.
    public var errorNumber: Int32?

    /// An error of `kind` with a user-facing `message`.
    public init(_ kind: Kind, _ message: String, errorNumber: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.errorNumber = errorNumber
    }

    /// The message, e.g. "cannot run /bin/nosuch: No such file or directory".
    public var description: String { message }
}

/// strerror, for messages built outside any fork.
func errorText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
