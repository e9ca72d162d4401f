/// One line of text being typed, with a cursor and the readline keys an operator's fingers know:
/// ←/→, Home/End, Ctrl-A/Ctrl-E, Backspace/Del, Ctrl-U (to the start), Ctrl-K (to the end),
/// Ctrl-W (the word before the cursor).
public struct LineEditor: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Insertion point, 0...characters.count.
    public private(set) var cursor: Int
    /// The most characters the line takes.
    public static let limit = 4000

    public init(_ text: String = "") {
        characters = Array(text.prefix(Self.limit))
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// Applies an editing key. Returns false for keys that are not editing keys (Enter, Esc, ...).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let character):
            insert(character)
        case .tab:
            insert(" ")
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left, .ctrl("b"):
            cursor = max(0, cursor - 1)
        case .right, .ctrl("f"):
            cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"):
            cursor = 0
        case .end, .ctrl("e"):
            cursor = characters.count
        case .ctrl("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeLast(characters.count - cursor)
        case .ctrl("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default:
            return false
        }
        return true
    }

    private mutating func insert(_ character: Character) {
        guard characters.count < Self.limit else { return }
        characters.insert(character, at: cursor)
        cursor += 1
    }
}
