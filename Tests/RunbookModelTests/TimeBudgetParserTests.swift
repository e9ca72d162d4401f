import Testing
import Foundation
@testable import RunbookModel

@Suite struct TimeBudgetParserTests {
    private func b(_ lo: Int, _ hi: Int, _ kind: TimeBudget.Kind, _ text: String) -> TimeBudget {
        TimeBudget(minSeconds: lo, maxSeconds: hi, kind: kind, text: text)
    }

    // MARK: parseDuration

    @Test(arguments: [
        ("5-10 minutes", 300, 600, "5-10 minutes"),
        ("5 minutes - 2 hours", 300, 7200, "5 minutes - 2 hours"),
        ("30 seconds - 1 minute", 30, 60, "30 seconds - 1 minute"),
        ("1–2 hrs", 3600, 7200, "1–2 hrs"),
        ("1—2 hours", 3600, 7200, "1—2 hours"),
        ("90s", 90, 90, "90s"),
        ("1h30m", 5400, 5400, "1h30m"),
        ("1h 30m", 5400, 5400, "1h 30m"),
        ("1 hour 30 minutes", 5400, 5400, "1 hour 30 minutes"),
        ("2.5 hours", 9000, 9000, "2.5 hours"),
        ("~5 min", 300, 300, "~5 min"),
        ("about 5 minutes", 300, 300, "about 5 minutes"),
        ("5 to 10 minutes", 300, 600, "5 to 10 minutes"),
        ("an hour", 3600, 3600, "an hour"),
        ("a minute", 60, 60, "a minute"),
        ("1 day", 86400, 86400, "1 day"),
        ("2 DAYS", 172800, 172800, "2 DAYS"),
        ("10 secs", 10, 10, "10 secs"),
        ("3 mins", 180, 180, "3 mins"),
        ("45 sec", 45, 45, "45 sec"),
        ("  15-30 minutes.  ", 900, 1800, "15-30 minutes"),
        ("**5 min**", 300, 300, "5 min"),
    ])
    func parsesEstimates(text: String, lo: Int, hi: Int, matched: String) {
        #expect(TimeBudgetParser.parseDuration(text) == b(lo, hi, .estimate, matched))
    }

    @Test(arguments: [
        ("< 5 min", 300, "< 5 min"),
        ("<5m", 300, "<5m"),
        ("<= 2h", 7200, "<= 2h"),
        ("≤ 10 minutes", 600, "≤ 10 minutes"),
        ("up to 10 minutes", 600, "up to 10 minutes"),
        ("under 1 hour", 3600, "under 1 hour"),
        ("less than 30 seconds", 30, "less than 30 seconds"),
        ("at most 2 days", 172800, "at most 2 days"),
        ("< 5-10 min", 600, "< 5-10 min"),
    ])
    func parsesLimits(text: String, hi: Int, matched: String) {
        #expect(TimeBudgetParser.parseDuration(text) == b(0, hi, .limit, matched))
    }

    @Test(arguments: [
        "", "5", "5-10", "14:30", "v2.1.0", "2.1.0 minutes", "Error rate > 5%", "> 30 min", "+2 minutes",
        "440ms", "5 users", "1-5%", "every 10 minutes", "Within 24-48 hours", "10-5 minutes", "30+ minutes",
        "minutes", "a few minutes", "5 minutes ago", "1h30", "Hours to 1 day", "[Time estimate]",
    ])
    func rejectsNonDurations(text: String) {
        #expect(TimeBudgetParser.parseDuration(text) == nil)
    }

    // MARK: Headings

    @Test(arguments: [
        ("### Phase 1: Decision and Communication (2-5 minutes)", 120, 300, TimeBudget.Kind.estimate, "2-5 minutes"),
        ("#### Option A: Blue-Green Rollback (1-5 minutes)", 60, 300, .estimate, "1-5 minutes"),
        ("### Immediate (< 5 minutes)", 0, 300, .limit, "< 5 minutes"),
        ("### Short-term (< 1 hour)", 0, 3600, .limit, "< 1 hour"),
        ("### Investigation (< 24 hours)", 0, 86400, .limit, "< 24 hours"),
        ("### Phase 6: Post-Rollback Actions (30-60 minutes)", 1800, 3600, .estimate, "30-60 minutes"),
        ("Step 3 - 10 min", 600, 600, .estimate, "10 min"),
        ("## Verify: 5 minutes", 300, 300, .estimate, "5 minutes"),
        ("Recreate (5-15 minutes, includes downtime)", 300, 900, .estimate, "5-15 minutes"),
        ("Drain (ETA 5 min)", 300, 300, .estimate, "5 min"),
        ("## Monitor for 30 minutes", 1800, 1800, .countdown, "30 minutes"),
        ("**Phase 4: Verification (5-10 minutes)**", 300, 600, .estimate, "5-10 minutes"),
    ])
    func headingBudgets(heading: String, lo: Int, hi: Int, kind: TimeBudget.Kind, matched: String) {
        #expect(TimeBudgetParser.budget(inHeading: heading) == b(lo, hi, kind, matched))
    }

    @Test(arguments: [
        "### Phase 2: Execute Rollback", "### Phase 3: Database Rollback (if needed)", "## Rollback (v2.1.0)",
        "### Level 4: Management", "### Long-term", "## Incident Report: v2.1.0 Rollback", "#", "",
        "### Option 3: Investigate & Re-plan", "## Step 1 - Prepare", "### Level 4: Management > 30 min",
        "## Updates every 10 minutes", "### Post-mortem (within 24-48 hours)", "## Release v2.1.0 (14:30)",
    ])
    func headingsWithoutBudgets(heading: String) {
        #expect(TimeBudgetParser.budget(inHeading: heading) == nil)
    }

    // MARK: Lines

    @Test(arguments: [
        ("Estimated Time: 5-10 minutes", 300, 600, TimeBudget.Kind.estimate, "5-10 minutes"),
        ("**Estimated Time:** 5-10 minutes", 300, 600, .estimate, "5-10 minutes"),
        ("**Duration**: 5 minutes - 2 hours (varies by pattern)", 300, 7200, .estimate, "5 minutes - 2 hours"),
        ("**Rollback Time**: 1-2 minutes", 60, 120, .estimate, "1-2 minutes"),
        ("**Rollback Time**: 5-15 minutes (includes downtime)", 300, 900, .estimate, "5-15 minutes"),
        ("Rollback Time: 30 seconds - 1 minute", 30, 60, .estimate, "30 seconds - 1 minute"),
        ("Duration: 15-30 minutes", 900, 1800, .estimate, "15-30 minutes"),
        ("__Duration__: 15-30 minutes", 900, 1800, .estimate, "15-30 minutes"),
        ("*ETA:* 5 minutes", 300, 300, .estimate, "5 minutes"),
        ("**ETA:** 5 minutes", 300, 300, .estimate, "5 minutes"),
        ("- **Duration**: 60-90 minutes", 3600, 5400, .estimate, "60-90 minutes"),
        ("Time budget: < 10 min", 0, 600, .limit, "< 10 min"),
        ("Timeout: 90s", 0, 90, .limit, "90s"),
        ("RTO < 5 min", 0, 300, .limit, "< 5 min"),
        ("RTO: 15 minutes", 0, 900, .limit, "15 minutes"),
        ("Monitor for 30 minutes", 1800, 1800, .countdown, "30 minutes"),
        ("Monitor for 5-10 minutes:", 300, 600, .countdown, "5-10 minutes"),
        ("Watch for 15 min", 900, 900, .countdown, "15 min"),
        ("Then wait for 2 minutes before continuing.", 120, 120, .countdown, "2 minutes"),
        ("Wait 5 minutes, then verify", 300, 300, .countdown, "5 minutes"),
        ("< 5 min", 0, 300, .limit, "< 5 min"),
        ("| Blue-Green | < 5 min |", 0, 300, .limit, "< 5 min"),
        ("| Blue-Green | RTO < 5 min |", 0, 300, .limit, "< 5 min"),
        ("| Rollback Time | 1-2 minutes |", 60, 120, .estimate, "1-2 minutes"),
        ("- [ ] Estimate: 10 min", 600, 600, .estimate, "10 min"),
        ("> **Time required:** 1h30m", 5400, 5400, .estimate, "1h30m"),
    ])
    func lineBudgets(line: String, lo: Int, hi: Int, kind: TimeBudget.Kind, matched: String) {
        #expect(TimeBudgetParser.budget(inLine: line) == b(lo, hi, kind, matched))
    }

    @Test(arguments: [
        "| Error rate > 5% | Rollback now |",
        "| Error rate 1-5% | Investigate 5 min, then decide |",
        "Error rate > 5%",
        "Rollback Decision: v2.1.0",
        "**Started:** 2024-01-17 14:45 UTC",
        "Time: 14:30",
        "Time: [Timestamp]",
        "ETA: [Time estimate]",
        "**Duration**: [Start] - [End] ([Duration])",
        "All hands on deck. Updates every 10 minutes.",
        "Updates every 10 minutes",
        "Level 4: Management > 30 min",
        "+2 minutes             2.1%          Dropping",
        "- Escalate when: Customer-impacting > 30 min",
        "- **When**: Within 24-48 hours",
        "- Timeline: Hours to 1 day",
        "RPO: 5 minutes",
        "Response time: 440ms (normal)",
        "kubectl rollout status deployment/$SERVICE --timeout=5m",
        "# 4. Wait for stability",
        "Investigate 5 min, then decide",
        "|-----------|--------|",
        "",
    ])
    func linesWithoutBudgets(line: String) {
        #expect(TimeBudgetParser.budget(inLine: line) == nil)
    }

    @Test func budgetIsCodable() throws {
        let budget = b(300, 600, .estimate, "5-10 minutes")
        let data = try JSONEncoder().encode(budget)
        #expect(try JSONDecoder().decode(TimeBudget.self, from: data) == budget)
    }
}
