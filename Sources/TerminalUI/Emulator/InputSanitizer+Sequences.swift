/// Escape sequences, CSI sequences and strings: mirroring libvterm's parser, the rewrites that
/// keep it safe, and the neutrality bookkeeping for the bulk path.
extension InputSanitizer {
    /// Passes a complete OSC/DCS string (its ESC went out already).
    mutating func releaseString(terminator: [UInt8], into output: inout [UInt8]) {
        output.append(contentsOf: heldString)
        output.append(contentsOf: terminator)
        heldString = []
    }

    /// SOS/PM/APC payload (or a cancelled OSC/DCS): dropped; `ESC \\` or BEL ends it, CAN/SUB
    /// abort it, ESC + anything else starts a new escape sequence.
    mutating func ignoredString(_ byte: UInt8, into output: inout [UInt8]) {
        switch byte {
        case 0x18, 0x1A, 0x07:
            phase = .ground
        case 0x1B:
            phase = .escapeInIgnoredString
        default:
            guard phase == .escapeInIgnoredString else { return }
            if byte == 0x5C {
                phase = .ground
            } else {
                output.append(0x1B)
                phase = .escape
                escapeIntermediateCount = 0
                process(byte, into: &output)
            }
        }
    }

    /// A byte after ESC: string and CSI introducers, intermediates, 7-bit C1 controls, finals.
    mutating func escape(_ byte: UInt8, into output: inout [UInt8]) {
        output.append(byte)
        switch byte {
        case 0x50, 0x5D: // DCS, OSC (libvterm checks these before intermediates)
            output.removeLast() // held with the string
            heldString = [byte]
            phase = .string
        case 0x5B: // CSI
            phase = .csiLeader
            leaderCount = 0
            separators = 0
            parameterValue = 0
            parameterDigits = 0
            changesMode = false
            intermediateCount = 0
        case 0x20...0x2F:
            if escapeIntermediateCount == 0 { escapeIntermediate = byte }
            escapeIntermediateCount += 1
        case _ where escapeIntermediateCount == 0 && (byte == 0x58 || byte == 0x5E || byte == 0x5F):
            output[output.count - 1] = Self.cancel // SOS, PM, APC: CAN instead, libvterm leaves the escape
            phase = .ignoredString
        case 0x40..<0x60 where escapeIntermediateCount == 0:
            // 7-bit C1 control. HTS sets a tab stop, SS2/SS3 shift character sets.
            if byte == 0x48 || byte == 0x4E || byte == 0x4F { isNeutral = false }
            phase = .ground
        case 0x30..<0x7F:
            classifyEscape(final: byte)
            phase = .ground
        default:
            break // libvterm ignores other bytes and stays in the escape
        }
    }

    /// Whether a complete ESC sequence keeps the stream neutral (RIS makes it neutral again).
    mutating func classifyEscape(final: UInt8) {
        if escapeIntermediateCount == 0 {
            switch final {
            case 0x63: // RIS: full reset, every mode back to default
                isNeutral = true
            case 0x37, 0x38, 0x3D, 0x3E, 0x3C: // DECSC, DECRC, DECKPAM, DECKPNM, VT52 exit
                break
            default:
                isNeutral = false
            }
        } else if !(escapeIntermediateCount == 1 && escapeIntermediate == 0x20 && (final == 0x46 || final == 0x47)) {
            // Anything but S7C1T/S8C1T: character set designation, DECDWL/DECDHL, DECALN, unknown.
            isNeutral = false
        }
    }

    /// A byte in the parameter part of a CSI sequence; cancels the sequence before the 16th separator.
    mutating func csiParameter(_ byte: UInt8, into output: inout [UInt8]) {
        switch byte {
        case 0x30...0x39:
            parameterValue = parameterValue &* 10 &+ UInt64(byte - 0x30)
            parameterDigits += 1
            output.append(byte)
        case 0x3A, 0x3B:
            finishParameter()
            if separators == Self.maxSeparators {
                // One more argument would overflow libvterm's array: cancel the whole sequence.
                output.append(Self.cancel)
                phase = .discardingParameters
                return
            }
            separators += 1
            output.append(byte)
        default:
            finishParameter()
            phase = .csiIntermediates
            csiIntermediate(byte, into: &output)
        }
    }

    /// Ends one CSI parameter, noting values that would change a mode the bulk path relies on
    /// (as libvterm reads them: the low 31 bits of a wrapping long).
    mutating func finishParameter() {
        defer {
            parameterValue = 0
            parameterDigits = 0
        }
        guard parameterDigits > 0 else { return }
        // libvterm keeps the low 31 bits of a (wrapping) long.
        let value = parameterValue & 0x7FFF_FFFF
        if parameterDigits > 9 {
            changesMode = true
        } else if leaderCount == 0 {
            changesMode = changesMode || value == 4 || value == 20 // IRM, LNM
        } else if leaderCount == 1 && leader == 0x3F {
            changesMode = changesMode || value == 6 || value == 7 || value == 69 // DECOM, DECAWM, DECLRMM
        }
    }

    /// An intermediate or final byte of a CSI sequence; drops REP where it is unsafe.
    mutating func csiIntermediate(_ byte: UInt8, into output: inout [UInt8]) {
        switch byte {
        case 0x20...0x2F:
            if intermediateCount == 0 { intermediate = byte }
            intermediateCount += 1
            output.append(byte)
        case 0x40...0x7E:
            phase = .ground
            if byte == 0x62 && leaderCount == 0 && intermediateCount == 0 && !lastTextWasASCII {
                output.append(Self.cancel) // unsafe REP
                return
            }
            classifyCSI(final: byte)
            output.append(byte)
        default:
            phase = .ground // invalid: libvterm drops the sequence and this byte
            output.append(byte)
        }
    }

    /// Whether a complete CSI sequence keeps the stream neutral.
    mutating func classifyCSI(final: UInt8) {
        if intermediateCount > 0 {
            let cursorShape = leaderCount == 0 && intermediate == 0x20 && final == 0x71 // DECSCUSR
            let modeQuery = leaderCount == 1 && leader == 0x3F && intermediate == 0x24 && final == 0x70 // DECRQM
            if intermediateCount > 1 || !(cursorShape || modeQuery) { isNeutral = false }
            return
        }
        if leaderCount > 1 { return } // libvterm ignores these
        let plain = leaderCount == 0
        let dec = leaderCount == 1 && leader == 0x3F
        switch final {
        case 0x68, 0x6C: // SM/RM and DEC private modes
            if (plain || dec) && changesMode { isNeutral = false }
        case 0x67, 0x72: // TBC, DECSTBM
            if plain { isNeutral = false }
        default:
            break
        }
    }
}
