import Foundation

/// Finds, reads and merges theme files. Never fails: a missing or broken theme gives warnings and the
/// built-in default, so the player always starts.
///
/// - `NO_COLOR` set to anything non-empty (no-color.org) forces the mono theme whatever was asked.
/// - A name with a `/` or ending in `.toml` is a path; other names are looked up as `<name>.toml` in
///   the search paths, in order.
/// - Roles a file leaves out come from what it `inherits`: `"default"` (`Theme.standard`, also when
///   absent), `"mono"` (`Theme.mono`) or another theme's name.
public enum ThemeLoader {
    /// How deep `inherits` chains may go (also stops cycles).
    static let maxInheritance = 4

    /// The theme called `name` (nil: "default"), and warnings for the user (unknown name, errors in the
    /// file). `searchPaths` are directories holding `<name>.toml` files, searched in order.
    public static func load(name: String?, environment: [String: String], searchPaths: [String]) -> (Theme, [String]) {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return (monoTheme(searchPaths: searchPaths), [])
        }
        let wanted = name ?? "default"
        if isPath(wanted) {
            guard FileManager.default.fileExists(atPath: wanted) else {
                return (.standard, ["theme file \(wanted) not found; using the built-in default theme"])
            }
            return withWarnings(loadFile(path: wanted, searchPaths: searchPaths), wanted)
        }
        if let path = find(wanted, searchPaths: searchPaths) {
            return withWarnings(loadFile(path: path, searchPaths: searchPaths), wanted)
        }
        if let builtIn = builtIn(wanted) { return (builtIn, []) }
        let available = availableNames(searchPaths: searchPaths).joined(separator: ", ")
        return (.standard, ["unknown theme \"\(wanted)\" (available: \(available)); using the built-in default theme"])
    }

    /// One theme file merged over what it inherits, or `Theme.standard` and the errors when the file
    /// cannot be read or has any mistake.
    public static func loadFile(path: String, searchPaths: [String] = []) -> (Theme, [ThemeError]) {
        loadFile(path: path, searchPaths: searchPaths, depth: 0)
    }

    /// Theme names found in the search paths plus the built-in "default" and "mono", sorted.
    public static func availableNames(searchPaths: [String]) -> [String] {
        var names: Set<String> = ["default", "mono"]
        for directory in searchPaths {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for entry in entries where entry.hasSuffix(".toml") { names.insert(String(entry.dropLast(5))) }
        }
        return names.sorted()
    }

    /// The path of `<name>.toml` in the first search path that has it.
    static func find(_ name: String, searchPaths: [String]) -> String? {
        for directory in searchPaths {
            let path = directory.hasSuffix("/") ? directory + name + ".toml" : directory + "/" + name + ".toml"
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    private static func isPath(_ name: String) -> Bool {
        name.contains("/") || name.hasSuffix(".toml")
    }

    private static func builtIn(_ name: String) -> Theme? {
        switch name {
        case "default": .standard
        case "mono": .mono
        default: nil
        }
    }

    private static func withWarnings(_ loaded: (Theme, [ThemeError]), _ name: String) -> (Theme, [String]) {
        let (theme, errors) = loaded
        guard !errors.isEmpty else { return (theme, []) }
        return (theme, errors.map(\.description) + ["theme \"\(name)\" has errors; using the built-in default theme"])
    }

    /// `mono.toml` if one is found and sound, else `Theme.mono`; colours removed either way.
    private static func monoTheme(searchPaths: [String]) -> Theme {
        var theme = Theme.mono
        if let path = find("mono", searchPaths: searchPaths) {
            let (loaded, errors) = loadFile(path: path, searchPaths: searchPaths)
            if errors.isEmpty { theme = loaded }
        }
        var styles: [ThemeRole: UIStyle] = [:]
        for (role, style) in theme.styles { styles[role] = UIStyle(attributes: style.attributes) }
        return Theme(name: theme.name, styles: styles)
    }

    private static func loadFile(path: String, searchPaths: [String], depth: Int) -> (Theme, [ThemeError]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (.standard, [ThemeError(path: path, line: 0, kind: .unreadable, expected: "missing, a directory or not readable")])
        }
        let file = ThemeParser.parse(String(decoding: data, as: UTF8.self), path: path)
        guard file.errors.isEmpty else { return (.standard, file.errors) }
        let fileName = (path as NSString).lastPathComponent
        let fallbackName = fileName.hasSuffix(".toml") ? String(fileName.dropLast(5)) : fileName
        let parent = file.inherits ?? "default"
        if let base = builtIn(parent) { return (file.theme(over: base, name: fallbackName), []) }
        func inheritsError(_ expected: String) -> (Theme, [ThemeError]) {
            (.standard, [ThemeError(path: path, line: file.inheritsLine, kind: .badValue, key: "inherits",
                                    value: "\"\(parent)\"", expected: expected)])
        }
        guard depth < maxInheritance else { return inheritsError("a chain of at most \(maxInheritance) themes without cycles") }
        guard !isPath(parent), let parentPath = find(parent, searchPaths: searchPaths) else {
            return inheritsError("default, mono or one of: " + availableNames(searchPaths: searchPaths).joined(separator: ", "))
        }
        let (base, errors) = loadFile(path: parentPath, searchPaths: searchPaths, depth: depth + 1)
        guard errors.isEmpty else { return (.standard, errors) }
        return (file.theme(over: base, name: fallbackName), [])
    }
}
