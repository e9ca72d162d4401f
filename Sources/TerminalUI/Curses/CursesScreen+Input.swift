import CNcurses
#if canImport(Glibc)
import Glibc
#endif

extension CursesScreen {
    /// Every key waiting, without blocking (empty when there is none). A `.resize` means ncurses has
    /// resized its screen: call `refreshSize()` and redraw.
    public func readKeys() -> [Key] {
        guard !isEnded, !isSuspended else { return [] }
        var keys: [Key] = []
        var value: wint_t = 0
        // Bounded, so a flood of pasted text cannot starve the player's loop.
        for _ in 0..<4096 {
            let result = wget_wch(window, &value)
            if result == ERR { break }
            let code = Int32(bitPattern: value)
            guard let key = CursesKeyDecoder.decode(code: code, isFunctionKey: result == KEY_CODE_YES) else { continue }
            if key == .resize { invalidate() }
            CursesKeyDecoder.append(key, to: &keys)
        }
        return keys
    }
}
