import Testing
@testable import RunbookModel

@Suite("ShellVariables")
struct ShellVariablesTests {
    // MARK: referenced

    @Test func simpleAndBracedForms() {
        #expect(ShellVariables.referenced(in: "kubectl get deploy $SERVICE -n ${NAMESPACE} --context=${CTX:-prod}")
                == ["SERVICE", "NAMESPACE", "CTX"])
        #expect(ShellVariables.referenced(in: "echo ${FILE%.tar.gz} ${#ITEMS} ${!REF} ${ARR[@]} ${X/a/b} $lower_case1")
                == ["FILE", "ITEMS", "REF", "ARR", "X", "lower_case1"])
        #expect(ShellVariables.referenced(in: "echo $A $B $A ${B}") == ["A", "B"])
        #expect(ShellVariables.referenced(in: "echo ${A:-$DEFAULT} ${B:=\"${C}\"}") == ["A", "DEFAULT", "B", "C"])
    }

    @Test func specialAndPositionalAreNotReported() {
        #expect(ShellVariables.referenced(in: "echo $1 $9 $0 $@ $* $# $? $$ $! $- $_ ${1} ${10} ${#} ${@} ${#@}").isEmpty)
        #expect(ShellVariables.referenced(in: "echo \\$HOME \"\\$PATH\" $ 5$").isEmpty)
    }

    @Test func insideSubstitutionsAndArithmetic() {
        #expect(ShellVariables.referenced(in: "POD=$(kubectl get deploy $SERVICE -o jsonpath='{.x}')") == ["SERVICE"])
        #expect(ShellVariables.referenced(in: "echo `kubectl get ns $NS`") == ["NS"])
        #expect(ShellVariables.referenced(in: "echo $(( COUNT + $STEP * ${MULT} ))") == ["STEP", "MULT"])
        #expect(ShellVariables.referenced(in: "(( total += $extra ))") == ["extra"])
        #expect(ShellVariables.referenced(in: "echo \"$(echo \"$INNER\")\" $(( $(wc -l < $FILE) + 1 ))") == ["INNER", "FILE"])
    }

    @Test func singleQuotedTextCountsExceptInProgramTools() {
        #expect(ShellVariables.referenced(in: "kubectl patch svc $SERVICE -p '{\"spec\":{\"selector\":{\"app\":\"$SERVICE-$COLOR\"}}}'")
                == ["SERVICE", "COLOR"])
        #expect(ShellVariables.referenced(in: "kubectl get pods | awk '{print $1, $name}' | grep $PATTERN") == ["PATTERN"])
        #expect(ShellVariables.referenced(in: "jq --arg s \"$SVC\" '.items[] | select(.name == $s)' file") == ["SVC"])
        #expect(ShellVariables.referenced(in: "sed -e 's/$OLD/x/' f && echo '$AFTER'") == ["AFTER"])
        #expect(ShellVariables.referenced(in: "/usr/bin/perl -ne 'print $x' ; echo '${Y}'") == ["Y"])
        #expect(ShellVariables.referenced(in: "echo $(awk '{print $z}') '$W'") == ["W"])
    }

    @Test func heredocBodies() {
        #expect(ShellVariables.referenced(in: "cat <<EOF | kubectl apply -f -\nname: $APP\nimage: ${IMAGE}:\\$notme\nEOF\necho $AFTER")
                == ["APP", "IMAGE", "AFTER"])
        #expect(ShellVariables.referenced(in: "cat <<'EOF'\nname: $APP\nEOF\necho $AFTER") == ["AFTER"])
        #expect(ShellVariables.referenced(in: "cat <<\"EOF\"\nname: $APP\nEOF") == [])
        #expect(ShellVariables.referenced(in: "psql <<-SQL\n\tSELECT '$TABLE';\n\tSQL") == ["TABLE"])
    }

    // MARK: assigned

    @Test func plainAndExportedAssignments() {
        #expect(ShellVariables.assigned(in: "SERVICE=order-service") == ["SERVICE"])
        #expect(ShellVariables.assigned(in: "export A=1 B=2") == ["A", "B"])
        #expect(ShellVariables.assigned(in: "A=1 B=2") == ["A", "B"])
        #expect(ShellVariables.assigned(in: "LIST+=x; arr[3]=y") == ["LIST", "arr"])
        #expect(ShellVariables.assigned(in: "local x=1; declare -r Y=2; readonly Z=3; typeset -i N=4; let C=1+2") == ["x", "Y", "Z", "N", "C"])
        #expect(ShellVariables.assigned(in: "STABLE=$(curl -s https://x | jq -r .version)") == ["STABLE"])
        #expect(ShellVariables.assigned(in: "ARR=(\n a\n b\n)") == ["ARR"])
    }

    @Test func readAndLoopsAndBuiltins() {
        #expect(ShellVariables.assigned(in: "read -r A B") == ["A", "B"])
        #expect(ShellVariables.assigned(in: "read -rp \"Revision: \" REV") == ["REV"])
        #expect(ShellVariables.assigned(in: "read -p 'Continue? ' -n 1 -t 30 ANSWER") == ["ANSWER"])
        #expect(ShellVariables.assigned(in: "read -ra PARTS <<< \"$LINE\"") == ["PARTS"])
        #expect(ShellVariables.assigned(in: "for NAME in a b; do echo $NAME; done") == ["NAME"])
        #expect(ShellVariables.assigned(in: "select opt in yes no; do break; done") == ["opt"])
        #expect(ShellVariables.assigned(in: "mapfile -t PODS < <(kubectl get pods -o name)") == ["PODS"])
        #expect(ShellVariables.assigned(in: "printf -v TS '%(%s)T' -1") == ["TS"])
        #expect(ShellVariables.assigned(in: "while getopts 'ab' OPT; do :; done") == ["OPT"])
    }

    @Test func assignmentsInsideCompounds() {
        #expect(ShellVariables.assigned(in: "if [ -z \"$X\" ]; then\n  X=default\nfi") == ["X"])
        #expect(ShellVariables.assigned(in: "{ A=1; B=2; }") == ["A", "B"])
        #expect(ShellVariables.assigned(in: "while read -r line; do COUNT=$((COUNT+1)); done < f") == ["line", "COUNT"])
        #expect(ShellVariables.assigned(in: "case $x in a) MODE=fast;; esac") == ["MODE"])
    }

    @Test func notAssignments() {
        #expect(ShellVariables.assigned(in: "kubectl set image deployment/app app=myapp:v2.0.0").isEmpty)
        #expect(ShellVariables.assigned(in: "helm upgrade x --set image.tag=v2 --timeout=5m").isEmpty)
        #expect(ShellVariables.assigned(in: "FOO=1 ./deploy.sh").isEmpty)
        #expect(ShellVariables.assigned(in: "KUBECONFIG=/tmp/k kubectl get pods | grep X=1").isEmpty)
        #expect(ShellVariables.assigned(in: "export PATH").isEmpty)
        #expect(ShellVariables.assigned(in: "echo A=1; \"B\"=2; env C=3 cmd").isEmpty)
        #expect(ShellVariables.assigned(in: "cat <<EOF\nX=1\nEOF").isEmpty)
        #expect(ShellVariables.assigned(in: "echo 'Y=2\nZ=3'").isEmpty)
    }

    @Test func prefixAssignmentThenRedirectionAndInnerCommands() {
        #expect(ShellVariables.assigned(in: "OUT=$(X=1 cmd) 2>/dev/null") == ["OUT"])
        #expect(ShellVariables.assigned(in: "echo $(INNER=1; echo)") == ["INNER"])
    }

    // MARK: bracketPlaceholders

    @Test func anglePlaceholders() {
        #expect(ShellVariables.bracketPlaceholders(in: "kubectl rollout undo deployment/<name> --to-revision=<revision>")
                == ["name", "revision"])
        #expect(ShellVariables.bracketPlaceholders(in: "kubectl logs <pod-name> -n <your_namespace> --tail=<N> <v1.2> <pod-name>")
                == ["pod-name", "your_namespace", "N", "v1.2"])
    }

    @Test func angleTraps() {
        #expect(ShellVariables.bracketPlaceholders(in: "mysql db < dump.sql").isEmpty)
        #expect(ShellVariables.bracketPlaceholders(in: "wc -l <file.txt >out.txt").isEmpty)
        #expect(ShellVariables.bracketPlaceholders(in: "cat <<EOF>x\nEOF").isEmpty)
        #expect(ShellVariables.bracketPlaceholders(in: "diff <(sort a) <(sort b) 2>&1").isEmpty)
        #expect(ShellVariables.bracketPlaceholders(in: "grep x <<<word>out").isEmpty)
        #expect(ShellVariables.bracketPlaceholders(in: "[[ $a <b && c> d ]] && (( x<y && z>w ))").isEmpty)
        #expect(ShellVariables.bracketPlaceholders(in: "echo $(( a<b>c ))").isEmpty)
        #expect(ShellVariables.bracketPlaceholders(in: "echo < name >").isEmpty)
    }

    @Test func squarePlaceholders() {
        #expect(ShellVariables.bracketPlaceholders(in: "aws rds restore --snapshot [snapshot-name] --id=[BACKUP_ID] \"[backup-id]\" '[Name]' s3://b/[Prefix]")
                == ["snapshot-name", "BACKUP_ID", "backup-id", "Name", "Prefix"])
        #expect(ShellVariables.bracketPlaceholders(in: "[Timestamp]\nx:[Ab]") == ["Timestamp", "Ab"])
    }

    @Test func squareTraps() {
        #expect(ShellVariables.bracketPlaceholders(in: "[ -f x ] && [[ -n $y ]]").isEmpty)
        #expect(ShellVariables.bracketPlaceholders(in: "ls [a-z]* [A-Za-z_] [0-9] [abc] \"[xy]\"").isEmpty)
        #expect(ShellVariables.bracketPlaceholders(in: "grep '[Ee]rror' | grep -E '[[:space:]]+[a-zA-Z0-9]'").isEmpty)
        #expect(ShellVariables.bracketPlaceholders(in: "echo ${arr[idx]} $arr[key] | jq '.items[0].a[] | .b[name]'").isEmpty)
        #expect(ShellVariables.bracketPlaceholders(in: "echo [x] [ab-] [Name]s").isEmpty)
    }
}
