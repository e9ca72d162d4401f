import Testing
@testable import RunbookModel

@Suite("ShellBlockClassifier")
struct ShellBlockClassifierTests {
    // MARK: isScript

    @Test func shebangMakesAScript() {
        #expect(ShellBlockClassifier.isScript("#!/bin/bash\necho hi"))
        #expect(ShellBlockClassifier.isScript("\n#!/usr/bin/env bash\nset -e"))
        #expect(!ShellBlockClassifier.isScript("echo hi\n#!/bin/bash"))
    }

    @Test func positionalParametersMakeAScript() {
        #expect(ShellBlockClassifier.isScript("kubectl rollout undo deployment/$1"))
        #expect(ShellBlockClassifier.isScript("echo \"${1:-default}\""))
        #expect(ShellBlockClassifier.isScript("for arg in \"$@\"; do echo $arg; done"))
        #expect(ShellBlockClassifier.isScript("echo $*"))
        #expect(ShellBlockClassifier.isScript("[ $# -lt 2 ] && exit 1"))
        #expect(ShellBlockClassifier.isScript("echo ${#}"))
        #expect(ShellBlockClassifier.isScript("NAME=x\nshift\necho $NAME"))
        #expect(ShellBlockClassifier.isScript("while getopts 'a' o; do :; done"))
        #expect(ShellBlockClassifier.isScript("cat <<EOF\n$1\nEOF"))
    }

    @Test func notScripts() {
        #expect(!ShellBlockClassifier.isScript("kubectl get pods | awk '{print $1}'"))
        #expect(!ShellBlockClassifier.isScript("deploy() {\n  kubectl apply -f $1\n  shift\n  echo \"$@\" $#\n}\ndeploy app.yaml"))
        #expect(!ShellBlockClassifier.isScript("function f { echo $2; }; f a b"))
        #expect(!ShellBlockClassifier.isScript("echo $0 $? $$ ${#ARR[@]} \\$1 '$1'"))
        #expect(!ShellBlockClassifier.isScript("cat <<'EOF'\n$1\nEOF"))
        #expect(!ShellBlockClassifier.isScript("echo shift; git log --shift"))
        #expect(!ShellBlockClassifier.isScript(""))
    }

    // MARK: looksLikeShell

    @Test func untaggedCommandBlocks() {
        #expect(ShellBlockClassifier.looksLikeShell("kubectl get pods\nkubectl logs web-1"))
        #expect(ShellBlockClassifier.looksLikeShell("$ helm list\n$ helm rollback app 3"))
        #expect(ShellBlockClassifier.looksLikeShell("sudo systemctl restart nginx\njournalctl -u nginx -f"))
        #expect(ShellBlockClassifier.looksLikeShell("SERVICE=api\nexport NS=prod\n./scripts/rollback.sh $SERVICE"))
        #expect(ShellBlockClassifier.looksLikeShell("/usr/local/bin/backup --full\nmyctl status --verbose"))
        #expect(ShellBlockClassifier.looksLikeShell("for i in 1 2 3; do\n  curl -s http://x/$i\ndone"))
        #expect(ShellBlockClassifier.looksLikeShell("# restart\nsudo -u postgres psql -c 'select 1'"))
        #expect(ShellBlockClassifier.looksLikeShell("kubectl get pods\nNAME   READY"))
        #expect(ShellBlockClassifier.looksLikeShell("# 1. Record\nREPLICAS=\"$(kubectl -n \"$NS\" get deploy x)\" && echo \"$REPLICAS\""))
    }

    @Test func untaggedProseAndReports() {
        #expect(!ShellBlockClassifier.looksLikeShell("Rollback Decision: v2.1.0\n\nTime: [Timestamp]\nDecided by: [Name]"))
        #expect(!ShellBlockClassifier.looksLikeShell("🚨 INCIDENT: Initiating rollback of v2.1.0\n\nReason: [Brief description]"))
        #expect(!ShellBlockClassifier.looksLikeShell("Time after rollback    Error Rate    Status\n+2 minutes             2.1%          Dropping"))
        #expect(!ShellBlockClassifier.looksLikeShell("Subject: Service disruption on March 3\n\nDear [Customer],\n\nWe're sorry for the outage."))
        #expect(!ShellBlockClassifier.looksLikeShell("All Systems Operational\n\nWe resolved an issue affecting checkout. (Details below)"))
        #expect(!ShellBlockClassifier.looksLikeShell("for the next hour watch the dashboards\nif errors rise, page the on-call"))
        #expect(!ShellBlockClassifier.looksLikeShell("{\n  \"status\": \"ok\"\n}"))
        #expect(!ShellBlockClassifier.looksLikeShell("[\n  {\"a\": 1}\n]"))
        #expect(!ShellBlockClassifier.looksLikeShell("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web"))
        #expect(!ShellBlockClassifier.looksLikeShell("2024-01-01 12:00:00 ERROR timeout\n2024-01-01 12:00:01 INFO retry"))
        #expect(!ShellBlockClassifier.looksLikeShell("import os\nprint(os.environ)"))
        #expect(ShellBlockClassifier.looksLikeShell("{ kubectl get pods; kubectl get svc; } > state.txt"))
        #expect(ShellBlockClassifier.looksLikeShell("[ -f /tmp/lock ] && rm /tmp/lock"))
        #expect(!ShellBlockClassifier.looksLikeShell(""))
        #expect(!ShellBlockClassifier.looksLikeShell("# only a comment"))
    }

    // MARK: isProse

    @Test func proseInBashTaggedBlocks() {
        #expect(ShellBlockClassifier.isProse("\"Rolling back order-service, ETA 5 minutes\""))
        #expect(ShellBlockClassifier.isProse("🚨 Rolling back now. Updates every 10 minutes."))
        #expect(ShellBlockClassifier.isProse("Rollback complete. All systems operational."))
        #expect(ShellBlockClassifier.isProse("# Post in #incidents\n\"We are investigating elevated errors.\"\n\nNext update in 30 minutes."))
    }

    @Test func commandsAreNotProse() {
        #expect(!ShellBlockClassifier.isProse("echo \"Rolling back order-service, ETA 5 minutes\""))
        #expect(!ShellBlockClassifier.isProse("Rollback complete. All systems operational.\nkubectl get pods"))
        #expect(!ShellBlockClassifier.isProse("Notify team | tee log"))
        #expect(!ShellBlockClassifier.isProse("Check the status --verbose now"))
        #expect(!ShellBlockClassifier.isProse("Save output > report.txt please"))
        #expect(!ShellBlockClassifier.isProse("Result is $(date) today"))
        #expect(!ShellBlockClassifier.isProse("Deploy done && Notify all"))
        #expect(!ShellBlockClassifier.isProse("STATUS=ok now"))
        #expect(!ShellBlockClassifier.isProse("Rscript report.R"))
        #expect(!ShellBlockClassifier.isProse("myctl"))
    }

    @Test func commentOnlyAndEmptyAreNotProse() {
        #expect(!ShellBlockClassifier.isProse("# Step 4: Confirm users seeing old version\n# Check monitoring dashboard"))
        #expect(!ShellBlockClassifier.isProse(""))
        #expect(!ShellBlockClassifier.isProse("\n\n"))
    }

    @Test func knownWordListHasNoCrash() {
        #expect(ShellCommandWords.known.contains("kubectl"))
        #expect(!ShellCommandWords.known.contains("Watch"))
    }
}
