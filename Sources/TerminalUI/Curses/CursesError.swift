/// Why the curses screen could not start.
public enum CursesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped, redirected, or run without a tty).
    case notATerminal
    /// ncurses could not set up the terminal (unknown or unusable `TERM`).
    case cannotInitialize(term: String)

    public var description: String {
        switch self {
        case .notATerminal:
            "not a terminal: the player needs standard input and output connected to a terminal"
        case .cannotInitialize(let term):
            "cannot start the terminal screen for TERM=\(term.isEmpty ? "(unset)" : term)"
        }
    }
}
