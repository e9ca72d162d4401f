import Testing
@testable import RunbookModel

/// Texts of all segments, comments prefixed with "C:".
private func texts(_ body: String, console: Bool = false) -> [String] {
    ShellCommandSplitter.split(body, console: console).map { $0.kind == .comment ? "C:" + $0.text : $0.text }
}

@Suite("ShellCommandSplitter")
struct ShellCommandSplitterTests {
    // MARK: Basics

    @Test func emptyAndBlankBodies() {
        #expect(ShellCommandSplitter.split("").isEmpty)
        #expect(ShellCommandSplitter.split("\n\n  \n").isEmpty)
    }

    @Test func oneCommandPerLine() {
        let segs = ShellCommandSplitter.split("kubectl get pods\nkubectl get svc\n")
        #expect(segs == [
            ShellSegment(kind: .command, text: "kubectl get pods", startLine: 0, endLine: 0),
            ShellSegment(kind: .command, text: "kubectl get svc", startLine: 1, endLine: 1),
        ])
    }

    @Test func blankLinesSeparateAndAreDropped() {
        let segs = ShellCommandSplitter.split("\n\necho a\n\n\necho b\n\n")
        #expect(segs.map(\.text) == ["echo a", "echo b"])
        #expect(segs.map(\.startLine) == [2, 5])
    }

    @Test func crlfLineEndings() {
        let segs = ShellCommandSplitter.split("echo a \\\r\n  b\r\n# note\r\n\r\necho c\r\n")
        #expect(segs.map(\.text) == ["echo a \\\n  b", "echo c"])
        #expect(segs[0].note == "note")
        #expect(segs[0].endLine == 1)
    }

    // MARK: Continuations

    @Test func backslashContinuation() {
        #expect(texts("docker run \\\n  -p 80:80 \\\n  nginx\necho next") == ["docker run \\\n  -p 80:80 \\\n  nginx", "echo next"])
    }

    @Test func backslashBeforeBlankLineEndsCommand() {
        let segs = ShellCommandSplitter.split("echo a \\\n\necho b")
        #expect(segs.map(\.text) == ["echo a \\", "echo b"])
        #expect(segs[0].endLine == 0)
    }

    @Test func pipeAndAndOrLineEnds() {
        #expect(texts("kubectl get pods |\n  grep web\necho x") == ["kubectl get pods |\n  grep web", "echo x"])
        #expect(texts("make build &&\n  make test ||\n  echo failed\nls") == ["make build &&\n  make test ||\n  echo failed", "ls"])
        #expect(texts("cmd |  # filter\n  grep x") == ["cmd |  # filter\n  grep x"])
        #expect(texts("sleep 5 &\necho bg") == ["sleep 5 &", "echo bg"])
    }

    @Test func commandSubstitutionAcrossLines() {
        #expect(texts("START=$(date +%s)\necho $START") == ["START=$(date +%s)", "echo $START"])
        let nested = "POD=$(kubectl get pods \\\n  -l app=$(echo web |\n    tr a-z A-Z) \\\n  -o name)\necho $POD"
        #expect(texts(nested) == ["POD=$(kubectl get pods \\\n  -l app=$(echo web |\n    tr a-z A-Z) \\\n  -o name)", "echo $POD"])
        #expect(texts("X=$(\n  echo $(\n    date\n  )\n)\necho") == ["X=$(\n  echo $(\n    date\n  )\n)", "echo"])
        #expect(texts("X=`date\n+%s`\necho") == ["X=`date\n+%s`", "echo"])
        #expect(texts("echo $((1 +\n 2))\necho") == ["echo $((1 +\n 2))", "echo"])
        #expect(texts("echo \"$(date)\" \"${HOME:-/}\"\necho") == ["echo \"$(date)\" \"${HOME:-/}\"", "echo"])
    }

    @Test func quotedNewlines() {
        #expect(texts("echo 'a\n\nb'\necho c") == ["echo 'a\n\nb'", "echo c"])
        #expect(texts("echo \"a\nb\" 'it''s'\necho c") == ["echo \"a\nb\" 'it''s'", "echo c"])
        #expect(texts("echo $'a\\'b\nc'\necho d") == ["echo $'a\\'b\nc'", "echo d"])
        #expect(texts("echo \"say \\\"hi\nthere\\\"\"\necho d") == ["echo \"say \\\"hi\nthere\\\"\"", "echo d"])
    }

    @Test func multiLineSingleQuotedYamlRunbookExample() {
        let body = """
        # 1. Set canary weight to 0
        kubectl patch virtualservice $SERVICE --type merge -p '
        spec:
          http:
          - route:
            - destination:
                host: $SERVICE
              weight: 100
        '

        # 2. Scale down canary
        kubectl scale deployment $SERVICE-canary --replicas=0
        """
        let segs = ShellCommandSplitter.split(body)
        #expect(segs.count == 2)
        #expect(segs[0].kind == .command)
        #expect(segs[0].label == "1. Set canary weight to 0")
        #expect(segs[0].text.hasPrefix("kubectl patch virtualservice $SERVICE --type merge -p '\nspec:"))
        #expect(segs[0].text.hasSuffix("      weight: 100\n'"))
        #expect(segs[0].startLine == 1 && segs[0].endLine == 8)
        #expect(segs[1] == ShellSegment(kind: .command, text: "kubectl scale deployment $SERVICE-canary --replicas=0",
                                        label: "2. Scale down canary", startLine: 11, endLine: 11))
    }

    // MARK: Heredocs

    @Test func heredocs() {
        #expect(texts("cat <<EOF > /tmp/x\nline 1\n\necho not a command\nEOF\necho after")
                == ["cat <<EOF > /tmp/x\nline 1\n\necho not a command\nEOF", "echo after"])
        #expect(texts("cat <<-EOF\n\tindented\n\tEOF\necho after") == ["cat <<-EOF\n\tindented\n\tEOF", "echo after"])
        #expect(texts("cat <<'EOF'\n$HOME `x` $(y\nEOF\necho after") == ["cat <<'EOF'\n$HOME `x` $(y\nEOF", "echo after"])
        #expect(texts("cat <<\"END\"\nbody\nEND\necho after") == ["cat <<\"END\"\nbody\nEND", "echo after"])
        #expect(texts("cat << EOF | kubectl apply -f -\nkind: Pod\nEOF\necho after")
                == ["cat << EOF | kubectl apply -f -\nkind: Pod\nEOF", "echo after"])
    }

    @Test func twoHeredocsOnOneLine() {
        #expect(texts("paste <<A <<B\na1\nA\nb1\nB\necho after") == ["paste <<A <<B\na1\nA\nb1\nB", "echo after"])
    }

    @Test func hereStringIsNotAHeredoc() {
        #expect(texts("grep x <<< \"$DATA\"\necho after") == ["grep x <<< \"$DATA\"", "echo after"])
        #expect(texts("read a b <<<EOF\necho EOF") == ["read a b <<<EOF", "echo EOF"])
    }

    @Test func heredocInsideCompoundAndPipelineAfter() {
        #expect(texts("if true; then\n  cat <<EOF\nfi\nEOF\nfi\necho after") == ["if true; then\n  cat <<EOF\nfi\nEOF\nfi", "echo after"])
        #expect(texts("cat <<EOF |\nhello\nEOF\ngrep h\necho after") == ["cat <<EOF |\nhello\nEOF\ngrep h", "echo after"])
        #expect(texts("echo $((1 << 2))\necho after") == ["echo $((1 << 2))", "echo after"])
    }

    // MARK: Compound commands

    @Test func ifForWhileCase() {
        let ifBlock = "if kubectl get ns prod; then\n  echo yes\nelse\n  echo no\nfi"
        #expect(texts(ifBlock + "\necho after") == [ifBlock, "echo after"])
        let forBlock = "for pod in $(kubectl get pods -o name)\ndo\n  kubectl delete $pod\ndone"
        #expect(texts(forBlock + "\necho after") == [forBlock, "echo after"])
        let whileBlock = "while ! curl -sf http://x; do\n  sleep 5\ndone < /dev/null"
        #expect(texts(whileBlock + "\necho after") == [whileBlock, "echo after"])
        let untilBlock = "until [ -f /tmp/ready ]\ndo sleep 1; done"
        #expect(texts(untilBlock + "\necho after") == [untilBlock, "echo after"])
        let arith = "for ((i=0; i<3; i++)); do\n  echo $i\ndone"
        #expect(texts(arith + "\necho after") == [arith, "echo after"])
    }

    @Test func caseWithPatternsAndDoubleSemicolons() {
        let block = "case \"$ENV\" in\n  prod|production)\n    echo careful\n    ;;\n  (staging) echo ok ;;\n  @(dev|test)) echo dev ;&\n  *)\n    echo other\n    ;;\nesac"
        #expect(texts(block + "\necho after") == [block, "echo after"])
        #expect(texts("case $x in a) echo done;; esac\necho after") == ["case $x in a) echo done;; esac", "echo after"])
        #expect(texts("X=$(case $y in\n a) echo 1;;\n esac)\necho after") == ["X=$(case $y in\n a) echo 1;;\n esac)", "echo after"])
    }

    @Test func functionsAndGroups() {
        let f1 = "deploy() {\n  kubectl apply -f $1\n}"
        #expect(texts(f1 + "\ndeploy app.yaml") == [f1, "deploy app.yaml"])
        let f2 = "function check {\n  curl -sf $1\n}"
        #expect(texts(f2 + "\ncheck x") == [f2, "check x"])
        let f3 = "wait_for()\n{\n  sleep 1\n}"
        #expect(texts(f3 + "\nwait_for") == [f3, "wait_for"])
        let f4 = "function cleanup() (\n  rm -rf /tmp/x\n)"
        #expect(texts(f4 + "\ncleanup") == [f4, "cleanup"])
        let g = "{\n  echo a\n  echo b\n} > /tmp/out"
        #expect(texts(g + "\necho after") == [g, "echo after"])
        let s = "(\n  cd /tmp &&\n  ls\n)"
        #expect(texts(s + "\necho after") == [s, "echo after"])
        #expect(texts("{ echo a; echo b; }\necho after") == ["{ echo a; echo b; }", "echo after"])
    }

    @Test func keywordsCountOnlyInCommandPosition() {
        let loop = "for i in 1 2; do\n  echo done\n  echo fi esac }\ndone"
        #expect(texts(loop + "\necho after") == [loop, "echo after"])
        #expect(texts("echo done\necho if\nkubectl describe deployment app | grep Image") == ["echo done", "echo if", "kubectl describe deployment app | grep Image"])
        #expect(texts("echo {a,b}\nfind . -exec rm {} \\;\necho }") == ["echo {a,b}", "find . -exec rm {} \\;", "echo }"])
        #expect(texts("iffy --x\nfi\ndone\necho ok") == ["iffy --x", "fi", "done", "echo ok"])
    }

    @Test func arraysAndDoubleBrackets() {
        #expect(texts("ARR=(\n  one\n  two\n)\necho ${ARR[@]}") == ["ARR=(\n  one\n  two\n)", "echo ${ARR[@]}"])
        #expect(texts("[[ $x =~ ^(a|b)$ ]] && echo yes\necho after") == ["[[ $x =~ ^(a|b)$ ]] && echo yes", "echo after"])
        #expect(texts("[[ $a < $b ]]\necho after") == ["[[ $a < $b ]]", "echo after"])
    }

    // MARK: Comments

    @Test func hashIsNotAlwaysAComment() {
        #expect(texts("echo ${#x} $# foo#bar \"#incidents\" '#x' \\#y # real (\necho after")
                == ["echo ${#x} $# foo#bar \"#incidents\" '#x' \\#y # real (", "echo after"])
        #expect(texts("echo x # it's fine\necho after") == ["echo x # it's fine", "echo after"])
        #expect(texts("echo x;# comment (\necho after") == ["echo x;# comment (", "echo after"])
        #expect(texts("echo \"a #b\n\"\necho after") == ["echo \"a #b\n\"", "echo after"])
    }

    @Test func labelsSpanConsecutiveCommands() {
        let segs = ShellCommandSplitter.split("# 1. Check current state\nkubectl get deployment $SERVICE -o wide\nkubectl rollout history deployment/$SERVICE\n\nkubectl get pods")
        #expect(segs.map(\.label) == ["1. Check current state", "1. Check current state", nil])
        #expect(segs.map(\.kind) == [.command, .command, .command])
    }

    @Test func multiLineLabelAndNextCommentStartsNewLabel() {
        let segs = ShellCommandSplitter.split("#  Step 1\n#Scale down\nkubectl scale --replicas=0 x\n# Step 2\nkubectl get pods\nkubectl get svc")
        #expect(segs.map(\.label) == [" Step 1\nScale down", "Step 2", "Step 2"])
        #expect(segs.map(\.note) == [nil, nil, nil])
    }

    @Test func commentOnlyGroupsAreSegments() {
        let segs = ShellCommandSplitter.split("# Step 4: Confirm users seeing old version\n# Check monitoring dashboard\n\n# Step 5\nkubectl get pods")
        #expect(segs == [
            ShellSegment(kind: .comment, text: "# Step 4: Confirm users seeing old version\n# Check monitoring dashboard", startLine: 0, endLine: 1),
            ShellSegment(kind: .command, text: "kubectl get pods", label: "Step 5", startLine: 4, endLine: 4),
        ])
        #expect(texts("echo a\n\n# trailing manual step") == ["echo a", "C:# trailing manual step"])
    }

    @Test func trailingNotes() {
        let segs = ShellCommandSplitter.split("curl https://api.example.com/version\n# Should return old version number\n\necho next\n# last note")
        #expect(segs.count == 2)
        #expect(segs[0].note == "Should return old version number")
        #expect(segs[0].text == "curl https://api.example.com/version")
        #expect(segs[1].note == "last note")
        #expect(segs[1].label == nil)
    }

    @Test func commentsInsideCompoundsStayInside() {
        let block = "for x in a b; do\n  # explain\n\n  echo $x\ndone"
        let segs = ShellCommandSplitter.split(block)
        #expect(segs.count == 1)
        #expect(segs[0].text == block)
        #expect(segs[0].note == nil && segs[0].label == nil)
    }

    @Test func shebangIsNeverALabel() {
        let segs = ShellCommandSplitter.split("#!/bin/bash\nset -e\necho hi")
        #expect(segs.map(\.kind) == [.comment, .command, .command])
        #expect(segs[0].text == "#!/bin/bash")
        #expect(segs[1].label == nil && segs[2].label == nil)
        let later = ShellCommandSplitter.split("\n#!/bin/sh\n# Label\necho hi")
        #expect(later.map(\.kind) == [.comment, .command])
        #expect(later[0].text == "#!/bin/sh" && later[0].startLine == 1)
        #expect(later[1].label == "Label")
    }

    // MARK: Robustness

    @Test func unterminatedInputBecomesOneCommand() {
        #expect(texts("echo ok\necho 'oops\necho a\n\necho b") == ["echo ok", "echo 'oops\necho a\n\necho b"])
        #expect(texts("cat <<EOF\nno end") == ["cat <<EOF\nno end"])
        #expect(texts("if true; then\n  echo x\n\n") == ["if true; then\n  echo x"])
        #expect(texts("echo $(date\n") == ["echo $(date"])
        #expect(texts("echo a |") == ["echo a |"])
        #expect(texts("f()") == ["f()"])
        #expect(texts("echo \\") == ["echo \\"])
    }

    @Test func strayClosersDoNotCrash() {
        #expect(texts(") ) }\n;; esac\n`\necho ok") == [") ) }", ";; esac", "`\necho ok"])
        #expect(texts("$\necho $\n${\n}") == ["$", "echo $", "${\n}"])
        for input in ["'", "\"", "$(", "$((", "${", "`", "<<", "<<-", "((", "[[", "\\", "case", "case x in", "for", "function", "<(", "a=(", "$'"] {
            let segs = ShellCommandSplitter.split(input + "\necho after")
            #expect(!segs.isEmpty)
        }
    }

    @Test func pathologicalNestingStaysLinear() {
        let deep = String(repeating: "$(", count: 50_000) + String(repeating: ")", count: 50_000)
        #expect(texts(deep + "\necho after").count == 2)
        let braces = String(repeating: "{ ", count: 20_000) + "\n" + String(repeating: "fi\n", count: 20_000)
        #expect(ShellCommandSplitter.split(braces).count == 1)
        let docs = "cat " + String(repeating: "<<E ", count: 5_000) + "\n" + String(repeating: "E\n", count: 5_000) + "echo after"
        #expect(texts(docs).count == 2)
    }

    @Test func randomInputNeverTraps() {
        let alphabet = Array("ab $(){}[]<>|&;'\"`\\#=-\n\r\tifthenfidonecaseesacEOF<<-!*@?:%^~/.")
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3_000 {
            var text = ""
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(seed >> 58) + 1
            for _ in 0..<length * 2 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                text.append(alphabet[Int(seed >> 33) % alphabet.count])
            }
            for console in [false, true] {
                let segs = ShellCommandSplitter.split(text, console: console)
                var previousEnd = -1
                for seg in segs {
                    #expect(seg.startLine > previousEnd && seg.endLine >= seg.startLine)
                    previousEnd = seg.endLine
                }
            }
            _ = ShellVariables.referenced(in: text)
            _ = ShellVariables.assigned(in: text)
            _ = ShellVariables.bracketPlaceholders(in: text)
            _ = ShellBlockClassifier.isScript(text)
            _ = ShellBlockClassifier.looksLikeShell(text)
            _ = ShellBlockClassifier.isProse(text)
        }
    }

    // MARK: Console

    @Test func consolePromptsAndOutput() {
        let body = "$ kubectl get pods\nNAME    READY\nweb-1   1/1\n\n$ echo done\ndone\n"
        let segs = ShellCommandSplitter.split(body, console: true)
        #expect(segs == [
            ShellSegment(kind: .command, text: "kubectl get pods", startLine: 0, endLine: 0, expectedOutput: "NAME    READY\nweb-1   1/1"),
            ShellSegment(kind: .command, text: "echo done", startLine: 4, endLine: 4, expectedOutput: "done"),
        ])
    }

    @Test func consoleContinuations() {
        let body = "$ curl -s \\\n>   https://x\n{\"ok\":true}\n$ cat <<EOF\n> hello\n> EOF\nhello\n$ for i in 1 2; do\n> echo $i\n> done\n1\n2"
        let segs = ShellCommandSplitter.split(body, console: true)
        #expect(segs.map(\.text) == ["curl -s \\\n  https://x", "cat <<EOF\nhello\nEOF", "for i in 1 2; do\necho $i\ndone"])
        #expect(segs.map(\.expectedOutput) == ["{\"ok\":true}", "hello", "1\n2"])
        #expect(segs.map(\.startLine) == [0, 3, 7])
        #expect(segs.map(\.endLine) == [1, 5, 9])
    }

    @Test func consoleHashIsNotAPromptAndLabels() {
        let body = "# Check pods\n$ kubectl get pods\nNo resources found.\n\n# Now scale\n$ kubectl scale x --replicas=1\n$ ls\n# not a prompt"
        let segs = ShellCommandSplitter.split(body, console: true)
        #expect(segs.map(\.text) == ["kubectl get pods", "kubectl scale x --replicas=1", "ls"])
        #expect(segs.map(\.label) == ["Check pods", "Now scale", nil])
        #expect(segs.map(\.expectedOutput) == ["No resources found.", nil, "# not a prompt"])
    }

    @Test func consoleBarePromptIsIgnored() {
        let segs = ShellCommandSplitter.split("$ ls\nfoo\n$\nstray\n$ pwd\n\n/tmp\n\n$ ", console: true)
        #expect(segs.map(\.text) == ["ls", "pwd"])
        #expect(segs.map(\.expectedOutput) == ["foo", "/tmp"])
    }

    @Test func consoleHeredocWithoutPS2AndUnbalancedQuote() {
        let segs = ShellCommandSplitter.split("$ cat <<EOF > x\nhello\nEOF\n$ echo it's\n> more\noutput\n$ ls\nx", console: true)
        #expect(segs.map(\.text) == ["cat <<EOF > x\nhello\nEOF", "echo it's\nmore\noutput", "ls"])
        #expect(segs.map(\.expectedOutput) == [nil, nil, "x"])
    }

    @Test func consoleWithoutPromptIsNormalShell() {
        #expect(texts("kubectl get pods\n# note", console: true) == ["kubectl get pods"])
        #expect(ShellCommandSplitter.split("kubectl get pods\n# note", console: true)[0].note == "note")
    }

    // MARK: Performance sanity

    @Test func largeBodySplits() {
        let chunk = """
        # Step: check
        kubectl get pods -n prod | grep -v Running
        for p in $(kubectl get pods -o name); do
          echo "$p"  # it's fine
        done
        cat <<EOF | kubectl apply -f -
        kind: ConfigMap
        data: {a: 'b'}
        EOF
        curl -s https://x \\
          -H 'X: y'
        case $x in a) echo 1;; esac

        """
        let body = String(repeating: chunk, count: 2_000_000 / chunk.utf8.count + 1)
        let segs = ShellCommandSplitter.split(body)
        let perChunk = 5
        #expect(segs.count == perChunk * (2_000_000 / chunk.utf8.count + 1))
        #expect(segs.allSatisfy { $0.kind == .command })
    }
}
