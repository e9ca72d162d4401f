import RunbookModel

/// Values for a runbook's placeholders and how they reach a command: `$NAME` through the command's
/// environment, `<name>` and `[name]` by replacing the token in the text (shell-quoted when needed).
public struct PlaceholderValues: Equatable, Sendable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    /// The values a resumed session starts with: those recorded in `state` (secrets were never kept,
    /// so they are asked for again), with `given` (the resume's own `--var`s) winning.
    public static func resumed(from state: SessionState, overriddenBy given: PlaceholderValues) -> PlaceholderValues {
        let kept = state.variables.filter { !$0.value.secret }.mapValues(\.value)
        return PlaceholderValues(kept.merging(given.values) { _, new in new })
    }

    /// Names that look like credentials; their values are never written to the log or shown.
    public static func isSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "API_KEY", "PRIVATE_KEY", "CREDENTIAL"].contains { upper.contains($0) }
    }

    /// The placeholders of `command` with no value here nor in `environment`.
    public func missing(in command: Command, environment: [String: String]) -> [Placeholder] {
        command.placeholders.filter { placeholder in
            if values[placeholder.name] != nil { return false }
            return placeholder.syntax != .variable || environment[placeholder.name] == nil
        }
    }

    /// The command text with `<name>` / `[name]` tokens replaced.
    public func fill(_ command: Command) -> String {
        var text = command.text
        for placeholder in command.placeholders where placeholder.syntax != .variable {
            guard let value = values[placeholder.name] else { continue }
            text = text.replacingAll(placeholder.token, with: PlaceholderValues.shellWord(value))
        }
        return text
    }

    /// Environment entries for the command's `$NAME` placeholders.
    public func environment(for command: Command) -> [String: String] {
        var result: [String: String] = [:]
        for placeholder in command.placeholders where placeholder.syntax == .variable {
            if let value = values[placeholder.name] { result[placeholder.name] = value }
        }
        return result
    }

    /// `value` as one shell word: unchanged when it is plainly safe, else single-quoted.
    public static func shellWord(_ value: String) -> String {
        let safe = !value.isEmpty && value.unicodeScalars.allSatisfy { scalar in
            (scalar.value < 128 && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar))))
                || "-_./:=@%+,".unicodeScalars.contains(scalar)
        }
        if safe { return value }
        return "'" + value.replacingAll("'", with: "'\\''") + "'"
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (plain text, no patterns).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
