/// A key press as the player understands it, decoded from curses (`get_wch`) or written by tests.
public enum Key: Hashable, Sendable {
    /// A printable character (letters, digits, punctuation, space, any Unicode).
    case char(Character)
    /// Ctrl plus a letter, lower case (`ctrl("c")` is Ctrl-C).
    case ctrl(Character)
    case enter
    case tab
    case backTab
    case escape
    case backspace
    case delete
    case up
    case down
    case left
    case right
    case pageUp
    case pageDown
    case home
    case end
    /// F1...F12.
    case function(Int)
    /// The terminal was resized (curses `KEY_RESIZE`).
    case resize
    /// Anything else curses reported (its key code).
    case unknown(Int32)

    /// How the key is written in help and hints ("j", "Ctrl-C", "PgDn").
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-\(c.uppercased())"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .function(let n): "F\(n)"
        case .resize: "resize"
        case .unknown(let code): "key \(code)"
        }
    }
}
