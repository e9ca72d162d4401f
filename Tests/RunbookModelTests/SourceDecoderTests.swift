import Foundation
import Testing
@testable import RunbookModel

@Suite("Decoding source bytes")
struct SourceDecoderTests {
    @Test func invalidUTF8IsReplacedWithAWarningNamingTheLine() throws {
        let bytes = Array("# T\n## A\nbad ".utf8) + [0xC3, 0x28] + Array(" byte\n".utf8)
        let source = try SourceDecoder.decode(bytes, path: "x.md")
        #expect(source.text.contains("\u{FFFD}"))
        #expect(source.diagnostics.count == 1)
        #expect(source.diagnostics[0].line == 3)
        #expect(source.diagnostics[0].description.hasPrefix("x.md:3: warning: invalid UTF-8"))
    }

    @Test func binaryAndEmptyInputsAreRefused() {
        #expect(throws: RunbookLoadError.self) { try SourceDecoder.decode([0x23, 0x20, 0x00, 0x01], path: "a.bin") }
        #expect(throws: RunbookLoadError.self) { try SourceDecoder.decode([], path: "empty.md") }
        #expect(throws: RunbookLoadError.self) { try SourceDecoder.decode(Array(" \n\t\n".utf8), path: "blank.md") }
        #expect(throws: RunbookLoadError.self) { try SourceDecoder.decode([0xFF, 0xFE, 0x23, 0x00], path: "utf16.md") }
    }

    @Test func byteOrderMarkAndCRLFAreNormalised() throws {
        let source = try SourceDecoder.decode([0xEF, 0xBB, 0xBF] + Array("# T\r\n## A\r\n".utf8), path: nil)
        #expect(source.text == "# T\n## A\n")
        let runbook = RunbookParser.parse(source)
        #expect(runbook.title == "T")
        #expect(runbook.sections[0].line == 2)
    }

    @Test func missingFileAndDirectoryGiveOneLineErrors() {
        do {
            _ = try SourceDecoder.load(path: "/nonexistent/runbook.md")
            Issue.record("no error")
        } catch {
            #expect(error.description == "/nonexistent/runbook.md: error: no such file")
        }
        do {
            _ = try SourceDecoder.load(path: NSTemporaryDirectory())
            Issue.record("no error")
        } catch {
            #expect(error.message.contains("directory"))
        }
    }

    @Test func runbookWithoutCommandsIsValidWithAWarning() {
        let runbook = RunbookParser.parse("# Notes\n- [ ] call the lead\n", path: "notes.md")
        #expect(runbook.diagnostics.map(\.message).contains { $0.contains("no runnable command") })
    }

    @Test func mojibakeIsRepairedBeforeParsing() {
        let runbook = RunbookParser.parse("# T\n## ðŸš¨ Rollback\n")
        #expect(runbook.sections[0].title == "🚨 Rollback")
        #expect(runbook.diagnostics.contains { $0.message.contains("repaired") })
    }
}
