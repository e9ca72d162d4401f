import Foundation
import Testing
@testable import IncidentLog

@Suite("Log location")
struct LogLocationTests {
    let date = Date(timeIntervalSince1970: 1_795_634_435.123)  // 2026-11-25T19:20:35Z

    @Test func usesXDGStateHome() {
        let path = LogLocation.defaultPath(runbookName: "Demo", sessionID: "k3j9x2", date: date,
                                           environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"])
        #expect(path == "/x/state/runbook/sessions/2026-11-25T1920-demo-k3j9x2.jsonl")
        #expect(LogLocation.defaultPath(runbookName: "Demo", sessionID: "k3j9x2", date: date,
                                        environment: ["XDG_STATE_HOME": "/x/state/", "HOME": "/home/u"])
            == "/x/state/runbook/sessions/2026-11-25T1920-demo-k3j9x2.jsonl")
    }

    @Test func fallsBackToHomeLocalState() {
        let expected = "/home/u/.local/state/runbook/sessions/2026-11-25T1920-demo-k3j9x2.jsonl"
        #expect(LogLocation.defaultPath(runbookName: "demo", sessionID: "k3j9x2", date: date, environment: ["HOME": "/home/u"]) == expected)
        // Relative and empty XDG_STATE_HOME are ignored, as the XDG spec says.
        #expect(LogLocation.defaultPath(runbookName: "demo", sessionID: "k3j9x2", date: date,
                                        environment: ["HOME": "/home/u", "XDG_STATE_HOME": "rel/state"]) == expected)
        #expect(LogLocation.defaultPath(runbookName: "demo", sessionID: "k3j9x2", date: date,
                                        environment: ["HOME": "/home/u", "XDG_STATE_HOME": ""]) == expected)
        #expect(LogLocation.defaultPath(runbookName: "demo", sessionID: "k3j9x2", date: date, environment: [:])
            .hasSuffix("/.local/state/runbook/sessions/2026-11-25T1920-demo-k3j9x2.jsonl"))
    }

    @Test func slugs() {
        #expect(LogLocation.slug("Database Failover — Primary → Replica!") == "database-failover-primary-replica")
        #expect(LogLocation.slug("Déploiement Été 2026") == "deploiement-ete-2026")
        #expect(LogLocation.slug("playbooks/Demo_Runbook.md") == "demo-runbook")
        #expect(LogLocation.slug("../ops/rollback.markdown") == "rollback")
        #expect(LogLocation.slug("  --  ") == "runbook")
        #expect(LogLocation.slug("漢字") == "runbook")
        let long = LogLocation.slug("a very long runbook title that keeps going and going past forty characters")
        #expect(long.count <= 40)
        #expect(long == "a-very-long-runbook-title-that-keeps-goi")
        #expect(!LogLocation.slug(String(repeating: "ab ", count: 30)).hasSuffix("-"))
        #expect(LogLocation.fileName(runbookName: "x", sessionID: "../etc", date: date) == "2026-11-25T1920-x-etc.jsonl")
    }

    @Test func sessionIDs() {
        var seen = Set<String>()
        for _ in 0..<200 {
            let id = LogLocation.newSessionID()
            #expect(id.count == 6)
            #expect(id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
            seen.insert(id)
        }
        #expect(seen.count > 190)
    }
}
