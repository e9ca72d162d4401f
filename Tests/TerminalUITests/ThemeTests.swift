import Foundation
import Testing
@testable import TerminalUI

/// The repository's `themes/` directory, found from this file.
private let themesDirectory: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes").path
}()

private func parse(_ text: String) -> ThemeFile {
    ThemeParser.parse(text, path: "themes/x.toml")
}

/// A temporary directory with the given theme files, removed by the caller.
private func temporaryThemes(_ files: [String: String]) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-themes-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for (name, text) in files {
        try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }
    return directory
}

@Suite("Themes")
struct ThemeTests {
    @Test("every shipped theme parses without errors and defines every role", arguments: ["default", "light", "high-contrast", "mono"])
    func shippedThemes(name: String) throws {
        let path = themesDirectory + "/" + name + ".toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let file = ThemeParser.parse(text, path: path)
        #expect(file.errors.isEmpty, "\(file.errors.map(\.description))")
        #expect(Set(file.styles.keys) == Set(ThemeRole.allCases))
        #expect(file.name == name)
        let (theme, errors) = ThemeLoader.loadFile(path: path)
        #expect(errors.isEmpty)
        #expect(theme.name == name)
    }

    @Test("themes/default.toml is exactly Theme.standard")
    func defaultMatchesBuiltIn() {
        let (theme, errors) = ThemeLoader.loadFile(path: themesDirectory + "/default.toml")
        #expect(errors.isEmpty)
        for role in ThemeRole.allCases {
            #expect(theme.style(role) == Theme.standard.style(role), "role \(role.rawValue)")
        }
        #expect(theme == Theme.standard)
    }

    @Test("themes/mono.toml is exactly Theme.mono, with no colour anywhere")
    func monoMatchesBuiltIn() {
        let (theme, errors) = ThemeLoader.loadFile(path: themesDirectory + "/mono.toml")
        #expect(errors.isEmpty)
        #expect(theme == Theme.mono)
        for style in theme.styles.values {
            #expect(style.foreground == .default && style.background == .default)
        }
    }

    @Test("shipped themes keep every colour meaningful on an 8-colour terminal")
    func eightColours() {
        let eight = ColorMapper(colorCount: 8)
        for name in ["default", "light", "high-contrast", "mono"] {
            let (theme, errors) = ThemeLoader.loadFile(path: themesDirectory + "/\(name).toml")
            #expect(errors.isEmpty)
            for (role, style) in theme.styles {
                let fg = eight.cursesColor(style.foreground), bg = eight.cursesColor(style.background)
                #expect((-1...7).contains(fg) && (-1...7).contains(bg), "\(name) \(role.rawValue)")
                if fg >= 0 { #expect(fg != bg, "\(name) \(role.rawValue): text the colour of its background") }
            }
        }
    }

    @Test("the light theme has no white, yellow or cyan text without a background")
    func lightIsReadable() {
        let (theme, _) = ThemeLoader.loadFile(path: themesDirectory + "/light.toml")
        let eight = ColorMapper(colorCount: 8)
        for (role, style) in theme.styles where style.background == .default {
            #expect(![3, 6, 7].contains(eight.cursesColor(style.foreground)), "role \(role.rawValue)")
        }
    }

    @Test("values: names, bright names, indexes, hex, strings with escapes, comments")
    func values() {
        let file = parse("""
            # a comment
            name = "my \\"theme\\" \\u00e9"   # trailing comment
            inherits = 'default'

            [heading]
            fg = "bright-blue"
            bg = 236
            bold = true
            underline = false

              [ selection ]
            fg = "#1a2B3c"
            bg = "DEFAULT"
            reverse = true
            italic = true
            dim = true
            """)
        #expect(file.errors.isEmpty, "\(file.errors.map(\.description))")
        #expect(file.name == "my \"theme\" é")
        #expect(file.inherits == "default")
        #expect(file.styles[.heading] == UIStyle(foreground: .indexed(12), background: .indexed(236), attributes: .bold))
        #expect(file.styles[.selection] == UIStyle(foreground: .rgb(0x1A, 0x2B, 0x3C), background: .default,
                                                   attributes: [.reverse, .italic, .dim]))
    }

    @Test("a table replaces its role's style; absent roles inherit from default")
    func inheritance() {
        let file = parse("[heading]\nfg = \"red\"\n")
        let theme = file.theme(over: .standard, name: "x")
        #expect(theme.style(.heading) == UIStyle(foreground: .indexed(1)))
        #expect(theme.style(.selection) == Theme.standard.style(.selection))
        #expect(theme.name == "x")
    }

    @Test("unknown colour: line, key, value and what is expected")
    func badColour() throws {
        let file = parse("name = \"x\"\n\n[heading]\nbold = true\n\n\n\n\n\n\n\nfg = \"purpel\"\nbg = 300\n")
        #expect(file.errors.count == 2)
        let error = try #require(file.errors.first)
        #expect(error.kind == .badColour)
        #expect(error.line == 12)
        #expect(error.key == "fg")
        #expect(error.description.hasPrefix("themes/x.toml:12: unknown colour \"purpel\" for key fg (expected default, black, red, "))
        #expect(error.description.contains("bright-white, 0-255 or #rrggbb)"))
        #expect(file.errors[1].line == 13)
        #expect(file.errors[1].description.contains("unknown colour 300 for key bg"))
        #expect(parse("[heading]\nfg = \"#12345\"").errors.first?.kind == .badColour)
        #expect(parse("[heading]\nfg = \"bright-purple\"").errors.first?.kind == .badColour)
        #expect(parse("[heading]\nfg = true").errors.first?.kind == .badColour)
    }

    @Test("unknown role")
    func unknownRole() throws {
        let error = try #require(parse("\n[outline-selectd]\nfg = \"red\"\n").errors.first)
        #expect(error.kind == .unknownRole)
        #expect(error.line == 2)
        #expect(error.key == "outline-selectd")
        #expect(error.description.hasPrefix("themes/x.toml:2: unknown role [outline-selectd] (expected one of: normal, pane-border,"))
    }

    @Test("unknown key, in a table and at the top")
    func unknownKey() throws {
        let inTable = try #require(parse("[heading]\ncolour = \"red\"\n").errors.first)
        #expect(inTable.suggestion == "fg")
        #expect(inTable.kind == .unknownKey)
        #expect(inTable.line == 2)
        #expect(inTable.key == "colour")
        #expect(inTable.description == "themes/x.toml:2: unknown key colour (did you mean fg? expected fg, bg, bold, dim, underline, reverse, italic in [heading])")
        let top = try #require(parse("nmae = \"x\"\n").errors.first)
        #expect(top.kind == .unknownKey)
        #expect(top.line == 1)
        #expect(top.description.contains("expected name or inherits"))
    }

    @Test("misspelt roles and keys get a suggestion; an unquoted colour is told to quote it")
    func suggestions() throws {
        let role = try #require(parse("[pane-titel]\n").errors.first)
        #expect(role.description.hasPrefix("themes/x.toml:1: unknown role [pane-titel] (did you mean [pane-title]? expected one of: normal,"))
        let key = try #require(parse("[heading]\nforeground = \"red\"\n").errors.first)
        #expect(key.description.contains("unknown key foreground (did you mean fg? expected fg, bg,"))
        let bold = try #require(parse("[heading]\nbodl = true\n").errors.first)
        #expect(bold.description.contains("did you mean bold?"))
        #expect(parse("[zzzzzzzz]\n").errors.first?.description.contains("did you mean") == false)
        let unquoted = try #require(parse("[heading]\nfg = red\n").errors.first)
        #expect(unquoted.kind == .badValue)
        #expect(unquoted.description == "themes/x.toml:2: bad value red for key fg (expected a colour in double quotes: \"red\")")
        #expect(ThemeSuggestion.editDistance("kitten", "sitting") == 3)
    }

    @Test("bad values")
    func badValue() throws {
        let flag = try #require(parse("[heading]\nbold = \"yes\"\n").errors.first)
        #expect(flag.kind == .badValue)
        #expect(flag.line == 2)
        #expect(flag.key == "bold")
        #expect(flag.description == "themes/x.toml:2: bad value \"yes\" for key bold (expected true or false)")
        let unquoted = try #require(parse("name = light\n").errors.first)
        #expect(unquoted.kind == .badValue)
        #expect(unquoted.description == "themes/x.toml:1: bad value light for key name (expected a string in double quotes)")
    }

    @Test("duplicate tables and keys")
    func duplicates() throws {
        let table = try #require(parse("[heading]\nbold = true\n[prose]\n[heading]\n").errors.first)
        #expect(table.kind == .duplicateTable)
        #expect(table.line == 4)
        #expect(table.key == "heading")
        #expect(table.description.contains("already defined at line 1"))
        let key = try #require(parse("[heading]\nfg = \"red\"\nfg = \"blue\"\n").errors.first)
        #expect(key.kind == .duplicateKey)
        #expect(key.line == 3)
        #expect(key.key == "fg")
    }

    @Test("syntax errors name what was expected", arguments: [
        ("[heading\n", 1, "[role]"),
        ("[heading]\nfg \"red\"\n", 2, "= after key fg"),
        ("[heading]\nfg = \"red\n", 2, "a closing \""),
        ("[heading]\nfg = \"red\" blue\n", 2, "nothing but a comment"),
        ("[[heading]]\n", 1, "arrays of tables"),
        ("= \"red\"\n", 1, "key = value"),
        ("[heading]\nfg =\n", 2, "a value after fg ="),
        ("name = \"a\\qb\"\n", 1, "an escape"),
    ])
    func syntax(text: String, line: Int, expected: String) throws {
        let error = try #require(parse(text).errors.first)
        #expect(error.kind == .syntax)
        #expect(error.line == line)
        #expect(error.description.contains(expected), "\(error.description)")
    }

    @Test("a file with errors gives the errors and the built-in default")
    func fallback() throws {
        let directory = try temporaryThemes(["broken.toml": "[heading]\nfg = \"purpel\"\n"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (theme, errors) = ThemeLoader.loadFile(path: directory + "/broken.toml")
        #expect(theme == Theme.standard)
        #expect(errors.count == 1)
        #expect(errors.first?.line == 2)
        let (named, warnings) = ThemeLoader.load(name: "broken", environment: [:], searchPaths: [directory])
        #expect(named == Theme.standard)
        #expect(warnings.count == 2)
        #expect(warnings.first?.contains("broken.toml:2: unknown colour \"purpel\"") == true)
        #expect(warnings.last?.contains("using the built-in default") == true)
    }

    @Test("NO_COLOR forces mono whatever the name; an empty NO_COLOR does not")
    func noColor() {
        let (theme, warnings) = ThemeLoader.load(name: "light", environment: ["NO_COLOR": "1"], searchPaths: [themesDirectory])
        #expect(theme == Theme.mono)
        #expect(warnings.isEmpty)
        let (builtIn, _) = ThemeLoader.load(name: nil, environment: ["NO_COLOR": "yes"], searchPaths: [])
        #expect(builtIn == Theme.mono)
        let (light, _) = ThemeLoader.load(name: "light", environment: ["NO_COLOR": ""], searchPaths: [themesDirectory])
        #expect(light.name == "light")
    }

    @Test("unknown names warn with the available names; nil is default; a path works")
    func names() {
        let (theme, warnings) = ThemeLoader.load(name: "solarized", environment: [:], searchPaths: [themesDirectory])
        #expect(theme == Theme.standard)
        #expect(warnings == ["unknown theme \"solarized\" (available: default, high-contrast, light, mono); using the built-in default theme"])
        let (standard, none) = ThemeLoader.load(name: nil, environment: [:], searchPaths: [])
        #expect(standard == Theme.standard)
        #expect(none.isEmpty)
        let (byPath, pathWarnings) = ThemeLoader.load(name: themesDirectory + "/light.toml", environment: [:], searchPaths: [])
        #expect(byPath.name == "light")
        #expect(pathWarnings.isEmpty)
        let (missing, missingWarnings) = ThemeLoader.load(name: "/nonexistent/x.toml", environment: [:], searchPaths: [])
        #expect(missing == Theme.standard)
        #expect(missingWarnings.first?.contains("not found") == true)
    }

    @Test("inherits: another theme, mono, and bad parents")
    func inheritsChain() throws {
        let directory = try temporaryThemes([
            "base.toml": "inherits = \"mono\"\n[heading]\nfg = \"red\"\n",
            "child.toml": "inherits = \"base\"\n[prose]\nitalic = true\n",
            "loop.toml": "inherits = \"loop\"\n",
            "orphan.toml": "name = \"o\"\ninherits = \"nowhere\"\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (child, errors) = ThemeLoader.loadFile(path: directory + "/child.toml", searchPaths: [directory])
        #expect(errors.isEmpty)
        #expect(child.name == "child")
        #expect(child.style(.prose) == UIStyle(attributes: .italic))
        #expect(child.style(.heading) == UIStyle(foreground: .indexed(1)))
        #expect(child.style(.selection) == Theme.mono.style(.selection))
        let (_, loopErrors) = ThemeLoader.loadFile(path: directory + "/loop.toml", searchPaths: [directory])
        #expect(loopErrors.first?.kind == .badValue)
        let (orphan, orphanErrors) = ThemeLoader.loadFile(path: directory + "/orphan.toml", searchPaths: [directory])
        #expect(orphan == Theme.standard)
        let error = try #require(orphanErrors.first)
        #expect(error.line == 2)
        #expect(error.key == "inherits")
        #expect(error.description.contains("bad value \"nowhere\" for key inherits"))
    }

    @Test("an unreadable file is an error, not a crash; odd bytes are reported, not fatal")
    func robustness() {
        let (theme, errors) = ThemeLoader.loadFile(path: "/nonexistent/theme.toml")
        #expect(theme == Theme.standard)
        #expect(errors.first?.kind == .unreadable)
        let junk = parse("\u{FEFF}[heading]\r\nfg = \"red\"\r\n\u{0}\u{1B}[31m\n[")
        #expect(junk.styles[.heading] == UIStyle(foreground: .indexed(1)))
        #expect(junk.errors.count == 2)
    }
}
