// TEMPORARY stand-ins until the helpers' files land. Delete when they do.
public enum ShellSegmentKind: String, Sendable, Codable { case command, comment }
public struct ShellSegment: Equatable, Sendable {
    public var kind: ShellSegmentKind; public var text: String; public var label: String?; public var note: String?
    public var startLine: Int; public var endLine: Int; public var expectedOutput: String?
}
public enum ShellCommandSplitter { public static func split(_ body: String, console: Bool = false) -> [ShellSegment] {
    body.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, l in
        l.isEmpty || l.hasPrefix("#") ? nil : ShellSegment(kind: .command, text: String(l), startLine: i, endLine: i) } } }
public enum ShellVariables {
    public static func referenced(in command: String) -> [String] { [] }
    public static func assigned(in command: String) -> [String] { [] }
    public static func bracketPlaceholders(in command: String) -> [String] { [] }
}
public enum ShellBlockClassifier {
    public static func isScript(_ body: String) -> Bool { body.hasPrefix("#!") }
    public static func looksLikeShell(_ body: String) -> Bool { false }
    public static func isProse(_ body: String) -> Bool { false }
}
