import Foundation

/// Where incident logs go by default and what they are called.
public enum LogLocation {
    /// Longest runbook slug used in a file name.
    public static let maximumSlugLength = 40

    /// The sessions directory: `$XDG_STATE_HOME/runbook/sessions` when `XDG_STATE_HOME` is an absolute
    /// path (the XDG spec says to ignore relative ones), else `$HOME/.local/state/runbook/sessions`
    /// (home from the password database when `HOME` is unset).
    public static func sessionsDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return join(state, "runbook/sessions")
        }
        return join(homeDirectory(environment: environment), ".local/state/runbook/sessions")
    }

    /// `<sessionsDirectory>/<UTC yyyy-MM-ddTHHmm>-<slug>-<sessionID>.jsonl`, e.g.
    /// `~/.local/state/runbook/sessions/2026-11-25T1920-demo-k3j9x2.jsonl`. `runbookName` is the runbook's
    /// title or file name (a `.md`/`.markdown` path is reduced to its base name).
    public static func defaultPath(runbookName: String, sessionID: String, date: Date, environment: [String: String]) -> String {
        join(sessionsDirectory(environment: environment), fileName(runbookName: runbookName, sessionID: sessionID, date: date))
    }

    /// Just the file name part of `defaultPath`.
    public static func fileName(runbookName: String, sessionID: String, date: Date) -> String {
        "\(Timestamp.fileNameStamp(date))-\(slug(runbookName))-\(slug(sessionID, fallback: "session")).jsonl"
    }

    /// A file-name-safe slug: lowercase ASCII letters and digits, other runs turned into one `-`, accents
    /// dropped (`Déploiement` -> `deploiement`), at most `maximumSlugLength` characters, no leading or
    /// trailing `-`; `fallback` (default `runbook`) when nothing is left.
    public static func slug(_ name: String, fallback: String = "runbook") -> String {
        var base = name
        let lower = name.lowercased()
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") {
            base = String(name.split(separator: "/").last ?? Substring(name))
            if let dot = base.lastIndex(of: ".") { base = String(base[..<dot]) }
        }
        var out = ""
        var pendingDash = false
        for scalar in base.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            let isAlphanumeric = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isAlphanumeric {
                let dash = pendingDash && !out.isEmpty
                if out.unicodeScalars.count + (dash ? 2 : 1) > maximumSlugLength { break }
                if dash { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                pendingDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? fallback : out
    }

    /// A random 6-character session id from `[a-z0-9]`.
    public static func newSessionID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<6).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    private static func homeDirectory(environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir {
            let text = String(cString: directory)
            if !text.isEmpty { return text }
        }
        return "/tmp"
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
