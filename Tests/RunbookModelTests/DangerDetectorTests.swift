import Foundation
import Testing
@testable import RunbookModel

@Suite struct DangerDetectorTests {
    private func patterns(_ command: String) -> [String] {
        DangerDetector.reasons(forCommand: command).map(\.pattern)
    }

    @Test(arguments: [
        ("dropdb production_db", ["dropdb"]),
        ("sudo -u postgres dropdb production_db", ["dropdb"]),
        ("psql -c \"DROP DATABASE prod\"", ["DROP DATABASE"]),
        ("psql -c 'drop table if exists users;'", ["DROP TABLE"]),
        ("psql -c \"DROP SCHEMA app CASCADE\"", ["DROP SCHEMA"]),
        ("psql -c \"DROP INDEX idx_users\"", ["DROP INDEX"]),
        ("psql -c \"ALTER TABLE users DROP COLUMN email\"", ["DROP COLUMN"]),
        ("mysql -e \"DROP USER 'app'@'%'\"", ["DROP USER"]),
        ("psql -c \"TRUNCATE users\"", ["TRUNCATE"]),
        ("psql -c \"truncate table users\"", ["TRUNCATE"]),
        ("redis-cli FLUSHALL", ["FLUSHALL"]),
        ("redis-cli -n 2 flushdb", ["FLUSHDB"]),
        ("rm -rf /var/lib/app", ["rm -rf"]),
        ("rm -fr build", ["rm -rf"]),
        ("rm -r -f build", ["rm -rf"]),
        ("rm --recursive --force build", ["rm -rf"]),
        ("/bin/rm -Rf build", ["rm -rf"]),
        ("helm uninstall my-release -n prod", ["helm uninstall"]),
        ("helm -n prod delete my-release", ["helm uninstall"]),
        ("kubectl delete pod web-0", ["kubectl delete"]),
        ("kubectl -n prod delete deployment app", ["kubectl delete"]),
        ("kubectl drain node-1 --ignore-daemonsets", ["kubectl drain"]),
        ("kubectl delete pod web-0 --force --grace-period=0", ["kubectl delete", "--force"]),
        ("kubectl scale deployment app --replicas=0", ["--replicas=0"]),
        ("kubectl scale deployment/$SERVICE --replicas 0", ["--replicas=0"]),
        ("docker-compose up -d --scale $SERVICE=0", ["--scale=0"]),
        ("aws ecs update-service --cluster c --service s --desired-count 0", ["--desired-count=0"]),
        ("pg_restore -d production_db backup.dump", ["pg_restore -d"]),
        ("pg_restore --clean --dbname=prod backup.dump", ["pg_restore -d"]),
        ("mysql prod < dump.sql", ["mysql < dump"]),
        ("psql prod < backup.sql", ["psql < dump"]),
        ("terraform destroy -auto-approve", ["terraform destroy"]),
        ("terraform apply -destroy", ["terraform destroy"]),
        ("git push --force origin main", ["git push --force"]),
        ("git push -f origin main", ["git push --force"]),
        ("git push origin +main", ["git push --force"]),
        ("git reset --hard HEAD~1", ["git reset --hard"]),
        ("git clean -fdx", ["git clean -f"]),
        ("docker rm -f web", ["docker rm -f"]),
        ("docker container rm --force web", ["docker rm -f"]),
        ("docker system prune -af", ["docker system prune"]),
        ("docker volume rm data", ["docker volume rm"]),
        ("docker compose down -v", ["docker compose down -v"]),
        ("aws s3 rm s3://bucket/path --recursive", ["aws s3 rm --recursive"]),
        ("aws rds delete-db-instance --db-instance-identifier prod", ["aws delete-db-instance"]),
        ("aws --region us-east-1 ec2 terminate-instances --instance-ids i-1", ["aws ec2 terminate-instances"]),
        ("gcloud compute instances delete vm-1", ["gcloud delete"]),
        ("az group delete --name rg", ["az delete"]),
        ("mkfs.ext4 /dev/sdb1", ["mkfs"]),
        ("dd if=/dev/zero of=/dev/sdb bs=1M", ["dd of=/dev/"]),
        ("sudo shutdown -h now", ["shutdown"]),
        ("reboot", ["reboot"]),
        ("halt", ["halt"]),
        ("iptables -F", ["iptables -F"]),
        ("kill -9 1234", ["kill -9"]),
        ("pkill -KILL app", ["kill -9"]),
        ("systemctl stop nginx", ["systemctl stop"]),
        ("helm upgrade app ./chart --force", ["--force"]),
        ("echo start && dropdb prod; echo done", ["dropdb"]),
        ("kubectl get pods | xargs kubectl delete pod", ["kubectl delete"]),
        ("FOO=1 env BAR=2 nohup kubectl delete ns x", ["kubectl delete"]),
    ])
    func flagsDangerousCommands(command: String, expected: [String]) {
        #expect(patterns(command) == expected)
    }

    @Test(arguments: [
        "kubectl scale deployment app --replicas=10",
        "kubectl scale deployment/$SERVICE --replicas=3",
        "psql -c \"SELECT COUNT(*) FROM users WHERE email IS NOT NULL\"",
        "psql $DATABASE -c \"SELECT COUNT(*) FROM affected_table WHERE corrupted_flag\"",
        "kubectl rollout undo deployment/$SERVICE",
        "kubectl rollout undo deployment/$SERVICE --to-revision=5",
        "pg_restore --list backup_v2.1.0_20250115_140000.sql",
        "pg_restore -l backup.dump",
        "psql -f migrations/002_add_user_preferences_column_down.sql",
        "psql -c \"\\d users\"",
        "kubectl apply --server-side --force-conflicts -f app.yaml",
        "# dropdb production_db",
        "kubectl get pods # then kubectl delete pod x",
        "# Step 3: DROP TABLE users",
        "git push origin main",
        "git reset --soft HEAD~1",
        "rm -r build",
        "rm -f file.txt",
        "docker rm web",
        "docker-compose up -d $SERVICE",
        "kubectl delete-me-not",
        "kubectl apply -f k8s/drop-table.yaml",
        "aws ecs describe-services --cluster $CLUSTER --services $SERVICE",
        "curl -X POST https://api.example.com/admin/flags -d '{\"enabled\":false,\"percentage\":0}'",
        "kill 1234",
        "systemctl restart nginx",
        "kubectl patch virtualservice $SERVICE --type merge -p 'weight: 0'",
        "echo ${#SERVICES[@]}",
        "npm run db:migrate:rollback",
        "",
    ])
    func leavesHarmlessCommandsAlone(command: String) {
        #expect(DangerDetector.reasons(forCommand: command).isEmpty)
    }

    @Test func deleteFromMentionsMissingWhere() {
        #expect(DangerDetector.reasons(forCommand: "psql -c \"DELETE FROM sessions\"")
            == [DangerReason(pattern: "DELETE FROM", reason: "deletes all rows (DELETE FROM without WHERE)")])
        #expect(DangerDetector.reasons(forCommand: "psql -c \"DELETE FROM sessions WHERE expired\"")
            == [DangerReason(pattern: "DELETE FROM", reason: "deletes rows (DELETE FROM)")])
        // The WHERE of a later statement does not count.
        #expect(DangerDetector.reasons(forCommand: "psql -c \"DELETE FROM a; SELECT * FROM b WHERE x\"").map(\.reason)
            == ["deletes all rows (DELETE FROM without WHERE)"])
    }

    @Test func reasonsAreHumanPhrases() {
        #expect(DangerDetector.reasons(forCommand: "dropdb production_db")
            == [DangerReason(pattern: "dropdb", reason: "drops a database (dropdb)")])
        #expect(DangerDetector.reasons(forCommand: "kubectl scale deployment canary --replicas=0")
            == [DangerReason(pattern: "--replicas=0", reason: "scales to zero replicas")])
        #expect(DangerDetector.reasons(forCommand: "kubectl delete ns x").first?.reason == "deletes Kubernetes resources")
        #expect(DangerDetector.reasons(forCommand: "pg_restore -d db x.dump").first?.reason == "restores over a live database (pg_restore)")
    }

    @Test func quotedSQLIsScannedButEchoIsAKnownFalsePositive() {
        #expect(patterns("echo \"DROP TABLE users\"") == ["DROP TABLE"])
    }

    @Test func multiLineScriptWithComments() {
        let script = """
        # Step 1: Stop application
        kubectl scale deployment app --replicas=0

        # Step 2: Verify backup
        pg_restore --list backup.sql

        # Step 3: Drop current database
        dropdb production_db

        # Step 4: Restore backup
        createdb production_db
        pg_restore -d production_db backup.sql
        """
        #expect(patterns(script) == ["--replicas=0", "dropdb", "pg_restore -d"])
    }

    @Test func continuationsAndMultiLineQuotes() {
        #expect(patterns("aws rds \\\n  delete-db-instance \\\n  --db-instance-identifier prod") == ["aws delete-db-instance"])
        let patch = "kubectl patch vs $S --type merge -p '\nspec:\n  # not a comment\n  weight: 0\n'\nkubectl delete pod x"
        #expect(patterns(patch) == ["kubectl delete"])
    }

    @Test func onePatternIsReportedOnce() {
        #expect(patterns("dropdb a && dropdb b") == ["dropdb"])
    }

    // MARK: Prose

    @Test(arguments: [
        ("⚠️ **DANGEROUS - Only if application rollback insufficient**", "DANGEROUS - Only if application rollback insufficient"),
        ("⚠ **DANGEROUS - Only if application rollback insufficient**", "DANGEROUS - Only if application rollback insufficient"),
        ("‚ö†Ô∏è **DANGEROUS - Only if application rollback insufficient**", "DANGEROUS - Only if application rollback insufficient"),
        ("**DATA LOSS - All data after backup will be lost**", "DATA LOSS - All data after backup will be lost"),
        ("WARNING: this wipes the cache", "WARNING: this wipes the cache"),
        ("**Warning**: restarts every pod", "Warning: restarts every pod"),
        ("This step is irreversible.", "This step is irreversible."),
        ("The change cannot be undone.", "The change cannot be undone."),
        ("**Document**: All data between backup time and now is permanently lost", "Document: All data between backup time and now is permanently lost"),
        ("**Last Resort**: Restore from backup (data loss)", "Last Resort: Restore from backup (data loss)"),
        ("🛑 Stop all writers first", "Stop all writers first"),
        ("☠️ Here be dragons", "Here be dragons"),
        ("- CAUTION: production only", "CAUTION: production only"),
        ("**Risk**: Data written to new columns may be lost", "Risk: Data written to new columns may be lost"),
    ])
    func findsWarnings(prose: String, expected: String) {
        #expect(DangerDetector.warning(inProse: prose) == expected)
    }

    @Test(arguments: [
        "Quickly evaluate the situation:",
        "Fix forward (rollback could cause data loss)",
        "- No data loss expected",
        "- Data loss: None",
        "Rollbacks are not failures‚Äîthey are safety mechanisms.",
        "**Fastest rollback method - seconds to switch**",
        "Warnings are shown in yellow.",
        "",
    ])
    func ignoresOrdinaryProse(prose: String) {
        #expect(DangerDetector.warning(inProse: prose) == nil)
    }

    @Test func warningIsFirstWarningLineAndShortened() {
        let prose = "Intro line.\n\n⚠️ " + String(repeating: "x", count: 100) + " cannot be undone\nMore."
        let w = DangerDetector.warning(inProse: prose)
        #expect(w?.count == 80)
        #expect(w?.hasSuffix("…") == true)
        #expect(w?.hasPrefix("xxx") == true)
    }

    @Test func emojiOnlyLineUsesNextLine() {
        #expect(DangerDetector.warning(inProse: "⚠️\nThis drops the production database.") == "This drops the production database.")
    }
}
