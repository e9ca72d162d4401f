import Foundation
import Testing
@testable import IncidentLog

@Suite("Asciicast export")
struct AsciicastTests {
    private let hash = String(repeating: "0", count: 64)

    private func event(_ seq: Int, _ mono: Double, _ type: String, _ payload: JSONValue) -> LogEvent {
        LogEvent(seq: seq, time: Date(timeIntervalSince1970: 1_795_634_435 + mono), mono: mono, type: type, payload: payload, prev: hash)
    }

    private func output(_ seq: Int, _ mono: Double, _ bytes: [UInt8], command: String = "L5") -> LogEvent {
        event(seq, mono, "output", LogEvent.outputPayload(command: command, data: bytes))
    }

    /// Each line parsed by Foundation's JSON parser (a second opinion on validity).
    private func parsed(_ lines: [String]) throws -> (header: [String: Any], events: [(Double, String, String)]) {
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let events = try lines.dropFirst().map { line -> (Double, String, String) in
            let array = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            #expect(array.count == 3)
            return (try #require(array[0] as? Double ?? (array[0] as? Int).map(Double.init)),
                    try #require(array[1] as? String), try #require(array[2] as? String))
        }
        return (header, events)
    }

    @Test func headerCarriesSizeStartTitleAndTerm() throws {
        let lines = AsciicastExporter.export(header: Samples.header(), title: "Demo — restart", events: [])
        let (header, events) = try parsed(lines)
        #expect(events.isEmpty)
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 80)
        #expect(header["height"] as? Int == 24)
        #expect(header["timestamp"] as? Int == 1_795_634_435)
        #expect(header["title"] as? String == "Demo — restart")
        #expect((header["env"] as? [String: String])?["TERM"] == "xterm-256color")
        #expect(header["idle_time_limit"] == nil)
        var noTerminal = Samples.header()
        noTerminal.terminal = nil
        noTerminal.extra = [:]
        let fallback = try parsed(AsciicastExporter.export(header: noTerminal, title: "", events: [], options: .init(idleLimit: 2))).header
        #expect(fallback["width"] as? Int == 80 && fallback["height"] as? Int == 24)
        #expect(fallback["title"] as? String == "playbooks/demo.md")
        #expect(fallback["idle_time_limit"] as? Double == 2)
    }

    @Test func outputTextEqualsTheDecodedBytesAcrossSplitCharacters() throws {
        // "é" (C3 A9), "€" (E2 82 AC) and "🚀" (F0 9F 9A 80) each cut across two events.
        let events = [
            event(1, 0, "command-start", ["command": "L5", "text": "echo hi"]),
            output(2, 0.5, Array("caf".utf8) + [0xC3]),
            output(3, 1.0, [0xA9] + Array(" 5 ".utf8) + [0xE2, 0x82]),
            output(4, 1.5, [0xAC] + Array(" ".utf8) + [0xF0]),
            output(5, 2.0, [0x9F, 0x9A]),
            output(6, 2.5, [0x80] + Array("\r\n".utf8)),
            event(7, 3, "command-end", ["command": "L5", "exit_code": 0]),
        ]
        let (_, parsedEvents) = try parsed(AsciicastExporter.export(header: Samples.header(), title: "T", events: events))
        let outputs = parsedEvents.filter { $0.1 == "o" }
        let text = outputs.map(\.2).joined()
        #expect(text == "\r\n\u{1B}[1m$ echo hi\u{1B}[0m\r\ncafé 5 € 🚀\r\n")
        #expect(!text.contains("\u{FFFD}"))
        let times = parsedEvents.map(\.0)
        #expect(times == times.sorted())
        #expect(times.first == 0 && times.last == 2.5)
    }

    @Test func invalidBytesBecomeReplacementCharacters() throws {
        let events = [
            output(1, 0.1, [0x61, 0xFF, 0x62, 0xC0, 0x80, 0x63]),
            output(2, 0.2, [0xE2, 0x82], command: "L6"),
            output(3, 0.3, Array("x".utf8), command: "L7"),  // another command: the cut character is given up
            output(4, 0.4, [0xF0, 0x9F]),                      // still incomplete at the end
        ]
        let (_, parsedEvents) = try parsed(AsciicastExporter.export(header: Samples.header(), title: "T", events: events))
        let text = parsedEvents.map(\.2).joined()
        #expect(text == "a\u{FFFD}b\u{FFFD}\u{FFFD}c\u{FFFD}x\u{FFFD}")
    }

    @Test func hostileBytesPassThroughAsEscapedJSONText() throws {
        let hostile: [UInt8] = [0x1B, 0x5D, 0x30, 0x3B, 0x70, 0x77, 0x6E, 0x07, 0x00, 0x22, 0x5C, 0x7F, 0x08, 0x0C, 0x1B, 0x5B, 0x32, 0x4A]
            + Array("\u{2028}\u{2029}".utf8)
        let lines = AsciicastExporter.export(header: Samples.header(), title: "T \"quoted\" \u{1B}", events: [output(1, 0.25, hostile)])
        for line in lines {
            #expect(!line.utf8.contains { $0 < 0x20 }, "raw control byte in \(line)")
        }
        let (header, events) = try parsed(lines)
        #expect(header["title"] as? String == "T \"quoted\" \u{1B}")
        #expect(events.count == 1)
        #expect(Array(events[0].2.utf8) == hostile)
        #expect(try JSONValueParser.parse(lines[1]) == .array([.number(0.25), "o", .string(String(decoding: hostile, as: UTF8.self))]))
    }

    @Test func commandEchoShowsControlCharactersInsteadOfSendingThem() {
        #expect(AsciicastExporter.echo("printf '\u{1B}[2J'\nls\tx") == "$ printf '^[[2J'\r\n  ls    x")
    }

    @Test func idleLimitCapsPausesAndMarkersAreOptIn() throws {
        let events = [
            event(1, 0, "section-enter", ["section": "1", "title": "Prepare"]),
            event(2, 1, "command-start", ["command": "L5", "text": "sleep 100\necho ok"]),
            output(3, 101, Array("ok\r\n".utf8)),
            event(4, 400, "check", ["item": "k1", "text": "Pods ready"]),
            event(5, 401, "decision", ["choice": "rollback", "rationale": "errors"]),
            event(6, 402, "note", ["text": "paged\nthe team"]),
        ]
        let plain = try parsed(AsciicastExporter.export(header: Samples.header(), title: "T", events: events)).events
        #expect(plain.allSatisfy { $0.1 == "o" })
        #expect(plain.map(\.0) == [1, 101])
        let capped = try parsed(AsciicastExporter.export(header: Samples.header(), title: "T", events: events,
                                                         options: .init(idleLimit: 2, markers: true))).events
        #expect(capped.map(\.0) == [0, 1, 1, 3, 5, 6, 7])
        #expect(capped.filter { $0.1 == "m" }.map(\.2) == ["Prepare", "$ sleep 100", "✓ Pods ready", "decision: rollback", "note: paged"])
    }

    @Test func outputWithoutDataIsLeftOutWithAWarning() throws {
        var exporter = AsciicastExporter(header: Samples.header(), title: "T")
        #expect(exporter.lines(for: event(9, 1, "output", ["command": "L5", "data": "!!"])).isEmpty)
        #expect(exporter.warnings == ["seq 9: output event without a command id and base64 data; left out"])
    }
}
