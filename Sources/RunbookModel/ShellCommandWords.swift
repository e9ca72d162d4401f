/// Vocabulary used by `ShellBlockClassifier` to decide whether a line starts like a command.
enum ShellCommandWords {
    /// Well-known commands and shell builtins (case-sensitive: prose starts with capitals).
    static let known: Set<String> = Set([
        // shell builtins and keywords
        "if", "for", "while", "until", "case", "function", "select", "then", "do", "done", "fi", "esac",
        "{", "}", "(", "((", "[", "[[", "!", ".", ":", "source", "export", "unset", "set", "local",
        "declare", "readonly", "typeset", "alias", "unalias", "trap", "exit", "return", "read",
        "test", "true", "false", "wait", "eval", "exec", "shift", "getopts", "let", "ulimit",
        "umask", "cd", "pushd", "popd", "pwd", "echo", "printf", "type", "hash", "command",
        "builtin", "history", "jobs", "fg", "bg", "disown", "mapfile", "readarray", "shopt",
        // coreutils, text tools, files
        "ls", "cat", "tac", "cp", "mv", "rm", "mkdir", "rmdir", "touch", "ln", "chmod", "chown",
        "chgrp", "find", "xargs", "grep", "egrep", "fgrep", "rg", "awk", "gawk", "sed", "cut",
        "sort", "uniq", "wc", "head", "tail", "less", "more", "tee", "tr", "diff", "patch",
        "comm", "join", "paste", "column", "jq", "yq", "xmllint", "base64", "md5sum", "sha1sum",
        "sha256sum", "date", "sleep", "watch", "timeout", "time", "env", "nohup", "nice",
        "basename", "dirname", "realpath", "readlink", "stat", "file", "du", "df", "free",
        "uptime", "whoami", "id", "hostname", "uname", "which", "whereis", "tar", "gzip",
        "gunzip", "zip", "unzip", "xz", "zcat", "zgrep", "seq", "yes", "openssl", "envsubst",
        "tree", "split", "truncate", "install", "mktemp", "sync", "shred", "dd", "cmp",
        // processes and system
        "ps", "top", "htop", "kill", "killall", "pkill", "pgrep", "lsof", "strace", "ltrace",
        "systemctl", "journalctl", "service", "crontab", "sudo", "su", "dmesg", "mount",
        "umount", "lsblk", "fdisk", "mkfs", "fsck", "vmstat", "iostat", "sar", "mpstat",
        "perf", "ulimit", "sysctl", "modprobe", "useradd", "usermod", "passwd", "logger",
        "apt", "apt-get", "yum", "dnf", "apk", "brew", "snap", "rpm", "dpkg", "pip", "pip3",
        // network
        "curl", "wget", "ssh", "scp", "sftp", "rsync", "ping", "traceroute", "dig", "nslookup",
        "host", "nc", "netcat", "telnet", "netstat", "ss", "ip", "ifconfig", "iptables",
        "tcpdump", "nmap", "http", "grpcurl", "ab", "hey", "wrk", "vegeta", "mtr",
        // containers, clouds, infra
        "kubectl", "k", "kubectx", "kubens", "helm", "kustomize", "k9s", "stern", "minikube",
        "kind", "k3d", "istioctl", "linkerd", "argocd", "flux", "oc", "eksctl", "docker",
        "docker-compose", "podman", "crictl", "ctr", "nerdctl", "buildah", "skopeo", "aws",
        "gcloud", "gsutil", "bq", "az", "doctl", "terraform", "terragrunt", "tofu", "pulumi",
        "ansible", "ansible-playbook", "vagrant", "packer", "vault", "consul", "nomad",
        "etcdctl", "kafka-topics", "kafka-console-consumer", "kafka-consumer-groups", "heroku",
        "fly", "flyctl", "vercel", "netlify", "gh", "glab", "sentry-cli", "datadog-agent",
        "promtool", "amtool", "logcli", "velero", "certbot", "nginx", "apachectl", "haproxy",
        // databases
        "psql", "pg_dump", "pg_dumpall", "pg_restore", "pg_basebackup", "pg_ctl", "pg_isready",
        "createdb", "dropdb", "createuser", "mysql", "mysqldump", "mysqladmin", "mongo",
        "mongosh", "mongodump", "mongorestore", "redis-cli", "sqlite3", "cqlsh", "clickhouse-client",
        "influx", "cockroach", "pgbench",
        // languages, builds
        "git", "make", "cmake", "npm", "npx", "yarn", "pnpm", "node", "deno", "bun", "python",
        "python3", "pipenv", "poetry", "uv", "ruby", "bundle", "rake", "rails", "gem", "go",
        "cargo", "rustc", "java", "mvn", "gradle", "dotnet", "php", "composer", "perl", "swift",
        "bash", "sh", "zsh", "vim", "vi", "nano", "code",
    ])

    /// Wrappers skipped before looking at the real command word.
    static let wrappers: Set<String> = ["sudo", "time", "nohup", "env", "exec", "command", "builtin", "nice"]

    /// Whether a word looks like a path to an executable (`./x.sh`, `/usr/bin/x`, `~/bin/x`, `bin/x.py`).
    static func isPathLike(_ word: Substring) -> Bool {
        // A word with an ASCII prefix (suffix) has its bytes first (last): the Character tests only run
        // when the first (last) byte can start (end) one of them.
        guard let first = word.utf8.first, let last = word.utf8.last else { return false }
        if first == UInt8(ascii: ".") || first == UInt8(ascii: "~") || first == UInt8(ascii: "/") {
            if word.hasPrefix("./") || word.hasPrefix("../") || word.hasPrefix("~/") { return true }
            if word.hasPrefix("/"), word.count > 1, !word.contains(" ") { return true }
        }
        guard last == UInt8(ascii: "h") || last == UInt8(ascii: "y") || last == UInt8(ascii: "b") else { return false }
        return word.hasSuffix(".sh") || word.hasSuffix(".py") || word.hasSuffix(".rb")
    }

    /// Whether `word` is `NAME=…` (an assignment).
    static func isAssignment(_ word: Substring) -> Bool {
        let bytes = Array(word.utf8)
        return ShellByte.assignmentName(bytes, 0..<bytes.count) != nil
    }

    /// Whether `word` is a plausible unknown command name: lowercase letters, digits, `.`, `_`, `-`, `+`,
    /// starting with a lowercase letter and not ending in punctuation.
    static func isLowercaseCommandName(_ word: Substring) -> Bool {
        guard let first = word.utf8.first, ShellByte.isLower(first) else { return false }
        guard let last = word.utf8.last, ShellByte.isLower(last) || ShellByte.isDigit(last) else { return false }
        return word.utf8.allSatisfy { ShellByte.isLower($0) || ShellByte.isDigit($0) || $0 == ShellByte.minus
            || $0 == ShellByte.underscore || $0 == UInt8(ascii: ".") || $0 == ShellByte.plus }
    }
}
