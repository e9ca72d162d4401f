// Lexer listeners behind `ShellVariables`.

/// An insertion-ordered set of strings. Commands name few variables, so a short list is searched
/// directly; a hash set is only built once the list grows.
struct ShellOrderedNames: Sendable {
    private(set) var names: [String] = []
    private var seen: Set<String> = []
    private static let linearLimit = 16

    /// Adds `name` unless already present.
    mutating func add(_ name: String) {
        if names.count < Self.linearLimit {
            if !names.contains(name) { names.append(name) }
            return
        }
        if seen.isEmpty { seen = Set(names) }
        if seen.insert(name).inserted { names.append(name) }
    }
}

/// Collects `$NAME` references. Single-quoted text counts, except when a program-text tool
/// (awk, jq, sed, perl, …) appears earlier in the same simple command.
struct ShellReferenceSink: ShellLexerSink {
    var result = ShellOrderedNames()
    /// Per nesting level: a program-text tool was seen in the current simple command.
    var programTool: [Bool] = [false]

    /// Commands whose single-quoted arguments are programs with their own `$` syntax
    /// (all 2 to 4 bytes long, which `word` uses as a cheap pre-filter).
    static let programTools: Set<String> = [
        "awk", "gawk", "mawk", "nawk", "jq", "yq", "gojq", "jaq", "perl", "ruby", "sed", "gsed",
    ]

    /// `programTools` as bytes, by length (all ASCII: a `String` equal to one has its very bytes).
    private static let programToolBytes = ByteWordSet(programTools)

    /// Whether `bytes[range]` is one of `programTools`.
    @inline(__always) private static func isProgramTool(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { programToolBytes.contains(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    var wantsSingleQuotedDollars: Bool { true }

    mutating func word(_ bytes: [UInt8], _ range: Range<Int>, role: ShellWordRole,
                       commandPosition: Bool, insideFunction: Bool) {
        guard role == .normal, !programTool[programTool.count - 1], range.count <= 64 else { return }
        // The name after the last `/` must be 2 to 4 bytes: only the word's last 5 bytes can hold that `/`.
        var start = range.lowerBound
        var i = range.upperBound
        while i > range.lowerBound, range.upperBound - i < 5 {
            i -= 1
            if bytes[i] == UInt8(ascii: "/") { start = i + 1; break }
        }
        if start == range.lowerBound, range.count > 4 { return }
        let length = range.upperBound - start
        if length >= 2, length <= 4, Self.isProgramTool(bytes, start..<range.upperBound) {
            programTool[programTool.count - 1] = true
        }
    }

    mutating func boundary() { programTool[programTool.count - 1] = false }
    mutating func beginNested() { programTool.append(false) }
    mutating func endNested() { if programTool.count > 1 { programTool.removeLast() } }

    mutating func dollar(_ bytes: [UInt8], _ range: Range<Int>, kind: ShellDollarKind,
                         singleQuoted: Bool, insideFunction: Bool) {
        guard kind == .name else { return }
        if singleQuoted, programTool[programTool.count - 1] { return }
        result.add(ShellByte.string(bytes, range))
    }
}

/// Collects names assigned by a command (see `ShellVariables.assigned(in:)`).
struct ShellAssignmentSink: ShellLexerSink {
    /// How the arguments of the current simple command are read.
    enum Mode {
        case none
        /// export / local / declare / readonly / typeset: `NAME=…` arguments.
        case declare
        /// read: non-option arguments are names.
        case read
        /// mapfile / readarray: the non-option argument is the array name.
        case mapfile
        /// printf: `-v NAME`.
        case printf
        /// getopts: the second argument.
        case getopts
        /// let: `NAME=expr` arguments.
        case letExpr
    }

    /// State of one simple command at one nesting level.
    struct Command {
        var prefixAssignments: [String] = []
        var hasCommandWord = false
        var mode = Mode.none
        /// The next argument is the value of an option (skip it).
        var skipNext = false
        /// The next argument is a name (for `read -a`, `printf -v`).
        var nameNext = false
        var argumentCount = 0
    }

    var result = ShellOrderedNames()
    var levels: [Command] = [Command()]

    /// `read` options that take a value.
    static let readValueOptions: Set<UInt8> = Set("pdtnNui".utf8)
    /// `mapfile` / `readarray` options that take a value.
    static let mapfileValueOptions: Set<UInt8> = Set("dnOsuCc".utf8)

    mutating func word(_ bytes: [UInt8], _ range: Range<Int>, role: ShellWordRole,
                       commandPosition: Bool, insideFunction: Bool) {
        switch role {
        case .forName:
            if ShellByte.isName(bytes, range) { result.add(ShellByte.string(bytes, range)) }
            return
        case .normal:
            break
        default:
            return
        }
        let top = levels.count - 1
        if !levels[top].hasCommandWord {
            if let name = ShellByte.assignmentName(bytes, range) {
                levels[top].prefixAssignments.append(ShellByte.string(bytes, name))
                return
            }
            levels[top].hasCommandWord = true
            levels[top].prefixAssignments.removeAll()  // `FOO=1 cmd`: temporary environment
            levels[top].mode = Self.mayNameMode(bytes, range) ? Self.mode(for: ShellByte.string(bytes, range)) : .none
            return
        }
        var cmd = levels[top]
        let name = Self.argument(bytes, range, &cmd)
        levels[top] = cmd
        if let name { result.add(name) }
    }

    /// Handles an argument according to the command's mode; returns a name it assigns.
    private static func argument(_ bytes: [UInt8], _ range: Range<Int>, _ cmd: inout Command) -> String? {
        let isOption = bytes[range.lowerBound] == ShellByte.minus && range.count > 1
        switch cmd.mode {
        case .none:
            return nil
        case .declare, .letExpr:
            if isOption || bytes[range.lowerBound] == ShellByte.plus { return nil }
            if let name = ShellByte.assignmentName(bytes, range) { return ShellByte.string(bytes, name) }
        case .read, .mapfile, .printf, .getopts:
            if cmd.skipNext { cmd.skipNext = false; return nil }
            if cmd.nameNext {
                cmd.nameNext = false
                if ShellByte.isName(bytes, range) { return ShellByte.string(bytes, range) }
                return nil
            }
            if isOption, cmd.mode != .getopts {
                let last = bytes[range.upperBound - 1]
                let valueOptions = cmd.mode == .mapfile ? Self.mapfileValueOptions : Self.readValueOptions
                let attached = range.count > 2 && valueOptions.contains(bytes[range.lowerBound + 1])
                if cmd.mode == .read, last == UInt8(ascii: "a") { cmd.nameNext = true; return nil }
                if cmd.mode == .printf, last == UInt8(ascii: "v"), range.count == 2 { cmd.nameNext = true; return nil }
                if cmd.mode != .printf, !attached, valueOptions.contains(last) { cmd.skipNext = true }
                return nil
            }
            cmd.argumentCount += 1
            switch cmd.mode {
            case .read, .mapfile:
                if ShellByte.isName(bytes, range) { return ShellByte.string(bytes, range) }
            case .getopts:
                if cmd.argumentCount == 2, ShellByte.isName(bytes, range) { return ShellByte.string(bytes, range) }
            default:
                break
            }
        }
        return nil
    }

    /// Whether `bytes[range]` can be a command `mode(for:)` knows: 3 to 9 bytes, starting like one.
    private static func mayNameMode(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard range.count >= 3, range.count <= 9 else { return false }
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "e"), UInt8(ascii: "l"), UInt8(ascii: "d"), UInt8(ascii: "r"), UInt8(ascii: "t"),
             UInt8(ascii: "m"), UInt8(ascii: "p"), UInt8(ascii: "g"):
            return true
        default:
            return false
        }
    }

    /// The argument mode of a command name.
    static func mode(for command: String) -> Mode {
        switch command {
        case "export", "local", "declare", "readonly", "typeset": return .declare
        case "read": return .read
        case "mapfile", "readarray": return .mapfile
        case "printf": return .printf
        case "getopts": return .getopts
        case "let": return .letExpr
        default: return .none
        }
    }

    mutating func boundary() {
        let top = levels.count - 1
        if !levels[top].hasCommandWord {
            for name in levels[top].prefixAssignments { result.add(name) }
        }
        levels[top] = Command()
    }

    mutating func beginNested() { levels.append(Command()) }

    mutating func endNested() {
        boundary()
        if levels.count > 1 { levels.removeLast() }
    }
}

/// Detects positional parameters and `shift` / `getopts` outside function bodies.
struct ShellScriptSink: ShellSplitSink {
    var usesPositional = false

    mutating func word(_ bytes: [UInt8], _ range: Range<Int>, role: ShellWordRole,
                       commandPosition: Bool, insideFunction: Bool) {
        guard role == .normal, commandPosition, !insideFunction, range.count <= 7 else { return }
        if Self.isWord(bytes, range, "shift") || Self.isWord(bytes, range, "getopts") { usesPositional = true }
    }

    /// Whether `bytes[range]` is the ASCII word `word` (what `==` on their strings says).
    @inline(__always) private static func isWord(_ bytes: [UInt8], _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<range.count where bytes[range.lowerBound + k] != w[k] { return false }
        return true
    }

    mutating func dollar(_ bytes: [UInt8], _ range: Range<Int>, kind: ShellDollarKind,
                         singleQuoted: Bool, insideFunction: Bool) {
        if kind == .positional, !singleQuoted, !insideFunction { usesPositional = true }
    }
}

/// `ShellVariables.assigned(in:)` and `referenced(in:)` of each command `ShellBlockSplitter` cuts,
/// heard in the splitter's own lexer pass: fresh sinks for each command, results kept when it ends.
struct ShellCommandVariablesSink: ShellSplitSink {
    /// Per command, in order: the names it assigns and the names it reads.
    private(set) var commands: [(assigned: [String], referenced: [String])] = []
    private var current = ShellSinkPair(ShellAssignmentSink(), ShellReferenceSink())

    var wantsSingleQuotedDollars: Bool { current.wantsSingleQuotedDollars }

    mutating func commandStarted() { current = ShellSinkPair(ShellAssignmentSink(), ShellReferenceSink()) }

    mutating func commandEnded() { commands.append((current.first.result.names, current.second.result.names)) }

    mutating func word(_ bytes: [UInt8], _ range: Range<Int>, role: ShellWordRole,
                       commandPosition: Bool, insideFunction: Bool) {
        current.word(bytes, range, role: role, commandPosition: commandPosition, insideFunction: insideFunction)
    }

    mutating func boundary() { current.boundary() }
    mutating func beginNested() { current.beginNested() }
    mutating func endNested() { current.endNested() }

    mutating func dollar(_ bytes: [UInt8], _ range: Range<Int>, kind: ShellDollarKind,
                         singleQuoted: Bool, insideFunction: Bool) {
        current.dollar(bytes, range, kind: kind, singleQuoted: singleQuoted, insideFunction: insideFunction)
    }
}
