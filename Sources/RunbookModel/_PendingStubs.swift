// TEMPORARY stand-ins until the helpers' files land. Delete when they do.
public struct TimeBudget: Equatable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable { case estimate, countdown, limit }
    public var minSeconds: Int; public var maxSeconds: Int; public var kind: Kind; public var text: String
}
public enum TimeBudgetParser {
    public static func budget(inHeading: String) -> TimeBudget? { nil }
    public static func budget(inLine: String) -> TimeBudget? { nil }
}
public struct DangerReason: Equatable, Sendable, Codable { public var pattern: String; public var reason: String }
public enum DangerDetector {
    public static func reasons(forCommand: String) -> [DangerReason] { [] }
    public static func warning(inProse: String) -> String? { nil }
}
public struct FillInField: Equatable, Sendable, Codable { public var label: String; public var unit: String?; public var choices: [String] }
public enum FillInFieldParser { public static func fields(inLine: String) -> [FillInField] { [] } }
public enum MojibakeRepair { public static func repair(_ text: String) -> (text: String, repairs: Int) { (text, 0) } }
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
