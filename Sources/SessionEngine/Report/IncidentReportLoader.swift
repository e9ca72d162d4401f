import IncidentLog

extension IncidentReport {
    /// The report of the session logged at `path`, read by the incident log reader's rules: a torn last
    /// line is left out with a warning; a bad line in the middle throws `.badLine` naming it unless
    /// `skipBad` (then it is left out with a warning); an empty file, a file that is not a log, or a log
    /// written by a newer format throws. Unknown event types are skipped with one warning each.
    public static func load(path: String, skipBad: Bool = false) throws(LogReadError) -> IncidentReport {
        let contents = try IncidentLogReader.read(path: path, skipBad: skipBad)
        return build(header: contents.header, events: contents.events, logPath: path, logWarnings: contents.warnings)
    }
}
