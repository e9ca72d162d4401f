/// Text: UTF-8 validation, the held last character, NULs before ASCII.
extension InputSanitizer {
    /// Emits one text character (complete UTF-8) and remembers where it is; `base` is false for
    /// a character that may combine with the one before.
    @inline(__always)
    mutating func emitText(_ bytes: some Collection<UInt8>, base: Bool, into output: inout [UInt8]) {
        let ascii = bytes.count == 1
        if ascii && previousTextNonASCII { output.append(0x00) }
        previousTextNonASCII = !ascii
        if base { lastBaseStart = output.count }
        output.append(contentsOf: bytes)
        lastTextEnd = output.count
    }

    /// True for code points that may join the character before them (marks and format
    /// characters such as ZWJ): a superset of libvterm's combining table.
    static func mayCombine(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format:
            return true
        default:
            return false
        }
    }

    /// A text byte in ground state: ASCII passes, UTF-8 is validated character by character.
    mutating func text(_ byte: UInt8, into output: inout [UInt8]) {
        if byte < 0x80 {
            interruptCharacter(into: &output)
            emitText(CollectionOfOne(byte), base: true, into: &output)
            lastTextWasASCII = true
            return
        }
        if utf8Count > 0 {
            if byte >= utf8Lower && byte <= utf8Upper {
                store(byte)
                utf8Lower = 0x80
                utf8Upper = 0xBF
                if utf8Count == utf8Needed { completeCharacter(into: &output) }
                return
            }
            interruptCharacter(into: &output)
        }
        switch byte {
        case 0xC2...0xDF:
            begin(byte, needed: 2, lower: 0x80, upper: 0xBF)
        case 0xE0:
            begin(byte, needed: 3, lower: 0xA0, upper: 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF:
            begin(byte, needed: 3, lower: 0x80, upper: 0xBF)
        case 0xED:
            begin(byte, needed: 3, lower: 0x80, upper: 0x9F)
        case 0xF0:
            begin(byte, needed: 4, lower: 0x90, upper: 0xBF)
        case 0xF1...0xF3:
            begin(byte, needed: 4, lower: 0x80, upper: 0xBF)
        case 0xF4:
            begin(byte, needed: 4, lower: 0x80, upper: 0x8F)
        default: // stray continuation byte, C0/C1 (overlong) leads, F5...FF
            emitText(Self.replacement, base: true, into: &output)
            lastTextWasASCII = false
        }
    }

    /// Starts a UTF-8 character with its lead byte; `lower...upper` bounds the next byte.
    mutating func begin(_ byte: UInt8, needed: Int, lower: UInt8, upper: UInt8) {
        utf8Count = 0
        store(byte)
        utf8Needed = needed
        utf8Lower = lower
        utf8Upper = upper
    }

    /// Keeps one byte of the character being received.
    mutating func store(_ byte: UInt8) {
        switch utf8Count {
        case 0: utf8Bytes.0 = byte
        case 1: utf8Bytes.1 = byte
        case 2: utf8Bytes.2 = byte
        default: utf8Bytes.3 = byte
        }
        utf8Count += 1
    }

    /// Passes a complete character (a C1 control becomes U+FFFD).
    mutating func completeCharacter(into output: inout [UInt8]) {
        defer { utf8Count = 0 }
        lastTextWasASCII = false
        if utf8Needed == 2 && utf8Bytes.0 == 0xC2 && utf8Bytes.1 < 0xA0 { // U+0080...U+009F
            emitText(Self.replacement, base: true, into: &output)
            return
        }
        let bytes = [utf8Bytes.0, utf8Bytes.1, utf8Bytes.2, utf8Bytes.3]
        var value: UInt32
        switch utf8Needed {
        case 2: value = UInt32(utf8Bytes.0 & 0x1F)
        case 3: value = UInt32(utf8Bytes.0 & 0x0F)
        default: value = UInt32(utf8Bytes.0 & 0x07)
        }
        for byte in bytes[1..<utf8Needed] { value = value << 6 | UInt32(byte & 0x3F) }
        emitText(bytes[0..<utf8Needed], base: !Self.mayCombine(value), into: &output)
    }

    /// A character cut short by something else: it becomes U+FFFD.
    @inline(__always)
    mutating func interruptCharacter(into output: inout [UInt8]) {
        guard utf8Count > 0 else { return }
        utf8Count = 0
        utf8Lower = 0x80
        utf8Upper = 0xBF
        emitText(Self.replacement, base: true, into: &output)
        lastTextWasASCII = false
    }
}
