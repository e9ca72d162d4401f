import CNcurses

/// Colour pairs allocated lazily, one per (foreground, background) curses colour, with `alloc_pair`.
///
/// Never recycles: when `COLOR_PAIRS` is used up, further combinations get pair 0 (the terminal's
/// default colours), so cells already on the screen never change colour behind the player's back.
struct ColorPairCache {
    private struct Colors: Hashable {
        var foreground: Int32
        var background: Int32
    }

    private var pairs: [Colors: Int32] = [:]
    private let limit: Int

    /// A cache for a terminal with `colorPairs` pairs (`COLOR_PAIRS`).
    init(colorPairs: Int) {
        limit = max(0, colorPairs - 1)   // pair 0 is fixed
    }

    /// The pair for the two colours (curses numbers, -1 = default).
    mutating func pair(foreground: Int32, background: Int32) -> Int32 {
        if foreground == -1, background == -1 { return 0 }
        let key = Colors(foreground: foreground, background: background)
        if let known = pairs[key] { return known }
        guard pairs.count < limit else { return 0 }
        let allocated = alloc_pair(foreground, background)
        guard allocated > 0 else { return 0 }
        pairs[key] = allocated
        return allocated
    }
}
