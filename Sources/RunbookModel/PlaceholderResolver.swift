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
        var assigned = Set<String>()
        runbook.preamble = runbook.preamble.map { resolve($0, assigned: &assigned) }
        runbook.sections = runbook.sections.map { resolve($0, assigned: &assigned) }
    }

    private static func resolve(_ section: Section, assigned: inout Set<String>) -> Section {
        var section = section
        section.blocks = section.blocks.map { resolve($0, assigned: &assigned) }
        section.children = section.children.map { resolve($0, assigned: &assigned) }
        return section
    }

    private static func resolve(_ block: Block, assigned: inout Set<String>) -> Block {
        guard case .code(var code) = block, code.role == .runnable else { return block }
        if code.isScript {
            var local = assigned
            for index in code.commands.indices { resolve(&code.commands[index], assigned: &local) }
        } else {
            for index in code.commands.indices { resolve(&code.commands[index], assigned: &assigned) }
        }
        return .code(code)
    }

    /// Adds the variable placeholders the command needs (its bracket placeholders are found when it is
    /// cut from its block) and records what it assigns in `assigned`.
    private static func resolve(_ command: inout Command, assigned: inout Set<String>) {
        assigned.formUnion(command.assignedVariables)
        let variables = command.referencedVariables
            .filter { !assigned.contains($0) && !environmentNames.contains($0) }
            .map { Placeholder(name: $0, syntax: .variable) }
        command.placeholders = variables + command.placeholders.filter { $0.syntax != .variable }
    }

    /// `<name>` and `[name]` placeholders written in a command.
    static func bracketPlaceholders(in command: String) -> [Placeholder] {
        ShellVariables.bracketPlaceholders(in: command).map { token in
            Placeholder(name: token, syntax: command.containsBytes("<" + token + ">") ? .angle : .square)
        }
    }
}
