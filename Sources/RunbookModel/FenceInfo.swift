/// The info string of a code fence: the language word and Runme-style `{key=value}` attributes,
/// as in ```` ```bash {name=rollback excludeFromRunAll=true} ````.
public struct FenceInfo: Equatable, Sendable, Codable {
    /// Lower-cased first word of the info string ("bash"), or nil for an untagged fence.
    public var language: String?
    /// Attributes in source order; values unquoted. A bare key has the value "true".
    public var attributes: [String: String]

    public init(language: String? = nil, attributes: [String: String] = [:]) {
        self.language = language
        self.attributes = attributes
    }

    /// Languages whose blocks hold commands for a POSIX-like shell.
    public static let shellLanguages: Set<String> = [
        "bash", "sh", "shell", "zsh", "ksh", "console", "shell-session", "shellsession", "terminal",
    ]

    /// Languages whose blocks show a terminal session with `$ ` prompts.
    public static let consoleLanguages: Set<String> = ["console", "shell-session", "shellsession", "terminal"]

    public var isShell: Bool { language.map(FenceInfo.shellLanguages.contains) ?? false }
    public var isConsole: Bool { language.map(FenceInfo.consoleLanguages.contains) ?? false }
    public var isUntagged: Bool { language == nil }

    /// Runme `name=`: how the block is addressed (`runbook run --block NAME`).
    public var name: String? { attributes["name"] }
    /// Runme `excludeFromRunAll=true`: skipped by "run all".
    public var excludeFromRunAll: Bool { flag("excludeFromRunAll") }
    /// Runme `interactive=true`: needs the operator's keyboard while it runs.
    public var interactive: Bool { flag("interactive") }
    /// Runme `background=true`: keeps running while the operator moves on.
    public var background: Bool { flag("background") }
    /// Runme `cwd=`: directory to run in.
    public var cwd: String? { attributes["cwd"] }

    private func flag(_ key: String) -> Bool {
        guard let value = attributes[key]?.lowercased() else { return false }
        return value == "true" || value == "yes" || value == "1"
    }

    /// Parses an info string. Never fails: unreadable attribute text is ignored.
    public static func parse(_ info: String) -> FenceInfo {
        if isPlainWord(info) { return FenceInfo(language: info.isEmpty ? nil : info) }
        var rest = Substring(info).drop(while: { $0 == " " || $0 == "\t" })
        var language: String?
        if let first = rest.first, first != "{" {
            let word = rest.prefix(while: { $0 != " " && $0 != "\t" && $0 != "{" })
            rest = rest.dropFirst(word.count)
            let lowered = word.lowercased()
            language = lowered.isEmpty ? nil : lowered
        }
        var attributes: [String: String] = [:]
        if let open = rest.firstIndex(of: "{") {
            let close = rest.lastIndex(of: "}") ?? rest.endIndex
            if open < close {
                attributes = parseAttributes(rest[rest.index(after: open)..<close])
            }
        }
        return FenceInfo(language: language, attributes: attributes)
    }

    /// Whether `info` is empty or one lower-case ASCII word without attributes ("bash"): then it is its
    /// own language, with nothing to trim, split or lower-case.
    private static func isPlainWord(_ info: String) -> Bool {
        info.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "{") && !($0 >= 0x41 && $0 <= 0x5A) }
    }

    /// Reads `key=value key="quoted value" key='v' flag` pairs separated by spaces or commas.
    static func parseAttributes(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var index = text.startIndex
        func skipSeparators() {
            while index < text.endIndex, text[index] == " " || text[index] == "\t" || text[index] == "," {
                index = text.index(after: index)
            }
        }
        while true {
            skipSeparators()
            guard index < text.endIndex else { break }
            let keyStart = index
            while index < text.endIndex, !" \t,=".contains(text[index]) { index = text.index(after: index) }
            let key = String(text[keyStart..<index])
            guard index < text.endIndex, text[index] == "=" else {
                if !key.isEmpty { result[key] = "true" }
                continue
            }
            index = text.index(after: index)
            var value = ""
            if index < text.endIndex, text[index] == "\"" || text[index] == "'" {
                let quote = text[index]
                index = text.index(after: index)
                let valueStart = index
                while index < text.endIndex, text[index] != quote { index = text.index(after: index) }
                value = String(text[valueStart..<index])
                if index < text.endIndex { index = text.index(after: index) }
            } else {
                let valueStart = index
                while index < text.endIndex, !" \t,".contains(text[index]) { index = text.index(after: index) }
                value = String(text[valueStart..<index])
            }
            if !key.isEmpty { result[key] = value }
        }
        return result
    }
}
