/// One line of a theme file, in the TOML subset themes use: blank or comment, `[table]`, or
/// `key = value` where the value is a string (`"..."` with escapes, or `'...'` literal), an integer,
/// `true`/`false`, or anything else kept as written (`.bare`, reported by the parser as a bad value).
enum ThemeTOMLLine: Equatable {
    case blank
    case table(String)
    case keyValue(key: String, value: Value)

    /// A value on the right of `=`.
    enum Value: Equatable {
        case string(String)
        case integer(Int)
        case boolean(Bool)
        /// Not a value of this subset (an unquoted word, an array, a float): kept for the message.
        case bare(String)

        /// The value as written, for error messages.
        var written: String {
            switch self {
            case .string(let text): "\"\(text)\""
            case .integer(let number): String(number)
            case .boolean(let flag): String(flag)
            case .bare(let text): text
            }
        }
    }

    /// Why a line is not TOML: what was expected, and the key if one was read.
    struct SyntaxError: Error, Equatable {
        var expected: String
        var key: String?
    }

    /// Reads one line (without its newline).
    static func scan(_ line: Substring) -> Result<ThemeTOMLLine, SyntaxError> {
        var scanner = Scanner(Array(line.unicodeScalars))
        scanner.skipSpaces()
        guard let first = scanner.peek, first != "#" else { return .success(.blank) }
        if first == "[" { return scanTable(&scanner) }
        return scanKeyValue(&scanner)
    }

    private static func scanTable(_ scanner: inout Scanner) -> Result<ThemeTOMLLine, SyntaxError> {
        scanner.advance()
        if scanner.peek == "[" { return .failure(SyntaxError(expected: "[role] (arrays of tables [[...]] are not part of the theme format)")) }
        scanner.skipSpaces()
        let name: String
        if scanner.peek == "\"" {
            guard case .success(let quoted) = scanner.basicString() else { return .failure(SyntaxError(expected: "a closing \" in the table name")) }
            name = quoted
        } else {
            name = scanner.bareKey()
        }
        scanner.skipSpaces()
        guard !name.isEmpty, scanner.peek == "]" else {
            return .failure(SyntaxError(expected: "[role] with a role name made of letters, digits and -"))
        }
        scanner.advance()
        guard scanner.atEndOfValue() else { return .failure(SyntaxError(expected: "nothing but a comment after [\(name)]")) }
        return .success(.table(name))
    }

    private static func scanKeyValue(_ scanner: inout Scanner) -> Result<ThemeTOMLLine, SyntaxError> {
        let key: String
        if scanner.peek == "\"" {
            guard case .success(let quoted) = scanner.basicString() else { return .failure(SyntaxError(expected: "a closing \" after the key")) }
            key = quoted
        } else {
            key = scanner.bareKey()
        }
        guard !key.isEmpty else { return .failure(SyntaxError(expected: "key = value, [role], a comment or a blank line")) }
        scanner.skipSpaces()
        guard scanner.peek == "=" else { return .failure(SyntaxError(expected: "= after key \(key)", key: key)) }
        scanner.advance()
        scanner.skipSpaces()
        guard let start = scanner.peek else { return .failure(SyntaxError(expected: "a value after \(key) =", key: key)) }
        let value: Value
        switch start {
        case "\"":
            if scanner.startsTripleQuote {
                return .failure(SyntaxError(expected: "a one-line string (multi-line strings are not part of the theme format)", key: key))
            }
            switch scanner.basicString() {
            case .success(let text): value = .string(text)
            case .failure(let error): return .failure(SyntaxError(expected: error.expected, key: key))
            }
        case "'":
            guard let text = scanner.literalString() else { return .failure(SyntaxError(expected: "a closing ' for the value of \(key)", key: key)) }
            value = .string(text)
        default:
            let word = scanner.word()
            if word == "true" {
                value = .boolean(true)
            } else if word == "false" {
                value = .boolean(false)
            } else if let number = Int(word) {
                value = .integer(number)
            } else {
                value = .bare(word)
            }
        }
        guard scanner.atEndOfValue() else { return .failure(SyntaxError(expected: "nothing but a comment after the value of \(key)", key: key)) }
        return .success(.keyValue(key: key, value: value))
    }
}

/// A cursor over the scalars of one line.
private struct Scanner {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    var startsTripleQuote: Bool {
        index + 2 < scalars.count && scalars[index] == "\"" && scalars[index + 1] == "\"" && scalars[index + 2] == "\""
    }

    mutating func advance() { index += 1 }

    mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\r" { index += 1 }
    }

    /// True when only spaces and an optional comment remain.
    mutating func atEndOfValue() -> Bool {
        skipSpaces()
        return peek == nil || peek == "#"
    }

    mutating func bareKey() -> String {
        var key = ""
        while let scalar = peek, ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" {
            key.unicodeScalars.append(scalar)
            index += 1
        }
        return key
    }

    /// Up to the next space, tab or `#` (an unquoted value).
    mutating func word() -> String {
        var word = ""
        while let scalar = peek, scalar != " ", scalar != "\t", scalar != "#", scalar != "\r" {
            word.unicodeScalars.append(scalar)
            index += 1
        }
        return word
    }

    mutating func literalString() -> String? {
        index += 1
        var text = ""
        while let scalar = peek {
            index += 1
            if scalar == "'" { return text }
            text.unicodeScalars.append(scalar)
        }
        return nil
    }

    /// A `"..."` string with TOML's escapes: \" \\ \b \t \n \f \r \e \uXXXX \UXXXXXXXX.
    mutating func basicString() -> Result<String, ThemeTOMLLine.SyntaxError> {
        index += 1
        var text = ""
        while let scalar = peek {
            index += 1
            switch scalar {
            case "\"":
                return .success(text)
            case "\\":
                guard let escaped = peek else { break }
                index += 1
                switch escaped {
                case "\"": text += "\""
                case "\\": text += "\\"
                case "b": text += "\u{8}"
                case "t": text += "\t"
                case "n": text += "\n"
                case "f": text += "\u{C}"
                case "r": text += "\r"
                case "e": text += "\u{1B}"
                case "u", "U":
                    let count = escaped == "u" ? 4 : 8
                    guard index + count <= scalars.count else {
                        return .failure(.init(expected: "\(count) hex digits after \\\(escaped)"))
                    }
                    var digits = ""
                    digits.unicodeScalars.append(contentsOf: scalars[index..<(index + count)])
                    guard digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16),
                          let decoded = Unicode.Scalar(value) else {
                        return .failure(.init(expected: "a Unicode scalar as \(count) hex digits after \\\(escaped)"))
                    }
                    index += count
                    text.unicodeScalars.append(decoded)
                default:
                    return .failure(.init(expected: "an escape \\\" \\\\ \\b \\t \\n \\f \\r \\e \\uXXXX or \\UXXXXXXXX, not \\\(escaped)"))
                }
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        return .failure(.init(expected: "a closing \" on the same line"))
    }
}
