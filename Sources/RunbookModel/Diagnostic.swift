/// A problem found while reading a runbook, with the place a user can go and look.
public struct Diagnostic: Equatable, Sendable, Codable, CustomStringConvertible {
    /// How bad it is.
    public enum Severity: String, Sendable, Codable { case warning, error }
    public var severity: Severity
    public var path: String?
    public var line: Int?
    public var message: String

    public init(_ severity: Severity, _ message: String, path: String? = nil, line: Int? = nil) {
        self.severity = severity
        self.message = message
        self.path = path
        self.line = line
    }

    /// `file:line: severity: message`, the shape compilers use so editors can jump to it.
    public var description: String {
        var place = path ?? "<input>"
        if let line { place += ":\(line)" }
        return "\(place): \(severity.rawValue): \(message)"
    }
}

/// An input the parser refuses to read at all (missing, binary, empty, too large).
public struct RunbookLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        Diagnostic(.error, message, path: path, line: line).description
    }
}
