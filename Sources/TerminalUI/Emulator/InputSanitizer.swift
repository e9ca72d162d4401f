/// Rewrites a program's output before libvterm 0.1.4 sees it, mirroring libvterm's own parser.
///
/// Debian's libvterm 0.1.4 crashes, hangs, or renders differently depending on where reads were
/// split, on inputs a command's output can contain by accident or on purpose (found by reading
/// its source and fuzzing). Each rewrite below removes one such problem:
///
/// - **More than 16 CSI parameters** (`ESC [` followed by 16 or more `;`/`:`) overflow libvterm's
///   argument array and corrupt memory. The sequence is cancelled (CAN) and dropped whole.
/// - **REP** (`ESC [ n b`, repeat the previous character) loops forever when that character has
///   width 0 (nothing printed yet, or a lone combining mark) and writes past the row when it is
///   double-width. REP passes only right after a printable ASCII character (as ncurses emits it);
///   otherwise it is dropped.
/// - **UTF-8.** libvterm decodes U+0080...U+009F (C1 controls) as text of width -1, which moves the
///   cursor left out of the screen and then crashes. It also keeps a half-received character in
///   one of several decoders, so how text renders depends on where reads were split. Here, text is
///   re-validated: only complete, valid sequences pass; C1 code points, overlong forms,
///   surrogates, values above U+10FFFF and truncated or interrupted sequences each become U+FFFD;
///   an incomplete sequence at the end of a chunk is held until the next chunk completes it.
/// - **SOS, PM and APC strings** (`ESC X`, `ESC ^`, `ESC _` ... `ESC \`; kitty graphics, tmux
///   passthrough) are unknown to libvterm, which would print their payload as text. They are
///   dropped whole, up to the string terminator (or CAN/SUB).
/// - **OSC and DCS strings** (titles, OSC 52, ...) are held until their terminator and passed in
///   one piece: libvterm 0.1.4 forgets the part of a string that arrived in an earlier write, so a
///   title split across two reads was lost or cut. At most `stringLimit` bytes of a string are
///   kept; the rest is dropped.
/// - **The last character of a chunk** (with any combining marks after it, up to 64 bytes) is
///   held until the next chunk or until the emulator is read, so that a combining mark arriving
///   in the next chunk reaches libvterm in the same write as its base. libvterm 0.1.4 attaches a mark from a later
///   write only when the cursor has moved past the base, which fails after a character in the
///   last column; read boundaries would then decide how text looks.
/// - **ASCII after non-ASCII text** gets a NUL in front (libvterm ignores NUL; it only ends a run
///   of text). libvterm decodes a run of text with the decoder its first byte selects, so ASCII
///   following a UTF-8 character in the same write skipped the DEC line-drawing set (`ESC ( 0`)
///   while the same ASCII in the next write did not.
/// - NUL and DEL, which libvterm ignores anyway, are dropped.
///
/// It also tracks, for the bulk fast path, whether the stream has stayed *neutral*: free of every
/// sequence that changes state the fast path relies on (scroll margins, origin, autowrap, insert
/// and newline modes, character sets, tab stops, protected or double-width lines). A reset
/// (`ESC c`) makes the stream neutral again.
struct InputSanitizer {
    /// Where libvterm's parser is (the first seven mirror its states), or what is being dropped.
    enum Phase: Equatable {
        case ground
        case escape
        case csiLeader
        case csiParameters
        case csiIntermediates
        case string
        case escapeInString
        /// Dropping the rest of a cancelled CSI sequence (libvterm is already back in ground).
        case discardingParameters
        case discardingIntermediates
        /// Dropping an SOS/PM/APC string, or a cancelled OSC/DCS string (libvterm is in ground).
        case ignoredString
        /// ESC seen inside an ignored string.
        case escapeInIgnoredString
        /// Dropping the rest of a cancelled escape sequence: intermediates, then one final byte.
        case discardingEscape
    }

    /// U+FFFD REPLACEMENT CHARACTER in UTF-8.
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
    /// Longest OSC/DCS string content passed on.
    static let stringLimit = 1024
    /// Longest character-plus-marks held back at the end of a chunk (libvterm keeps six code
    /// points per cell anyway); a longer run of marks is passed on at once.
    static let heldTextLimit = 64
    /// CAN: makes libvterm abandon a sequence without acting on it.
    static let cancel: UInt8 = 0x18
    /// libvterm 0.1.4 has room for 16 CSI arguments, i.e. at most 15 separators.
    static let maxSeparators = 15

    /// Parser state.
    var phase = Phase.ground

    /// True while no state-changing sequence has been seen since creation or the last `ESC c`.
    var isNeutral = true
    /// True when the last text passed on was printable ASCII (REP is then safe).
    var lastTextWasASCII = false

    // ESC sequence being parsed.
    var escapeIntermediateCount = 0
    var escapeIntermediate: UInt8 = 0

    // CSI sequence being parsed.
    var leaderCount = 0
    var leader: UInt8 = 0
    var separators = 0
    var parameterValue: UInt64 = 0
    var parameterDigits = 0
    var changesMode = false
    var intermediateCount = 0
    var intermediate: UInt8 = 0

    // OSC/DCS string being held: its introducer (`]` or `P`) and content. libvterm has already
    // been sent the ESC before it.
    var heldString: [UInt8] = []

    // The last text character of the previous chunk, not yet passed on.
    var heldText: [UInt8] = []
    // The last text passed on was not ASCII (the next ASCII needs a NUL before it).
    var previousTextNonASCII = false
    // Where the last base character (not a possible combining mark) of the current output
    // starts, and where the last text ends (-1: none).
    var lastBaseStart = -1
    var lastTextEnd = -1

    // UTF-8 character being received.
    var utf8Bytes: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    var utf8Count = 0
    var utf8Needed = 0
    var utf8Lower: UInt8 = 0x80
    var utf8Upper: UInt8 = 0xBF

    /// True when libvterm's parser is in ground state with nothing held back, on a neutral stream:
    /// plain text and CR LF from here on mean exactly what they say.
    var isQuiescent: Bool { phase == .ground && utf8Count == 0 && heldText.isEmpty && isNeutral }

    /// Hands over the held last character (see the type's notes), if any.
    mutating func takeHeldText() -> [UInt8] {
        defer { heldText = [] }
        return heldText
    }

    /// Abandons an escape sequence or string in progress, so that the emulator can write its own
    /// sequences (after a resize). Returns true when libvterm must be sent CAN to leave it too;
    /// the rest of the abandoned sequence is then dropped as it arrives.
    mutating func cancelSequence() -> Bool {
        switch phase {
        case .ground, .discardingParameters, .discardingIntermediates, .ignoredString,
             .escapeInIgnoredString, .discardingEscape:
            return false
        case .escape:
            phase = .discardingEscape
        case .csiLeader, .csiParameters:
            phase = .discardingParameters
        case .csiIntermediates:
            phase = .discardingIntermediates
        case .string, .escapeInString:
            heldString = []
            phase = .ignoredString
        }
        return true
    }

    /// Records that printable ASCII went to libvterm around the sanitizer (the bulk path).
    mutating func notePlainText() {
        lastTextWasASCII = true
    }

    /// Appends the safe form of `input` to `output`.
    mutating func sanitize(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        lastBaseStart = heldText.isEmpty ? -1 : output.count
        output.append(contentsOf: heldText)
        lastTextEnd = heldText.isEmpty ? -1 : output.count
        heldText = []
        var index = 0
        let count = input.count
        while index < count {
            // Fast lane: printable ASCII in ground state passes unchanged.
            if phase == .ground && utf8Count == 0 {
                let start = index
                while index < count && input[index] &- 0x20 < 0x5F { index += 1 }
                if index > start {
                    if previousTextNonASCII {
                        output.append(0x00)
                        previousTextNonASCII = false
                    }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<index]))
                    lastTextWasASCII = true
                    lastBaseStart = output.count - 1
                    lastTextEnd = output.count
                    continue
                }
            }
            process(input[index], into: &output)
            index += 1
        }
        if lastTextEnd == output.count && lastBaseStart >= 0 && output.count - lastBaseStart <= Self.heldTextLimit {
            heldText = Array(output[lastBaseStart...])
            output.removeSubrange(lastBaseStart...)
        }
    }

    /// One byte outside the ASCII fast lane, mirroring the top of libvterm's parser loop.
    mutating func process(_ byte: UInt8, into output: inout [UInt8]) {
        if phase == .ignoredString || phase == .escapeInIgnoredString {
            ignoredString(byte, into: &output)
            return
        }
        switch byte {
        case 0x00, 0x7F:
            return
        case 0x18, 0x1A: // CAN, SUB: abort any sequence
            interruptCharacter(into: &output)
            heldString = []
            phase = .ground
            output.append(byte)
            return
        case 0x1B:
            interruptCharacter(into: &output)
            if phase == .string {
                phase = .escapeInString // held: ST or the start of a new sequence
                return
            }
            if phase == .escapeInString { heldString = [] } // libvterm: the string is dropped
            phase = .escape
            escapeIntermediateCount = 0
            output.append(byte)
            return
        case 0x07 where phase == .string: // BEL terminates OSC/DCS
            phase = .ground
            releaseString(terminator: [byte], into: &output)
            return
        case 0x01..<0x20: // other C0 controls execute in every state
            interruptCharacter(into: &output)
            if byte == 0x0E || byte == 0x0F { isNeutral = false } // SO/SI switch character sets
            output.append(byte)
            return
        default:
            break
        }

        switch phase {
        case .ground:
            text(byte, into: &output)
        case .string:
            if heldString.count <= Self.stringLimit { heldString.append(byte) }
        case .escapeInString:
            if byte == 0x5C { // ST
                phase = .ground
                releaseString(terminator: [0x1B, byte], into: &output)
            } else {
                // libvterm drops the string and starts a new escape sequence with this ESC.
                heldString = []
                output.append(0x1B)
                phase = .escape
                escapeIntermediateCount = 0
                escape(byte, into: &output)
            }
        case .escape:
            escape(byte, into: &output)
        case .csiLeader:
            if byte >= 0x3C && byte <= 0x3F {
                if leaderCount == 0 { leader = byte }
                leaderCount += 1
                output.append(byte)
            } else {
                phase = .csiParameters
                csiParameter(byte, into: &output)
            }
        case .csiParameters:
            csiParameter(byte, into: &output)
        case .csiIntermediates:
            csiIntermediate(byte, into: &output)
        case .discardingParameters:
            if (byte >= 0x30 && byte <= 0x3B) { return }
            if byte >= 0x20 && byte <= 0x2F { phase = .discardingIntermediates; return }
            phase = .ground // final or invalid byte ends the sequence; it is dropped too
        case .discardingIntermediates:
            if byte >= 0x20 && byte <= 0x2F { return }
            phase = .ground
        case .discardingEscape:
            if byte >= 0x20 && byte <= 0x2F { return }
            phase = .ground
        case .ignoredString, .escapeInIgnoredString:
            break // handled above
        }
    }
}
