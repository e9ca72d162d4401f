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
            for index in code.commands.indices { code.commands[index].placeholders = placeholders(code.commands[index].text, assigned: &local) }
        } else {
            for index in code.commands.indices { code.commands[index].placeholders = placeholders(code.commands[index].text, assigned: &assigned) }
        }
        return .code(code)
    }

    /// The command's placeholders; adds what the command assigns to `assigned`.
    static func placeholders(_ command: String, assigned: inout Set<String>) -> [Placeholder] {
        assigned.formUnion(ShellVariables.assigned(in: command))
        var result: [Placeholder] = []
        for name in ShellVariables.referenced(in: command)
        where !assigned.contains(name) && !environmentNames.contains(name) {
            result.append(Placeholder(name: name, syntax: .variable))
        }
        for token in ShellVariables.bracketPlaceholders(in: command) {
            result.append(Placeholder(name: token, syntax: command.contains("<" + token + ">") ? .angle : .square))
        }
        return result
    }
}
