import Foundation
import Testing
@testable import RunbookModel

@Suite struct FillInFieldTests {
    private func fields(_ line: String) -> [FillInField] { FillInFieldParser.fields(inLine: line) }

    @Test func blanksWithUnits() {
        #expect(fields("- [ ] Error rate: ____% (>5% = critical)") == [FillInField(label: "Error rate", unit: "%")])
        #expect(fields("- [ ] Response time: ____ms (>2x baseline = critical)") == [FillInField(label: "Response time", unit: "ms")])
        #expect(fields("- [ ] Affected users: ____ (>10% = significant)") == [FillInField(label: "Affected users")])
        #expect(fields("Downtime: ____ minutes") == [FillInField(label: "Downtime", unit: "minutes")])
        #expect(fields("Cost: $____") == [FillInField(label: "Cost", unit: "$")])
    }

    @Test func plainBlanks() {
        #expect(fields("Name: _______") == [FillInField(label: "Name")])
        #expect(fields("**Name:** _______") == [FillInField(label: "Name")])
        #expect(fields("__Approver__: ______") == [FillInField(label: "Approver")])
        #expect(fields("Approved by ________") == [FillInField(label: "Approved by")])
        #expect(fields("1. Ticket number: \\_\\_\\_\\_\\_") == [FillInField(label: "Ticket number")])
        #expect(fields("> Owner: ___") == [FillInField(label: "Owner")])
    }

    @Test func dateBlankIsOneField() {
        #expect(fields("Date: __/__/____") == [FillInField(label: "Date")])
        #expect(fields("Start: __:__") == [FillInField(label: "Start")])
    }

    @Test func severalBlanksOnOneLine() {
        #expect(fields("Name: _____ Date: __/__/____") == [FillInField(label: "Name"), FillInField(label: "Date")])
        #expect(fields("Name: _____ (full name), Signed: _____") == [FillInField(label: "Name"), FillInField(label: "Signed")])
        #expect(fields("Before: ____ms After: ____ms") == [FillInField(label: "Before", unit: "ms"), FillInField(label: "After", unit: "ms")])
    }

    @Test func labelWithParenthesis() {
        #expect(fields("Response time (p95): ____ms") == [FillInField(label: "Response time (p95)", unit: "ms")])
    }

    @Test func choices() {
        #expect(fields("- [ ] Core features broken: Yes/No") == [FillInField(label: "Core features broken", choices: ["Yes", "No"])])
        #expect(fields("- [ ] Data integrity issues: Yes/No") == [FillInField(label: "Data integrity issues", choices: ["Yes", "No"])])
        #expect(fields("Severity: Critical / High / Medium") == [FillInField(label: "Severity", choices: ["Critical", "High", "Medium"])])
        #expect(fields("**Severity**: P0 / P1 / P2") == [FillInField(label: "Severity", choices: ["P0", "P1", "P2"])])
        #expect(fields("**Severity:** P0 / P1 / P2") == [FillInField(label: "Severity", choices: ["P0", "P1", "P2"])])
        #expect(fields("Severity: [P0/P1/P2]") == [FillInField(label: "Severity", choices: ["P0", "P1", "P2"])])
        #expect(fields("Alternative considered: [Hotfix / Continue monitoring]")
            == [FillInField(label: "Alternative considered", choices: ["Hotfix", "Continue monitoring"])])
        #expect(fields("- Data loss: [None / Minimal / Described]") == [FillInField(label: "Data loss", choices: ["None", "Minimal", "Described"])])
    }

    @Test(arguments: [
        "**Severity:** Critical",
        "Severity: Critical",
        "Error rate: 0.12% (normal)",
        "- **Error rate 1-5%**: Elevated but not catastrophic",
        "Rollback Decision: v2.1.0",
        "Time: [Timestamp]",
        "- Downtime: [X minutes] or [None]",
        "**Duration**: [Start] - [End] ([Duration])",
        "- **Rollback Checklist**: `checklists/rollback-checklist.md` - Detailed rollback procedures",
        "Runbook: https://runbook.example.com/auto-rollback",
        "Config: checklists/rollback.md",
        "Date: 1/2/2024",
        "Ratio: 5/10",
        "Options: A/B/C/D/E/F",
        "Notes: this one / that one is a long sentence with many words",
        "| Yes/No | Maybe |",
        "## Option: Blue/Green",
        "Use snake_case_names here",
        "Bold __text__ and more",
        "kubectl get pods -l app=$SERVICE",
        "Yes / No",
        "",
    ])
    func notFields(line: String) {
        #expect(fields(line) == [])
    }

    @Test func blankWithoutLabelIsIgnored() {
        #expect(fields("____ (>10% = significant)") == [])
        #expect(fields("- [ ] ____") == [])
    }

    @Test func fieldIsCodable() throws {
        let f = FillInField(label: "Error rate", unit: "%", choices: [])
        #expect(try JSONDecoder().decode(FillInField.self, from: JSONEncoder().encode(f)) == f)
    }
}
