import Foundation
import Testing
import SessionEngine

@Suite("ShellSession: exit codes, output and state carried between commands")
struct ShellStateTests {
    @Test func exitCodesAreReported() throws {
        let session = try makeSession()
        #expect(try run(session, "true").termination == .exited(0))
        #expect(try run(session, "false").termination == .exited(1))
        #expect(try run(session, "(exit 42)").termination == .exited(42))
        let exited = try run(session, "echo before; exit 3; echo after")
        #expect(exited.termination == .exited(3))
        #expect(exited.text == "before\r\n")
        #expect(try run(session, "true").result.succeeded)
    }

    @Test func aSignalEndingTheShellIsReportedAsSuch() throws {
        let session = try makeSession()
        let killed = try run(session, "echo hi; kill -TERM $$")
        #expect(killed.termination == .signaled(15))
        #expect(killed.termination.shellStatus == 143)
        #expect(killed.text == "hi\r\n")
    }

    @Test func directoryVariablesAndFunctionsCarryOver() throws {
        let session = try makeSession()
        _ = try run(session, "cd /tmp")
        #expect(try run(session, "pwd").text == "/tmp\r\n")
        #expect(session.currentDirectory == "/tmp")

        _ = try run(session, "export X=1")
        #expect(try run(session, "echo $X").text == "1\r\n")
        #expect(try run(session, "printenv X").text == "1\r\n")  // a real environment variable for programs
        #expect(session.exportedVariables["X"] == "1")

        _ = try run(session, "STABLE=$(echo v2)")
        #expect(try run(session, "echo $STABLE").text == "v2\r\n")
        #expect(try run(session, "printenv STABLE || echo not-exported").text == "not-exported\r\n")
        #expect(session.shellVariables["STABLE"] == "v2")
        #expect(session.exportedVariables["STABLE"] == nil)

        _ = try run(session, "greet() { echo \"hello $1\"; }")
        #expect(try run(session, "greet sre").text == "hello sre\r\n")
        #expect(session.functionNames == ["greet"])

        _ = try run(session, "unset X")
        #expect(try run(session, "echo ${X-gone}").text == "gone\r\n")
        #expect(session.exportedVariables["X"] == nil)
    }

    @Test func optionsArraysAliasesAndUmaskCarryOver() throws {
        let session = try makeSession()
        _ = try run(session, "set -o pipefail")
        #expect(try run(session, "false | true").termination == .exited(1))
        _ = try run(session, "set +o pipefail")
        #expect(try run(session, "false | true").termination == .exited(0))

        _ = try run(session, "pods=(api 'web 2'); declare -A owner=([api]=alice)")
        #expect(try run(session, "echo ${#pods[@]} \"${pods[1]}\" ${owner[api]}").text == "2 web 2 alice\r\n")
        #expect(session.shellVariables["pods"] == "([0]=\"api\" [1]=\"web 2\")")

        _ = try run(session, "alias hi='echo hello'")
        #expect(try run(session, "hi there").text == "hello there\r\n")

        _ = try run(session, "umask 077")
        #expect(try run(session, "umask").text == "0077\r\n")

        _ = try run(session, "shopt -s extglob")
        #expect(try run(session, "x=aaab; echo ${x##+(a)}").text == "b\r\n")

        _ = try run(session, "readonly LOCKED=yes; declare -i N=2")
        #expect(try run(session, "N+=3; echo $LOCKED $N").text == "yes 5\r\n")
    }

    @Test func errexitAndNounsetApplyToLaterCommandsOnly() throws {
        let session = try makeSession()
        let setting = try run(session, "set -eu")
        #expect(setting.termination == .exited(0))
        let stopped = try run(session, "false; echo not-reached")
        #expect(stopped.termination == .exited(1))
        #expect(stopped.text == "")
        let unbound = try run(session, "echo $NOPE_NOT_SET")
        #expect(unbound.termination == .exited(1))
        #expect(unbound.text.contains("NOPE_NOT_SET: unbound variable"))
        _ = try run(session, "set +eu")
        #expect(try run(session, "false; echo reached").text == "reached\r\n")
    }

    @Test func xtraceShowsOnlyTheUsersCommands() throws {
        // The command runs inside `eval`, one level below the top, so bash repeats PS4's first
        // character once more than a terminal would: "++ echo a".
        let session = try makeSession()
        let first = try run(session, "set -x; echo a")
        #expect(first.text == "++ echo a\r\na\r\n")
        let second = try run(session, "echo b")
        #expect(second.text == "++ echo b\r\nb\r\n")
        let exiting = try run(session, "exit 3")
        #expect(exiting.text == "++ exit 3\r\n")  // the EXIT trap that saves the state is not traced
        #expect(exiting.termination == .exited(3))
        let off = try run(session, "set +x")
        #expect(off.text == "++ set +x\r\n")
        #expect(try run(session, "echo c").text == "c\r\n")
    }

    @Test func stateIsSavedEvenWhenTheCommandExitsOrFails() throws {
        let session = try makeSession()
        #expect(try run(session, "cd /tmp; KEPT=5; exit 3").termination == .exited(3))
        #expect(try run(session, "echo $KEPT $PWD").text == "5 /tmp\r\n")
        _ = try run(session, "set -e; cd /; AFTER_E=1; false; echo no")
        #expect(try run(session, "set +e; echo ${AFTER_E-} $PWD").text == "1 /\r\n")
        let killed = try run(session, "cd /usr; LOST=1; kill -KILL $$")
        #expect(killed.termination == .signaled(9))
        #expect(killed.result.stateSaved == false)
        #expect(try run(session, "echo ${LOST-none} $PWD").text == "none /\r\n")
    }

    @Test func theUsersOwnTrapsAndOddSettingsDoNotBreakTheCarryOver() throws {
        let session = try makeSession()
        let trapped = try run(session, "trap 'echo bye' EXIT; cd /usr; T=1")
        #expect(trapped.text == "bye\r\n")
        #expect(try run(session, "echo $T $PWD").text == "1 /usr\r\n")
        _ = try run(session, "IFS=:; set -o noclobber -o noglob; declare() { echo shadowed; }; printf() { echo shadowed; }")
        _ = try run(session, "cd /tmp; V=2")
        #expect(try run(session, "echo $V $PWD; [[ -o noclobber && -o noglob ]] && echo opts; builtin printf '%s' \"$IFS\"").text == "2 /tmp\r\nopts\r\n:")
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("rb-link-\(UUID().uuidString)").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/usr")
        defer { try? FileManager.default.removeItem(atPath: link) }
        _ = try run(session, "cd '\(link)'")
        #expect(try run(session, "pwd; cd ..; cd -").text == "\(link)\r\n\(link)\r\n")
    }

    @Test func commandTextIsRunExactlyAsWritten() throws {
        let session = try makeSession()
        let quoting = try run(session, #"echo "double $HOME" 'single $HOME' $'tab\there' \"escaped\" # trailing comment"#)
        #expect(quoting.text == "double /tmp single $HOME tab\there \"escaped\"\r\n")
        let heredoc = try run(session, """
            cat <<'EOF'
            line one $HOME
              indented
            EOF
            cat <<EOF
            home is $HOME
            EOF
            """)
        #expect(heredoc.text == "line one $HOME\r\n  indented\r\nhome is /tmp\r\n")
        let compound = try run(session, """
            for i in 1 2 3; do
              if [ "$i" = 2 ]; then
                echo "two"
              else
                echo "$i"
              fi
            done | tr '\\n' ' '
            echo
            """)
        #expect(compound.text == "1 two 3 \r\n")
        #expect(try run(session, "# only a comment").termination == .exited(0))
        #expect(try run(session, "").termination == .exited(0))
        let syntax = try run(session, "if then fi")
        #expect(syntax.termination == .exited(2))
        #expect(syntax.text.contains("syntax error"))
        #expect(try run(session, "echo $0 $#").text == "bash 0\r\n")
    }

    @Test func outputIsByteExactWithColoursAndCarriageReturns() throws {
        let session = try makeSession()
        // The program writes "\r\n"; ONLCR turns its "\n" into "\r\n" as well: "\r\r\n" is
        // what a real terminal receives (and displays the same as "\r\n").
        let coloured = try run(session, #"printf '\033[31mred\033[0m\r\n'"#)
        #expect(coloured.bytes == Array("\u{1B}[31mred\u{1B}[0m\r\r\n".utf8))
        // ONLCR: the terminal turns "\n" into "\r\n"; a lone "\r" stays as it is.
        let progress = try run(session, #"printf '10%%\r50%%\r100%%\ndone'"#)
        #expect(progress.bytes == Array("10%\r50%\r100%\r\ndone".utf8))
        let utf8 = try run(session, "printf 'caf\\303\\251 \\360\\237\\232\\200\\n'")
        #expect(utf8.text == "café 🚀\r\n")
    }

    @Test func aMegabyteOfOutputArrivesComplete() throws {
        let session = try makeSession()
        let big = try run(session, #"head -c 1000000 /dev/zero | tr '\0' a"#)
        #expect(big.termination == .exited(0))
        #expect(big.bytes.count == 1_000_000)
        #expect(big.bytes.allSatisfy { $0 == UInt8(ascii: "a") })
        let lines = try run(session, "seq 1 20000")
        let expected = (1...20000).map(String.init).joined(separator: "\r\n") + "\r\n"
        #expect(lines.text == expected)
    }

    @Test func aCommandReadsInputTypedIntoTheTerminal() throws {
        let session = try makeSession()
        let reply = try run(session, "read x; echo got $x", input: "hello\r")
        #expect(reply.termination == .exited(0))
        // The terminal echoes what was typed, then the command answers.
        #expect(reply.text == "hello\r\ngot hello\r\n")
    }

    @Test func terminalTypeAndSizeAreReal() throws {
        let session = try makeSession()
        let ran = try run(session, "echo $TERM ${COLUMNS-unset} ${LINES-unset}; stty size; [ -t 0 ] && [ -t 1 ] && echo tty", size: TerminalSize(rows: 33, cols: 101))
        #expect(ran.text == "xterm-256color unset unset\r\n33 101\r\ntty\r\n")
        let custom = try ShellSession(environment: testEnvironment, directory: "/", term: "dumb")
        #expect(try run(custom, "echo $TERM").text == "dumb\r\n")
    }

    @Test func aDeletedDirectoryFallsBackWithAWarning() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("rb-gone-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let session = try makeSession(directory: "/tmp")
        _ = try run(session, "cd '\(base)'")
        #expect(session.currentDirectory == base)
        try FileManager.default.removeItem(atPath: base)
        let ran = try run(session, "pwd")
        #expect(ran.text == "/tmp\r\n")
        #expect(ran.result.warnings.count == 1)
        #expect(ran.result.warnings.first?.contains(base) == true)
    }

    @Test func oneCommandAtATimeAndNothingAfterClose() throws {
        let session = try makeSession()
        let running = try session.start("sleep 0.2", size: .standard, timeout: nil)
        #expect(throws: SessionError.self) { try session.start("true", size: .standard, timeout: nil) }
        do {
            _ = try session.start("true", size: .standard, timeout: nil)
        } catch let error as SessionError {
            #expect(error.kind == .busy)
        }
        _ = runToCompletion(running) { _ in }
        #expect(try run(session, "true").termination == .exited(0))
        let directory = session.stateDirectory
        var info = stat()
        #expect(stat(directory, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
        session.close()
        #expect(!FileManager.default.fileExists(atPath: directory))
        #expect(throws: SessionError.self) { try session.start("true", size: .standard, timeout: nil) }
    }
}
