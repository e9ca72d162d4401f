import CVTerm

/// libvterm's screen callbacks. They are C function pointers: the emulator travels as the
/// unretained `user` pointer, and nothing is captured.
///
/// Deliberately absent: `moverect` (libvterm then reports moved rows as damage), `movecursor`
/// (the cursor is read on demand), `resize`, and any output or fallback callback, so no parsed
/// sequence can be forwarded anywhere.
extension TerminalEmulator {
    /// The callback table handed to `vterm_screen_set_callbacks` (libvterm keeps the pointer).
    static func makeCallbacks() -> VTermScreenCallbacks {
        var callbacks = VTermScreenCallbacks()
        callbacks.damage = { rect, user in
            TerminalEmulator.emulator(user).damage.mark(from: Int(rect.start_row), to: Int(rect.end_row))
            return 1
        }
        callbacks.sb_pushline = { cols, cells, user in
            let terminal = TerminalEmulator.emulator(user)
            if terminal.pushesToSuppress > 0 {
                terminal.pushesToSuppress -= 1
            } else if let cells {
                terminal.scrollback.append(ScrollbackLine(cells: cells, count: Int(cols)))
            }
            return 1
        }
        callbacks.sb_popline = { cols, cells, user in
            let terminal = TerminalEmulator.emulator(user)
            guard let cells, let line = terminal.scrollback.popLast() else { return 0 }
            line.fill(cells, count: Int(cols))
            return 1
        }
        callbacks.settermprop = { property, value, user in
            guard let value else { return 1 }
            TerminalEmulator.emulator(user).setProperty(property, value)
            return 1 // libvterm only records a property the callback accepted
        }
        callbacks.bell = { user in
            TerminalEmulator.emulator(user).bellCount += 1
            return 1
        }
        return callbacks
    }

    @inline(__always)
    /// The emulator behind a callback's `user` pointer.
    fileprivate static func emulator(_ user: UnsafeMutableRawPointer?) -> TerminalEmulator {
        Unmanaged<TerminalEmulator>.fromOpaque(user!).takeUnretainedValue()
    }

    /// Longest title kept, in characters.
    static let titleLimit = 1024

    /// Records the terminal properties the UI needs; everything else is ignored.
    private func setProperty(_ property: VTermProp, _ value: UnsafeMutablePointer<VTermValue>) {
        switch property {
        case VTERM_PROP_TITLE:
            if let text = cvterm_value_string(value) {
                storedTitle = Self.printable(String(cString: text))
            }
        case VTERM_PROP_ALTSCREEN:
            alternateScreen = cvterm_value_int(value, property) != 0
        case VTERM_PROP_CURSORVISIBLE:
            cursorVisible = cvterm_value_int(value, property) != 0
        case VTERM_PROP_CURSORBLINK:
            cursorBlink = cvterm_value_int(value, property) != 0
        case VTERM_PROP_CURSORSHAPE:
            cursorShape = Int(cvterm_value_int(value, property))
        case VTERM_PROP_REVERSE:
            screenReversed = cvterm_value_int(value, property) != 0
        default:
            break
        }
    }

    /// The title without C0/C1 controls or DEL (so a UI may show it safely), at most `titleLimit`
    /// characters.
    static func printable(_ title: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in title.unicodeScalars where !(scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)) {
            scalars.append(scalar)
        }
        return String(String(scalars).prefix(titleLimit))
    }
}
