import CVTerm

/// A terminal emulator fed with a command's raw output bytes, backed by libvterm 0.1.4.
///
/// Bytes go in through `feed(_:)`; the only way out is the grid of cells (`cell(row:col:)`,
/// `line(_:)`), the scrollback, and a few properties. Nothing is ever written back: answers to
/// device queries (DA, DSR, DECRQSS) are discarded, titles are only stored, OSC 52 clipboard
/// requests, other OSCs, DCS/APC/PM/SOS strings and unknown sequences are parsed and dropped.
///
/// **Redrawing.** libvterm's damage callback marks rows dirty; `takeDamage()` returns and clears
/// them, so a UI polling on a short timer (as neovim does) redraws once per tick, not per byte.
///
/// **Line feeds.** A lone LF moves down without returning to column 0, as on a real terminal;
/// output read from a PTY has CR LF because the tty's `onlcr` adds the CR.
///
/// **Robustness.** libvterm 0.1.4 crashes, hangs or renders chunk-dependently on some input
/// (found by fuzzing): input first goes through `InputSanitizer`, resizes are followed by a
/// repair (see `resize(rows:cols:)`), and sizes are clamped to 1...1000 rows and 2...1000 columns
/// (a wide character in a one-column terminal crashes libvterm).
///
/// **Speed.** Floods of plain lines bypass libvterm's per-line scrolling (see `BulkLines`);
/// reads bring libvterm up to date first, so this is invisible apart from the speed.
///
/// **Threads.** Not thread-safe and not `Sendable`: create, feed and read an emulator from one
/// thread or actor.
public final class TerminalEmulator {
    /// Smallest and largest sizes accepted (values outside are clamped).
    static let rowRange = 1...1000
    static let columnRange = 2...1000
    /// Largest input piece sanitized at once.
    static let chunkLimit = 4096
    /// Largest buffer handed to `vterm_input_write` at once: libvterm puts 4 bytes per input byte
    /// on the stack while decoding text (64 KiB here). A sanitized chunk (at most 3 bytes per
    /// input byte, plus a held string) always fits, so an OSC string is never split.
    static let writeLimit = 16_384

    /// libvterm objects: the terminal, its screen layer and its state layer.
    let vterm: OpaquePointer
    let screen: OpaquePointer
    let state: OpaquePointer
    /// The callback table (libvterm keeps a pointer to it).
    private let callbacks: UnsafeMutablePointer<VTermScreenCallbacks>
    /// One screen row of cells, for copying rows to scrollback on entering the bulk path.
    var rowBuffer: UnsafeMutablePointer<VTermScreenCell>

    /// Number of rows of the visible screen.
    public internal(set) var rows: Int
    /// Number of columns of the visible screen.
    public internal(set) var cols: Int

    var scrollback: ScrollbackBuffer
    var damage: DamageTracker
    var sanitizer = InputSanitizer()
    var bulk: BulkLines?
    /// Pushes from libvterm to ignore: rows already copied to scrollback by the bulk path.
    var pushesToSuppress = 0
    /// Times the bulk path was entered (for tests).
    var bulkEntries = 0
    let bulkFastPathEnabled: Bool
    var sanitized: [UInt8] = []

    var storedTitle: String?
    var alternateScreen = false
    var cursorVisible = true
    var cursorBlink = true
    var cursorShape = Int(VTERM_PROP_CURSORSHAPE_BLOCK)
    /// DECSCNM: the whole screen in reverse video (libvterm applies it to cells it reports).
    var screenReversed = false
    var bellCount = 0

    /// Creates an emulator with a blank screen of `rows` x `cols` cells, keeping at most
    /// `scrollbackLimit` lines that scroll off the top (the oldest are dropped first).
    public convenience init(rows: Int, cols: Int, scrollbackLimit: Int = 10_000) {
        self.init(rows: rows, cols: cols, scrollbackLimit: scrollbackLimit, bulkFastPath: true)
    }

    /// Like the public initializer; `bulkFastPath: false` feeds every byte through libvterm
    /// (tests and benchmarks compare both ways).
    @_spi(Testing)
    public init(rows: Int, cols: Int, scrollbackLimit: Int, bulkFastPath: Bool) {
        let rows = rows.clamped(to: Self.rowRange)
        let cols = cols.clamped(to: Self.columnRange)
        self.rows = rows
        self.cols = cols
        self.bulkFastPathEnabled = bulkFastPath
        scrollback = ScrollbackBuffer(limit: scrollbackLimit)
        damage = DamageTracker(rows: rows)
        rowBuffer = .allocate(capacity: cols)
        callbacks = .allocate(capacity: 1)
        callbacks.initialize(to: Self.makeCallbacks())

        guard let vterm = vterm_new(Int32(rows), Int32(cols)) else {
            fatalError("vterm_new failed (out of memory)")
        }
        self.vterm = vterm
        vterm_set_utf8(vterm, 1)
        // Replies to queries are dropped: nothing may reach the real terminal or the child.
        vterm_output_set_callback(vterm, { _, _, _ in }, nil)
        screen = vterm_obtain_screen(vterm)
        state = vterm_obtain_state(vterm)
        vterm_screen_enable_altscreen(screen, 1)
        vterm_screen_set_callbacks(screen, callbacks, Unmanaged.passUnretained(self).toOpaque())
        vterm_screen_set_damage_merge(screen, VTERM_DAMAGE_ROW)
        vterm_screen_reset(screen, 1)
        _ = damage.take()
    }

    deinit {
        vterm_free(vterm)
        callbacks.deinitialize(count: 1)
        callbacks.deallocate()
        rowBuffer.deallocate()
    }
}

extension Comparable {
    /// The value limited to `range`.
    func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}
