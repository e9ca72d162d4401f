/// Finds the values an operator must supply, walking runnable commands in source order as one shell
/// session would: a variable assigned by an earlier command (`export SERVICE=...`, `STABLE=$(...)`) is
/// not a placeholder later on; a script block's own assignments stay inside the script.
enum PlaceholderResolver {
    /// Variables a login shell already has; referencing them needs no input.
    static let environmentNames: Set<String> = [
        "HOME", "USER", "LOGNAME", "PATH", "PWD", "OLDPWD", "SHELL", "HOSTNAME", "HOST", "TERM", "LANG",
        "LC_ALL", "LC_CTYPE", "TMPDIR", "TMP", "RANDOM", "SECONDS", "LINENO", "UID", "EUID", "PPID", "BASHPID",
        "IFS", "EDITOR", "VISUAL", "PAGER", "DISPLAY", "BASH", "BASH_VERSION", "BASH_SOURCE", "BASH_REMATCH",
        "FUNCNAME", "PIPESTATUS", "REPLY", "OPTARG", "OPTIND", "PS1", "PS2", "PS4", "COLUMNS", "LINES", "SHLVL",
        "EPOCHSECONDS", "EPOCHREALTIME", "HISTFILE", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME",
        "XDG_CACHE_HOME", "XDG_RUNTIME_DIR", "SSH_AUTH_SOCK", "SUDO_USER", "GROUPS", "HOSTTYPE", "OSTYPE",
        "MACHTYPE",
    ]

    static func resolve(_ runbook: inout Runbook) {
        // In source order: number the runnable commands and find where each variable is first assigned.
        var order = AssignmentOrder()
        order.add(runbook.preamble)
        var starts: [Int] = []
        starts.reserveCapacity(runbook.sections.count)
        func visit(_ section: Section) {
            order.add(section.blocks)
            section.children.forEach(visit)
        }
        for index in runbook.sections.indices {
            starts.append(order.commandCount)
            visit(runbook.sections[index])
        }
        // Then each command only needs its own number: all cores resolve ranges of top-level sections.
        let firstAssignment = order.firstAssignment
        var number = 0
        resolve(&runbook.preamble, number: &number, firstAssignment)
        runbook.sections.withUnsafeMutableBufferPointer { sections in
            nonisolated(unsafe) let sections = sections
            ParallelRanges.forEach(sections.count) { range in
                for index in range {
                    var number = starts[index]
                    resolve(&sections[index], number: &number, firstAssignment)
                }
            }
        }
    }

    private static func resolve(_ section: inout Section, number: inout Int, _ firstAssignment: [String: Int]) {
        resolve(&section.blocks, number: &number, firstAssignment)
        for index in section.children.indices { resolve(&section.children[index], number: &number, firstAssignment) }
    }

    /// Resolves the runnable commands of `blocks`; `number` is the number of the first one, then of the next.
    private static func resolve(_ blocks: inout [Block], number: inout Int, _ firstAssignment: [String: Int]) {
        for index in blocks.indices {
            guard case .code(let code) = blocks[index], code.role == .runnable, !code.commands.isEmpty else { continue }
            blocks[index].updateCode { code in
                var local = Set<String>()   // a script's own assignments stay inside it
                for command in code.commands.indices {
                    let own = number
                    number += 1
                    if code.isScript { local.formUnion(code.commands[command].assignedVariables) }
                    resolve(&code.commands[command]) { name in
                        local.contains(name) || firstAssignment[name].map { $0 <= own } ?? false
                    }
                }
            }
        }
    }

    /// Adds the variable placeholders the command needs: the variables it reads that are not `assigned`
    /// by then, nor in a login shell's environment. (Its bracket placeholders are found when it is cut
    /// from its block.)
    private static func resolve(_ command: inout Command, assigned: (String) -> Bool) {
        let variables = command.referencedVariables
            .filter { !assigned($0) && !environmentNames.contains($0) }
            .map { Placeholder(name: $0, syntax: .variable) }
        guard !variables.isEmpty || command.placeholders.contains(where: { $0.syntax == .variable }) else { return }
        command.placeholders = variables + command.placeholders.filter { $0.syntax != .variable }
    }

    /// `<name>` and `[name]` placeholders written in a command.
    static func bracketPlaceholders(in command: String) -> [Placeholder] {
        bracketPlaceholders(in: ShellSource(command).bytes[...])
    }

    /// `<name>` and `[name]` placeholders in the command text `bytes` (as `ShellSource` reads it).
    static func bracketPlaceholders(in bytes: ArraySlice<UInt8>) -> [Placeholder] {
        let tokens = ShellPlaceholderScanner.scan(bytes)
        guard !tokens.isEmpty else { return [] }
        return bytes.withUnsafeBufferPointer { text in
            tokens.map { token in
                let angle = Array(("<" + token + ">").utf8)
                let isAngle = angle.withUnsafeBufferPointer { ByteSearch.contains(text, $0) }
                return Placeholder(name: token, syntax: isAngle ? .angle : .square)
            }
        }
    }
}

/// Runnable commands numbered in source order, and for each variable the number of the first command
/// that assigns it for the rest of the session (as one shell would run them: a script's own
/// assignments stay inside the script).
private struct AssignmentOrder {
    private(set) var commandCount = 0
    private(set) var firstAssignment: [String: Int] = [:]

    mutating func add(_ blocks: [Block]) {
        for index in blocks.indices {
            guard case .code(let code) = blocks[index], code.role == .runnable else { continue }
            for command in code.commands.indices {
                if !code.isScript {
                    for name in code.commands[command].assignedVariables where firstAssignment[name] == nil {
                        firstAssignment[name] = commandCount
                    }
                }
                commandCount += 1
            }
        }
    }
}
