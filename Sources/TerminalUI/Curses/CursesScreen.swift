import CNcurses
#if canImport(Glibc)
import Glibc
#endif

/// The real terminal, through ncursesw: raw keys, non-blocking reads, colours mapped onto what the
/// terminal has, and `present` copying a `CellGrid` to the screen (only what changed).
///
/// Everything reaches the terminal through ncurses; nothing here writes escape sequences. One screen at
/// a time; call `end()` (or let it deinit) before the process exits so the terminal is restored.
public final class CursesScreen {
    /// The colour mode asked for.
    public let colorMode: ColorMode
    /// Colours in use: 0 (none), 8, 16 or 256.
    public let colorCount: Int

    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    let mapper: ColorMapper
    /// False when `use_default_colors` failed: default colours are then white on black.
    let hasDefaultColors: Bool
    var pairs: ColorPairCache
    /// The grid shown by the last `present`, to send only changed cells.
    var lastGrid: CellGrid?
    var needsFullRepaint = true
    var cursorVisible = false
    /// True after `end()`.
    public private(set) var isEnded = false
    /// True between `suspend()` and `resume()`.
    public private(set) var isSuspended = false

    /// Starts curses on the process's terminal: locale from the environment, raw mode (Ctrl-C arrives as
    /// a key), no echo, keypad keys decoded, 25 ms Esc delay, non-blocking reads, hidden cursor, and the
    /// terminal's colours unless `colorMode` is `.none`.
    ///
    /// Throws `CursesError.notATerminal` when standard input or output is not a terminal, and
    /// `CursesError.cannotInitialize` when ncurses cannot use `TERM`; the process never exits here.
    public init(colorMode: ColorMode = .auto) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw CursesError.notATerminal }
        setlocale(LC_ALL, "")
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard let screen = rb_newterm_stdio() else { throw CursesError.cannotInitialize(term: term) }
        set_term(screen)
        guard let window = rb_stdscr() else {
            endwin()
            delscreen(screen)
            throw CursesError.cannotInitialize(term: term)
        }
        self.screen = screen
        self.window = window
        self.colorMode = colorMode
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        nodelay(window, true)
        curs_set(0)
        if colorMode == .auto, has_colors() {
            start_color()
            hasDefaultColors = use_default_colors() == OK
            colorCount = ColorMapper(colorCount: Int(rb_colors())).colorCount
        } else {
            hasDefaultColors = true
            colorCount = 0
        }
        mapper = ColorMapper(colorCount: colorCount)
        pairs = ColorPairCache(colorPairs: colorCount > 0 ? Int(rb_color_pairs()) : 0)
    }

    deinit {
        end()
    }

    /// The screen's size now, as ncurses knows it.
    public var size: (rows: Int, cols: Int) {
        (Int(rb_max_y(window)), Int(rb_max_x(window)))
    }

    /// The size after a `.resize` key (ncurses has already resized its screen on SIGWINCH); the next
    /// `present` clears the terminal and repaints everything (the terminal may have reflowed or cut
    /// what it showed, so ncurses' idea of the screen is no longer trusted).
    @discardableResult
    public func refreshSize() -> (rows: Int, cols: Int) {
        invalidate()
        return size
    }

    /// Forgets what is on the screen: the next `present` clears the terminal and repaints every cell
    /// (after something else wrote to the terminal, or on a redraw key).
    public func invalidate() {
        needsFullRepaint = true
        if !isEnded { clearok(window, true) }
    }

    /// Gives the terminal back (cooked mode, normal screen) for a shell-out; `resume()` takes it again.
    public func suspend() {
        guard !isEnded, !isSuspended else { return }
        isSuspended = true
        endwin()
    }

    /// Takes the terminal back after `suspend()` and redraws what was shown.
    public func resume() {
        guard !isEnded, isSuspended else { return }
        isSuspended = false
        wrefresh(window)
        needsFullRepaint = true
    }

    /// Restores the terminal and frees curses. Safe to call more than once; also done on deinit.
    public func end() {
        guard !isEnded else { return }
        isEnded = true
        if !isSuspended { endwin() }
        isSuspended = false
        delscreen(screen)
    }
}
