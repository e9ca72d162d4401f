import Foundation
import Testing
@testable import RunbookModel

/// The seed runbooks live in `../shared/seeds` relative to the project root (this file is
/// `<root>/Tests/RunbookModelTests/MojibakeRepairTests.swift`); tests using them are skipped when absent.
private let seedsDirectory: URL? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let candidates = [
        root.deletingLastPathComponent().appendingPathComponent("shared/seeds"),
        URL(fileURLWithPath: "/work/shared/seeds"),
    ]
    return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("001_e20487285c8cb3df.txt").path) }
}()

private func seed(_ name: String) throws -> String {
    guard let dir = seedsDirectory else { throw CocoaError(.fileNoSuchFile) }
    return try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
}

@Suite struct MojibakeRepairTests {
    private func fixed(_ s: String) -> String { MojibakeRepair.repair(s).text }

    // MARK: UTF-8 read as Windows-1252 (seed 001)

    @Test(arguments: [
        ("## ðŸš¨ Rollback in Progress", "## 🚨 Rollback in Progress"),
        ("## âœ… Rollback Complete", "## ✅ Rollback Complete"),
        ("**Version:** 1.2.3 â†’ 1.2.2", "**Version:** 1.2.3 → 1.2.2"),
        ("slack-notify \"#incidents\" \"âš\u{A0}ï¸ Rollback complete but service unhealthy\"",
         "slack-notify \"#incidents\" \"⚠️ Rollback complete but service unhealthy\""),
        ("âš\u{A0}ï¸ Rollback complete", "⚠️ Rollback complete"),
        ("caf\u{C3}\u{A9}", "café"),
        ("Ã©", "é"),
        ("donâ€™t", "don’t"),
        ("â€œquotedâ€\u{9D}", "“quoted”"),
        ("â€œquotedâ€", "“quoted”"),                       // the 0x9D of ” was dropped
        ("âš\u{A0}ï¸ðŸš¨", "⚠️🚨"),                             // lost byte in the middle of a run
        ("Â°C", "°C"),
        ("Â»ðŸš¨", "»🚨"),                                     // a whole region decoding wins
    ])
    func repairsWindows1252(input: String, expected: String) {
        #expect(fixed(input) == expected)
    }

    @Test func undefinedBytesPresentAsC1Controls() {
        // 0x8F kept as U+008F instead of being dropped.
        #expect(fixed("â\u{161}\u{A0}ï¸\u{8F} ok") == "⚠️ ok")
    }

    @Test func partialRegionKeepsLegitimateNeighbour() {
        // "»" really is "»" here; only the emoji bytes decode.
        #expect(fixed("»ðŸš¨") == "»🚨")
    }

    // MARK: UTF-8 read as Mac Roman (seed 003)

    @Test(arguments: [
        ("## ‚ö†Ô∏è CRITICAL: When to Rollback", "## ⚠️ CRITICAL: When to Rollback"),
        ("\u{F8FF}üö® INCIDENT: Initiating rollback of v2.1.0", "🚨 INCIDENT: Initiating rollback of v2.1.0"),
        ("Dropping ‚¨áÔ∏è", "Dropping ⬇️"),
        ("Normal ‚úÖ", "Normal ✅"),
        ("v2.1.0 ‚Üí v2.0.0", "v2.1.0 → v2.0.0"),
        ("not failures‚Äîthey are", "not failures—they are"),
        ("caf√©", "café"),
    ])
    func repairsMacRoman(input: String, expected: String) {
        #expect(fixed(input) == expected)
    }

    // MARK: Counting

    @Test func countsRuns() {
        let r = MojibakeRepair.repair("ðŸš¨ a âœ… b â†’ c")
        #expect(r.text == "🚨 a ✅ b → c")
        #expect(r.repairs == 3)
        let m = MojibakeRepair.repair("‚úÖ x ‚úÖ")
        #expect(m.text == "✅ x ✅")
        #expect(m.repairs == 2)
    }

    // MARK: Leaves legitimate text alone

    @Test(arguments: [
        "café", "naïve", "Zürich", "São Paulo", "déjà vu", "1–2 minutes", "a — b", "€100", "£5 and ¥7",
        "Ã alone", "Ã ", "Â", "“quoted” text", "‘single’", "«Élan»", "word—Émile", "È”", "Müßig",
        "•••", "™®©", "½ ¼ ¾", "Ø ø Å å Æ æ", "plain ASCII", "", "🚨 ✅ → ⚠️ already fine",
        "Straße", "Ελληνικά", "Привет", "日本語", "—“", "…”", "é»",
    ])
    func leavesCorrectText(input: String) {
        let r = MojibakeRepair.repair(input)
        #expect(r.text == input)
        #expect(r.repairs == 0)
    }

    @Test func asciiFastPathReturnsInput() {
        let s = String(repeating: "kubectl rollout undo deployment/app\n", count: 1000)
        let r = MojibakeRepair.repair(s)
        #expect(r.repairs == 0)
        #expect(r.text == s)
    }

    @Test func mixedFileRepairsOnlyMojibake() {
        let input = "Zürich café ✅ then âœ… and ‚úÖ – done € 5"
        #expect(MojibakeRepair.repair(input) == ("Zürich café ✅ then ✅ and ✅ – done € 5", 2))
    }

    @Test func largeInputRoundTrip() {
        let line = "Status: âœ… ok — café ‚Üí next\n"
        let r = MojibakeRepair.repair(String(repeating: line, count: 2000))
        #expect(r.repairs == 4000)
        #expect(r.text == String(repeating: "Status: ✅ ok — café → next\n", count: 2000))
    }

    // MARK: Whole seed files

    private static let leftovers = ["ðŸ", "â€", "âœ", "âš", "â†", "‚Ä", "‚ö", "üö", "‚ú", "‚Ü", "‚¨"]

    @Test(.enabled(if: seedsDirectory != nil, "seed runbooks not present"))
    func repairsSeed001() throws {
        let text = try seed("001_e20487285c8cb3df.txt")
        let r = MojibakeRepair.repair(text)
        #expect(r.repairs == 6)
        for bad in Self.leftovers { #expect(!r.text.contains(bad), "left \(bad)") }
        #expect(r.text.contains("## 🚨 Rollback in Progress"))
        #expect(r.text.contains("**Version:** 1.2.3 → 1.2.2"))
        #expect(r.text.contains("\"⚠️ Rollback complete but service unhealthy\""))
        #expect(r.text.contains("\"✅ Rollback of $SERVICE complete. Service healthy.\""))
        // Nothing else changed: same number of lines, same ASCII.
        #expect(r.text.split(separator: "\n", omittingEmptySubsequences: false).count
            == text.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(r.text.unicodeScalars.filter(\.isASCII).count == text.unicodeScalars.filter(\.isASCII).count)
    }

    @Test(.enabled(if: seedsDirectory != nil, "seed runbooks not present"))
    func repairsSeed003() throws {
        let text = try seed("003_35ec17c389957b8f.txt")
        let r = MojibakeRepair.repair(text)
        #expect(r.repairs == 21)
        for bad in Self.leftovers { #expect(!r.text.contains(bad), "left \(bad)") }
        #expect(r.text.contains("## ⚠️ CRITICAL: When to Rollback"))
        #expect(r.text.contains("🚨 INCIDENT: Initiating rollback of v2.1.0"))
        #expect(r.text.contains("Rollbacks are not failures—they are safety mechanisms."))
        #expect(r.text.contains("✅ Rollback Complete - v2.1.0 → v2.0.0"))
        #expect(r.text.contains("Dropping ⬇️"))
        #expect(r.text.unicodeScalars.filter(\.isASCII).count == text.unicodeScalars.filter(\.isASCII).count)
        // Repairing again changes nothing.
        #expect(MojibakeRepair.repair(r.text).repairs == 0)
    }
}
