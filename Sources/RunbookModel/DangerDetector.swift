import Foundation

/// Why a command (or a section) is considered destructive.
public struct DangerReason: Equatable, Hashable, Sendable, Codable {
    /// The pattern that matched, e.g. "dropdb", "rm -rf", "--replicas=0", "DELETE FROM".
    public var pattern: String
    /// A short human phrase, e.g. "drops a database (dropdb)", "scales to zero replicas".
    public var reason: String

    /// Creates a reason.
    public init(pattern: String, reason: String) {
        self.pattern = pattern
        self.reason = reason
    }
}

/// Flags destructive shell commands and warning prose in runbooks.
///
/// Commands are lexed like a POSIX shell (quotes, `\` continuations, `# comments`, `;`, `&&`, `||`,
/// `|`, `$(...)`): a pattern inside a comment never counts; shell patterns are matched on words of
/// each simple command (after `sudo`, `env`, `nohup`, `time`, `exec`, `xargs`, `VAR=value` prefixes);
/// SQL patterns are matched case-insensitively on the whole comment-free text, including quoted text,
/// so `psql -c "DROP TABLE x"` is caught (and so, knowingly, is `echo "DROP TABLE x"`).
///
/// Decisions: `--force` is flagged only as the exact flag (`--force` / `--force=...`);
/// `--force-conflicts` (kubectl server-side apply) is not. `-f` counts as force only for
/// `git push`, `git clean`, `rm`, `docker rm`. `pg_restore` is dangerous with `-d/--dbname` or
/// `-c/--clean` unless it is only listing (`-l/--list`). `psql -f file` is not flagged;
/// `psql/mysql ... < dump` is. `DELETE FROM` is always flagged; the reason says "without WHERE"
/// when the statement (up to `;` or a quote) has no WHERE.
public enum DangerDetector: Sendable {

    // MARK: Public API

    /// The reasons a command is destructive, in order of appearance, one per pattern; empty when harmless.
    public static func reasons(forCommand command: String) -> [DangerReason] {
        var text = command
        return text.withUTF8 { reasons(forCommand: $0) }
    }

    /// `reasons(forCommand:)` of the command whose UTF-8 text is `command`.
    static func reasons(forCommand command: UnsafeBufferPointer<UInt8>) -> [DangerReason] {
        // Without a backslash, the comment-free text only loses bytes before a newline, so it cannot
        // hold a SQL keyword the text does not hold: no need to build it.
        let scansSQL = command.contains(0x5C) || mayContainSQLKeyword(command)
        let lexed = DangerLexer(command, keepingCode: scansSQL)
        var out: [DangerReason] = []
        func add(_ r: DangerReason) {
            if !out.contains(where: { $0.pattern == r.pattern }) { out.append(r) }
        }
        for command in lexed.commands where lexed.mayMatch(command, programs: knownProgramBytes) {
            let (words, hasInputRedirect) = lexed.plainWords(command)
            shellReasons(words, hasInputRedirect: hasInputRedirect).forEach(add)
        }
        if scansSQL { sqlReasons(lexed.code).forEach(add) }
        return out
    }

    /// A warning in section prose: "⚠️ **DANGEROUS - Only if ...**", "**DATA LOSS - All data after
    /// backup will be lost**", "WARNING:", "irreversible", "cannot be undone", "permanently lost",
    /// "last resort", "will be lost", the ⚠ emoji (with or without U+FE0F, also in its mojibake forms
    /// "âš" / "‚ö†"), 🛑, ⛔, ☠.
    ///
    /// Returns the first warning line with Markdown emphasis, list/quote/heading marks and leading
    /// warning emoji removed, whitespace collapsed and cut to 80 characters ("…" when cut);
    /// when the line holds only the emoji, the next non-empty line is used. Nil when there is no warning.
    public static func warning(inProse prose: String) -> String? {
        if let found = prose.utf8.withContiguousStorageIfAvailable({ firstWarning($0) }) { return found }
        return Array(prose.utf8).withUnsafeBufferPointer { firstWarning($0) }
    }

    /// Scans lines as bytes; only a line with a trigger is turned back into a String.
    private static func firstWarning(_ buf: UnsafeBufferPointer<UInt8>) -> String? {
        let n = buf.count
        func lineEnd(from start: Int) -> Int {
            var end = start
            while end < n, buf[end] != 0x0A { end += 1 }
            return end
        }
        func text(_ start: Int, _ end: Int) -> String {
            cleanWarningLine(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self))
        }
        var start = 0
        while start <= n {
            let end = lineEnd(from: start)
            if isWarning(UnsafeBufferPointer(rebasing: buf[start..<end])) {
                var line = text(start, end)
                var next = end + 1
                while line.isEmpty, next <= n {
                    let e = lineEnd(from: next)
                    line = text(next, e)
                    next = e + 1
                }
                return truncate(line.isEmpty ? "Warning" : line, to: 80)
            }
            start = end + 1
        }
        return nil
    }

    // MARK: Prose

    private static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// ⚠ 🛑 ⛔ ☠ and the Windows-1252 / Mac Roman mojibake of ⚠.
    private static let symbolTriggers: [[UInt8]] = ["\u{26A0}", "\u{1F6D1}", "\u{26D4}", "\u{2620}", "\u{201A}\u{00F6}\u{2020}", "\u{00E2}\u{0161}\u{00A0}"].map(bytes)
    /// Case-sensitive, not glued to other letters.
    private static let upperTriggers: [[UInt8]] = ["DANGER", "DANGEROUS", "DATA LOSS", "WARNING", "CAUTION", "DESTRUCTIVE", "IRREVERSIBLE"].map(bytes)
    /// Case-insensitive, followed by a colon (emphasis between allowed): "**Warning**:".
    private static let labelTriggers: [[UInt8]] = ["warning", "caution", "danger"].map(bytes)
    /// Case-insensitive anywhere.
    private static let phraseTriggers: [[UInt8]] = [
        "irreversible", "cannot be undone", "can't be undone", "can not be undone", "cannot be reversed",
        "permanently lost", "permanently deleted", "permanently delete", "permanently remove",
        "last resort", "will be lost", "may be lost",
    ].map(bytes)

    /// Lower-case first letters of the case-insensitive triggers.
    private static let triggerInitials: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for w in labelTriggers + phraseTriggers { if let f = w.first { t[Int(f | 0x20)] = true } }
        return t
    }()

    /// Whether one line (no "\n") holds a warning trigger: `warning(inProse:)` of it is not nil.
    static func isWarning(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = line.count
        guard n > 0 else { return false }
        var i = 0
        while i < n {
            let b = line[i]
            if b >= 0x80 {
                for t in symbolTriggers where matches(t, line, at: i, ignoringCase: false) { return true }
            } else if b >= 0x41 && b <= 0x5A, i == 0 || !isASCIILetter(line[i - 1]) {
                // Word start with a capital: upper-case triggers.
                for t in upperTriggers where matches(t, line, at: i, ignoringCase: false) {
                    let end = i + t.count
                    if end == n || !isASCIILetter(line[end]) { return true }
                }
            }
            if isASCIILetter(b), i == 0 || !isASCIILetter(line[i - 1]), triggerInitials[Int(b | 0x20)] {
                for t in labelTriggers where matches(t, line, at: i, ignoringCase: true) {
                    var e = i + t.count
                    while e < n, line[e] == 0x2A || line[e] == 0x5F || line[e] == 0x60 { e += 1 }   // * _ `
                    if e < n, line[e] == 0x3A { return true }                                      // :
                }
                for t in phraseTriggers where matches(t, line, at: i, ignoringCase: true) { return true }
            }
            i += 1
        }
        return false
    }

    @inline(__always) private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    @inline(__always) private static func matches(_ needle: [UInt8], _ hay: UnsafeBufferPointer<UInt8>, at i: Int, ignoringCase: Bool) -> Bool {
        guard i + needle.count <= hay.count else { return false }
        for k in 0..<needle.count {
            let h = hay[i + k], c = needle[k]
            if h == c { continue }
            if ignoringCase, isASCIILetter(c), h | 0x20 == c | 0x20 { continue }
            return false
        }
        return true
    }

    private static func cleanWarningLine(_ line: String) -> String {
        var s = line.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "").replacingOccurrences(of: "`", with: "")
        s = s.replacingOccurrences(of: "\u{201A}\u{00F6}\u{2020}\u{00D4}\u{220F}\u{00E8}", with: "")  // Mac Roman mojibake of ⚠️
        s = s.replacingOccurrences(of: "\u{201A}\u{00F6}\u{2020}", with: "")
        s = s.replacingOccurrences(of: "\u{00E2}\u{0161}\u{00A0}\u{00EF}\u{00B8}", with: "")            // cp1252 mojibake of ⚠️
        s = s.replacingOccurrences(of: "\u{00E2}\u{0161}\u{00A0}", with: "")
        // Drop leading marks, emoji and emphasis.
        let skippable: Set<Character> = ["#", ">", "-", "*", "+", "_", " ", "\t", "\u{26A0}", "\u{26A0}\u{FE0F}", "\u{1F6D1}", "\u{26D4}", "\u{26D4}\u{FE0F}", "\u{2620}", "\u{2620}\u{FE0F}", "\u{FE0F}"]
        while let f = s.first, skippable.contains(f) { s.removeFirst() }
        // Collapse whitespace.
        return s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func truncate(_ s: String, to limit: Int) -> String {
        guard s.count > limit else { return s }
        var cut = String(s.prefix(limit - 1))
        while let l = cut.last, l.isWhitespace { cut.removeLast() }
        return cut + "…"
    }

    // MARK: Shell

    private static let wrappers: Set<String> = ["sudo", "doas", "env", "nohup", "time", "exec", "command", "nice", "xargs", "timeout", "watch"]
    private static let wrapperValueFlags: Set<String> = ["-u", "-g", "-C", "-n", "-I", "-P", "-L", "-s", "-k", "--user", "--group"]

    private static let knownPrograms: Set<String> = [
        "dropdb", "rm", "helm", "kubectl", "oc", "git", "terraform", "tofu", "docker", "podman", "docker-compose",
        "aws", "gcloud", "az", "mke2fs", "wipefs", "dd", "shutdown", "reboot", "halt", "poweroff", "systemctl",
        "service", "iptables", "ip6tables", "kill", "pkill", "killall", "pg_restore", "mysql", "mariadb", "psql", "truncate",
    ]
    /// `knownPrograms` for `DangerLexer.mayMatch`.
    private static let knownProgramBytes = ByteWordSet(knownPrograms)

    /// `NAME=value` (a shell variable assignment).
    private static func isAssignment(_ w: String) -> Bool {
        var sawName = false
        for b in w.utf8 {
            if b == 0x3D { return sawName }                                            // =
            let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x5F
            let digit = b >= 0x30 && b <= 0x39
            if !(letter || (digit && sawName)) { return false }                        // no digit first
            sawName = true
        }
        return false
    }

    /// Reasons from the plain words of one simple command (redirections and their targets removed).
    private static func shellReasons(_ words: [String], hasInputRedirect: Bool) -> [DangerReason] {
        // Strip assignments and wrappers.
        var start = 0
        while start < words.count {
            let w = words[start]
            if isAssignment(w) { start += 1; continue }
            let base = basename(w)
            if wrappers.contains(base) {
                start += 1
                while start < words.count, words[start].hasPrefixFast("-") || isAssignment(words[start]) {
                    if wrapperValueFlags.contains(words[start]) { start += 1 }
                    start += 1
                }
                if base == "timeout" { start += 1 }   // its duration argument
                continue
            }
            break
        }
        guard start < words.count else { return [] }
        let prog = basename(words[start])
        let args = Array(words[(start + 1)...])
        // Fast exit: an unknown program without long options cannot match anything below.
        guard knownPrograms.contains(prog) || prog.hasPrefixFast("mkfs") || args.contains(where: { $0.hasPrefixFast("--") }) else { return [] }
        lazy var f = Flags(args)   // only the rules that read flags pay for them
        var out: [DangerReason] = []
        var forceHandled = false
        func add(_ pattern: String, _ reason: String) { out.append(DangerReason(pattern: pattern, reason: reason)) }

        switch prog {
        case "dropdb":
            add("dropdb", "drops a database (dropdb)")
        case "rm":
            if (f.short.contains("r") || f.short.contains("R") || f.long.contains("recursive")) && (f.short.contains("f") || f.long.contains("force")) {
                add("rm -rf", "recursively force-deletes files (rm -rf)")
                forceHandled = true
            }
        case "helm":
            if let verb = firstPositional(args, valueFlags: ValueFlags.helm),
               ["uninstall", "delete", "del", "un"].contains(verb) {
                add("helm uninstall", "uninstalls a Helm release")
            }
        case "kubectl", "oc":
            let verb = firstPositional(args, valueFlags: ValueFlags.kubectl)
            if verb == "delete" { add("kubectl delete", "deletes Kubernetes resources") }
            if verb == "drain" { add("kubectl drain", "drains a Kubernetes node (evicts its pods)") }
        case "git":
            let pos = positionals(args, valueFlags: ValueFlags.git)
            switch pos.first {
            case "push":
                if f.short.contains("f") || f.long.contains("force") || f.long.contains("force-with-lease") || f.long.contains("force-if-includes")
                    || pos.dropFirst().contains(where: { $0.hasPrefixFast("+") }) {
                    add("git push --force", "force-pushes (rewrites remote history)")
                    forceHandled = true
                }
            case "reset":
                if f.long.contains("hard") { add("git reset --hard", "discards uncommitted changes (git reset --hard)") }
            case "clean":
                if f.short.contains("f") || f.long.contains("force") {
                    add("git clean -f", "deletes untracked files (git clean)")
                    forceHandled = true
                }
            default: break
            }
        case "terraform", "tofu":
            let pos = positionals(args, valueFlags: ValueFlags.none)
            if pos.first == "destroy" || (pos.first == "apply" && args.contains("-destroy")) {
                add("terraform destroy", "destroys infrastructure (terraform destroy)")
            }
        case "docker", "podman", "docker-compose":
            var pos = positionals(args, valueFlags: ValueFlags.docker)
            if prog == "docker-compose" { pos.insert("compose", at: 0) }
            if pos.first == "container" || pos.first == "image" { pos.removeFirst() }
            let verb = pos.first
            if verb == "rm" && (f.short.contains("f") || f.long.contains("force")) {
                add("docker rm -f", "force-removes containers")
                forceHandled = true
            } else if verb == "system" && pos.dropFirst().first == "prune" {
                add("docker system prune", "deletes unused Docker data (system prune)")
            } else if verb == "volume", let sub = pos.dropFirst().first, ["rm", "remove", "prune"].contains(sub) {
                add("docker volume rm", "deletes Docker volumes")
            } else if verb == "compose", pos.dropFirst().first == "down", f.short.contains("v") || f.long.contains("volumes") {
                add("docker compose down -v", "deletes Compose volumes")
            } else if verb == "compose", pos.dropFirst().first == "rm", f.short.contains("f") || f.long.contains("force") {
                add("docker rm -f", "force-removes containers")
                forceHandled = true
            }
        case "aws":
            let pos = positionals(args, valueFlags: ValueFlags.aws)
            if pos.count >= 2 {
                let (service, op) = (pos[0], pos[1])
                if service == "s3" && op == "rm" && f.long.contains("recursive") {
                    add("aws s3 rm --recursive", "recursively deletes S3 objects")
                } else if service == "s3" && op == "rb" && f.long.contains("force") {
                    add("aws s3 rb --force", "deletes an S3 bucket and its contents")
                    forceHandled = true
                } else if op.hasPrefixFast("delete-") {
                    add("aws \(op)", "deletes AWS resources (\(op))")
                } else if op == "terminate-instances" {
                    add("aws ec2 terminate-instances", "terminates EC2 instances")
                }
            }
        case "gcloud":
            if positionals(args, valueFlags: ValueFlags.none).contains("delete") { add("gcloud delete", "deletes Google Cloud resources") }
        case "az":
            if positionals(args, valueFlags: ValueFlags.none).contains("delete") { add("az delete", "deletes Azure resources") }
        case _ where prog.hasPrefixFast("mkfs") || prog == "mke2fs":
            add("mkfs", "formats a filesystem (mkfs)")
        case "wipefs":
            add("wipefs", "wipes filesystem signatures")
        case "dd":
            if args.contains(where: { $0.hasPrefixFast("of=/dev/") }) { add("dd of=/dev/", "overwrites a block device (dd)") }
        case "shutdown", "reboot", "halt", "poweroff":
            add(prog, "shuts down or reboots the host (\(prog))")
        case "systemctl":
            let verb = firstPositional(args, valueFlags: ValueFlags.systemctl)
            if verb == "stop" { add("systemctl stop", "stops a service (systemctl stop)") }
            if let verb, ["reboot", "poweroff", "halt"].contains(verb) { add("systemctl \(verb)", "shuts down or reboots the host (\(verb))") }
        case "service":
            if args.count >= 2, args[1] == "stop" { add("service stop", "stops a service (service stop)") }
        case "iptables", "ip6tables":
            if f.short.contains("F") || f.long.contains("flush") { add("iptables -F", "flushes firewall rules") }
        case "kill", "pkill", "killall":
            var sigkill = args.contains { ["-9", "-KILL", "-SIGKILL", "--signal=KILL", "--signal=9"].contains($0) }
            if let s = args.firstIndex(where: { $0 == "-s" || $0 == "--signal" }), s + 1 < args.count, ["9", "KILL", "SIGKILL"].contains(args[s + 1]) {
                sigkill = true
            }
            if sigkill { add("kill -9", "force-kills processes (SIGKILL)") }
        case "pg_restore":
            let listing = f.short.contains("l") || f.long.contains("list")
            if !listing && (f.short.contains("d") || f.short.contains("c") || f.long.contains("dbname") || f.long.contains("clean")) {
                add("pg_restore -d", "restores over a live database (pg_restore)")
            }
        case "mysql", "mariadb", "psql":
            if hasInputRedirect { add("\(prog) < dump", "loads a dump into a live database (\(prog) < dump)") }
        case "truncate":
            add("truncate", "truncates a file")
        default:
            break
        }

        // Generic flags, whatever the program: all of them are long options, so only the words that
        // start with "--" are searched (`==` and `hasPrefixFast` can only match those).
        var longs: [Int] = []
        for i in args.indices where isLongOption(args[i]) { longs.append(i) }
        guard !longs.isEmpty else { return out }
        if let i = longs.first(where: { args[$0] == "--replicas" || args[$0].hasPrefixFast("--replicas=") }) {
            let value = args[i] == "--replicas" ? (i + 1 < args.count ? args[i + 1] : "") : String(args[i].dropFirst("--replicas=".count))
            if Int(value) == 0 { add("--replicas=0", "scales to zero replicas") }
        }
        if let i = longs.first(where: { args[$0] == "--scale" || args[$0].hasPrefixFast("--scale=") }) {
            let value = args[i] == "--scale" ? (i + 1 < args.count ? args[i + 1] : "") : String(args[i].dropFirst("--scale=".count))
            if let eq = value.lastIndex(of: "="), Int(value[value.index(after: eq)...]) == 0 {
                add("--scale=0", "scales to zero replicas")
            }
        }
        func scalesToZero(_ flag: String, _ flagEquals: String) {
            if let i = longs.first(where: { args[$0] == flag || args[$0].hasPrefixFast(flagEquals) }) {
                let value = args[i] == flag ? (i + 1 < args.count ? args[i + 1] : "") : String(args[i].dropFirst(flag.count + 1))
                if Int(value) == 0 { add("\(flag)=0", "scales to zero replicas") }
            }
        }
        scalesToZero("--desired-count", "--desired-count=")
        scalesToZero("--desired-capacity", "--desired-capacity=")
        if !forceHandled, longs.contains(where: { args[$0] == "--force" || args[$0].hasPrefixFast("--force=") }) {
            add("--force", "forces the operation (--force)")
        }
        return out
    }

    /// Whether a word starts with "--" (byte for byte).
    private static func isLongOption(_ word: String) -> Bool {
        let bytes = word.utf8
        guard bytes.count >= 2, bytes.first == 0x2D else { return false }
        return bytes[bytes.index(after: bytes.startIndex)] == 0x2D
    }

    /// Per program, the flags whose value is the next word (skipped when looking for verbs).
    private enum ValueFlags {
        static let none: Set<String> = []
        static let helm: Set<String> = ["-n", "--namespace", "--kube-context", "--kubeconfig"]
        static let kubectl: Set<String> = ["-n", "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "-s", "--server"]
        static let git: Set<String> = ["-C", "-c", "--git-dir", "--work-tree"]
        static let docker: Set<String> = ["-H", "--host", "--context", "--config", "-f", "--file", "-p", "--project-name", "--log-level"]
        static let aws: Set<String> = ["--region", "--profile", "--output", "--endpoint-url"]
        static let systemctl: Set<String> = ["-H", "--host", "-M", "--machine"]
    }

    /// Short flag letters and long flag names in a command's arguments.
    private struct Flags {
        var short = LetterSet()
        /// Few per command: a list is cheaper than a hash set.
        var long: [String] = []
        init(_ args: [String]) {
            for a in args {
                if a == "--" { break }
                let u = a.utf8
                guard u.first == 0x2D, u.count > 1 else { continue }                   // -
                if u.dropFirst().first == 0x2D {
                    let name = u.dropFirst(2).prefix(while: { $0 != 0x3D })             // up to '='
                    long.append(String(decoding: name, as: UTF8.self))
                } else {
                    for b in u.dropFirst() where (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
                        short.insert(b)
                    }
                }
            }
        }
    }

    /// A set of ASCII letters, as bits.
    private struct LetterSet {
        private var bits: UInt64 = 0

        mutating func insert(_ letter: UInt8) { bits |= 1 << Self.bit(letter) }

        func contains(_ letter: Character) -> Bool {
            guard let ascii = letter.asciiValue, (ascii | 0x20) >= 0x61, (ascii | 0x20) <= 0x7A else { return false }
            return bits & (1 << Self.bit(ascii)) != 0
        }

        /// 0-25 for A-Z, 32-57 for a-z.
        private static func bit(_ letter: UInt8) -> UInt64 { UInt64(letter - 0x41) }
    }

    /// Non-flag arguments, skipping the value of each flag in `valueFlags` given as a separate word.
    private static func positionals(_ args: [String], valueFlags: Set<String>) -> [String] {
        var out: [String] = []
        forEachPositional(args, valueFlags: valueFlags) { out.append($0); return true }
        return out
    }

    /// `positionals(args, valueFlags:).first`, without collecting the others.
    private static func firstPositional(_ args: [String], valueFlags: Set<String>) -> String? {
        var first: String?
        forEachPositional(args, valueFlags: valueFlags) { first = $0; return false }
        return first
    }

    /// Calls `body` with each non-flag argument until it returns false.
    private static func forEachPositional(_ args: [String], valueFlags: Set<String>, _ body: (String) -> Bool) {
        var i = 0
        while i < args.count {
            let a = args[i]
            if a.hasPrefixFast("-") {
                if valueFlags.contains(a) { i += 1 }
            } else if !body(a) {
                return
            }
            i += 1
        }
    }

    private static func basename(_ w: String) -> String {
        guard let slash = w.utf8.lastIndex(of: 0x2F) else { return w }
        return String(w[w.utf8.index(after: slash)...])
    }

    // MARK: SQL

    private struct SQLWord {
        var text: String      // lower-cased
        var statement: Int    // increments at ';' and quotes
        var plain: Bool       // not glued to '-', '.', '/', '$' (not part of a flag, path or variable)
    }

    @inline(__always) private static func isSQLWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == 0x5F
    }

    private static func sqlWords(_ code: [UInt8]) -> [SQLWord] {
        var out: [SQLWord] = []
        var statement = 0
        var start = -1
        var plain = true
        var previous: UInt8 = 0x20
        let gluing: [UInt8] = [0x2D, 0x2E, 0x2F, 0x24, 0x40, 0x7B]   // - . / $ @ {
        for (i, b) in code.enumerated() {
            if isSQLWordByte(b) {
                if start < 0 { start = i; plain = !gluing.contains(previous) }
            } else {
                if start >= 0 {
                    let text = String(decoding: code[start..<i].map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
                    out.append(SQLWord(text: text, statement: statement, plain: plain && !gluing.prefix(3).contains(b)))
                    start = -1
                }
                if b == 0x3B || b == 0x27 || b == 0x22 { statement += 1 }   // ; ' "
            }
            previous = b
        }
        if start >= 0 {
            let text = String(decoding: code[start...].map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
            out.append(SQLWord(text: text, statement: statement, plain: plain))
        }
        return out
    }

    /// One pass: does the text contain "drop", "truncate", "delete" or "flush" in any case?
    private static func mayContainSQLKeyword(_ code: [UInt8]) -> Bool {
        code.withUnsafeBufferPointer { mayContainSQLKeyword($0) }
    }

    private static func mayContainSQLKeyword(_ code: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = code.count
        var i = 0
        while i + 4 <= n {
            switch code[i] | 0x20 {
            case 0x64:   // d
                let a = code[i + 1] | 0x20, b = code[i + 2] | 0x20, c = code[i + 3] | 0x20
                if (a == 0x72 && b == 0x6F && c == 0x70) || (a == 0x65 && b == 0x6C && c == 0x65) { return true }   // rop, ele
            case 0x74:   // t
                if code[i + 1] | 0x20 == 0x72, code[i + 2] | 0x20 == 0x75, code[i + 3] | 0x20 == 0x6E { return true } // run
            case 0x66:   // f
                if code[i + 1] | 0x20 == 0x6C, code[i + 2] | 0x20 == 0x75, code[i + 3] | 0x20 == 0x73 { return true } // lus
            default:
                break
            }
            i += 1
        }
        return false
    }

    private static let dropObjects: [String: String] = [
        "database": "drops a database (DROP DATABASE)",
        "table": "drops a table (DROP TABLE)",
        "schema": "drops a schema (DROP SCHEMA)",
        "index": "drops an index (DROP INDEX)",
        "column": "drops a column (DROP COLUMN)",
        "user": "drops a database user (DROP USER)",
        "role": "drops a database role (DROP ROLE)",
    ]

    private static func sqlReasons(_ code: [UInt8]) -> [DangerReason] {
        // Fast exit: no SQL keyword at all.
        guard mayContainSQLKeyword(code) else { return [] }
        let w = sqlWords(code)
        var out: [DangerReason] = []
        for (i, word) in w.enumerated() where word.plain {
            let next = i + 1 < w.count && w[i + 1].plain && w[i + 1].statement == word.statement ? w[i + 1].text : nil
            switch word.text {
            case "drop":
                if let next, let reason = dropObjects[next] {
                    out.append(DangerReason(pattern: "DROP \(next.uppercased())", reason: reason))
                }
            case "truncate":
                if next != nil { out.append(DangerReason(pattern: "TRUNCATE", reason: "empties a table (TRUNCATE)")) }
            case "delete":
                if next == "from" {
                    let hasWhere = w[(i + 2)...].prefix(while: { $0.statement == word.statement }).contains { $0.text == "where" }
                    out.append(DangerReason(pattern: "DELETE FROM",
                                            reason: hasWhere ? "deletes rows (DELETE FROM)" : "deletes all rows (DELETE FROM without WHERE)"))
                }
            case "flushall":
                out.append(DangerReason(pattern: "FLUSHALL", reason: "wipes all Redis data (FLUSHALL)"))
            case "flushdb":
                out.append(DangerReason(pattern: "FLUSHDB", reason: "wipes a Redis database (FLUSHDB)"))
            default:
                break
            }
        }
        return out
    }
}
