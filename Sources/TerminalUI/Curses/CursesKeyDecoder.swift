import CNcurses

/// Turns what `get_wch` reports into `Key`s. Pure (the `KEY_*` codes are compile-time constants), so it
/// is unit-tested without a terminal.
public enum CursesKeyDecoder {
    /// Decodes one `get_wch` result: `isFunctionKey` is true when it returned `KEY_CODE_YES` (a `KEY_*`
    /// code), false for a character. Returns nil for what should be dropped (C1 controls, invalid scalars).
    ///
    /// In raw mode: 13 and 10 are Enter, 9 Tab, 8 and 127 Backspace, 27 Esc (an Alt-key arrives as Esc
    /// and then the key), other 1...26 are Ctrl plus a letter.
    public static func decode(code: Int32, isFunctionKey: Bool) -> Key? {
        isFunctionKey ? functionKey(code) : character(code)
    }

    /// Appends `key` to `keys`, joining a combining mark to the character before it (get_wch delivers
    /// "e" and U+0301 separately; the player wants one "é").
    public static func append(_ key: Key, to keys: inout [Key]) {
        if case .char(let mark) = key, DisplayWidth.of(mark) == 0, case .char(let base)? = keys.last {
            let joined = String(base) + String(mark)
            if joined.count == 1, let character = joined.first {
                keys[keys.count - 1] = .char(character)
                return
            }
        }
        keys.append(key)
    }

    private static func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_RESIZE: return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
        default: return .unknown(code)
        }
    }

    private static func character(_ code: Int32) -> Key? {
        switch code {
        case 13, 10: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26:
            guard let letter = Unicode.Scalar(UInt32(code) + 0x60) else { return nil }
            return .ctrl(Character(letter))
        case 0, 28...31: return .unknown(code)
        case 0x80...0x9F: return nil
        default:
            guard code > 0, let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
            return .char(Character(scalar))
        }
    }
}
