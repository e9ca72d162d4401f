import Foundation
import Testing
@testable import IncidentLog

@Suite("JSON values: serializer and parser")
struct JSONValueTests {
    @Test func everyControlCharacterIsEscapedAndRoundTrips() throws {
        let text = String(decoding: (0..<0x20).map { UInt8($0) } + Array("\u{7F}".utf8), as: UTF8.self)
        let json = JSONValue.string(text).serialized()
        #expect(!json.utf8.contains(where: { $0 < 0x20 }))
        #expect(json.hasPrefix("\"\\u0000\\u0001"))
        #expect(json.contains("\\b\\t\\n\\u000b\\f\\r"))
        #expect(try JSONValueParser.parse(json) == .string(text))
    }

    @Test func quotesBackslashesAndNonASCII() throws {
        let text = "say \"hi\" \\ back\\slash / é 漢字 🚀 \u{2028}"
        let json = JSONValue.string(text).serialized()
        #expect(json == "\"say \\\"hi\\\" \\\\ back\\\\slash / é 漢字 🚀 \u{2028}\"")
        #expect(try JSONValueParser.parse(json) == .string(text))
        // Non-ASCII stays raw UTF-8 (no \u escapes), so no surrogate escapes can ever be produced.
        #expect(!json.contains("\\u"))
    }

    @Test func escapedInputDecodes() throws {
        #expect(try JSONValueParser.parse(#""\ud83d\ude80 \u00e9 \/ \u0041""#) == .string("🚀 é / A"))
        for bad in [#""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\x""#, #""\u12""#] {
            #expect(throws: JSONParseError.self, "\(bad)") { try JSONValueParser.parse(bad) }
        }
    }

    @Test func rejectsInvalidUTF8AndRawControlCharacters() throws {
        #expect(throws: JSONParseError.self) { try JSONValueParser.parse([0x22, 0xFF, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONValueParser.parse([0x22, 0xED, 0xA0, 0x80, 0x22]) }  // UTF-8 surrogate
        #expect(throws: JSONParseError.self) { try JSONValueParser.parse([0x22, 0x0A, 0x22]) }
        #expect(try JSONValueParser.parse(Array("\"é\"".utf8)) == .string("é"))
    }

    @Test func objectsKeepOrderAndLiteralsBuildValues() throws {
        let value: JSONValue = ["b": 1, "a": [true, nil, 2.5, "x"], "c": ["nested": -3]]
        #expect(value.serialized() == #"{"b":1,"a":[true,null,2.5,"x"],"c":{"nested":-3}}"#)
        #expect(try JSONValueParser.parse(value.serialized()) == value)
        #expect(value["a"]?.arrayValue?.count == 4)
        #expect(value["c"]?["nested"]?.intValue == -3)
        #expect(value["missing"] == nil)
        let reordered: JSONValue = ["a": [true, nil, 2.5, "x"], "b": 1, "c": ["nested": -3]]
        #expect(value != reordered)
        let duplicate = try JSONValueParser.parse(#"{"k":1,"k":2}"#)
        #expect(duplicate["k"] == .int(1))
        #expect(duplicate.serialized() == #"{"k":1,"k":2}"#)
    }

    @Test func numbers() throws {
        #expect(try JSONValueParser.parse("0") == .int(0))
        #expect(try JSONValueParser.parse("-42") == .int(-42))
        #expect(try JSONValueParser.parse("9223372036854775807") == .int(Int64.max))
        #expect(try JSONValueParser.parse("-9223372036854775808") == .int(Int64.min))
        #expect(try JSONValueParser.parse("9223372036854775808") == .number(9_223_372_036_854_775_808))
        #expect(try JSONValueParser.parse("0.333") == .number(0.333))
        #expect(try JSONValueParser.parse("1e3") == .number(1000))
        #expect(try JSONValueParser.parse("-1.5E-2") == .number(-0.015))
        #expect(try JSONValueParser.parse("123456.789012345678901") == .number(123456.789012345678901))
        for bad in ["01", "-", "1.", ".5", "1e", "+1", "0x10", "NaN", "Infinity"] {
            #expect(throws: JSONParseError.self, "\(bad)") { try JSONValueParser.parse(bad) }
        }
        #expect(JSONValue.number(.nan).serialized() == "null")
        #expect(JSONValue.number(.infinity).serialized() == "null")
        for double in [0.1, 1e-7, 1e21, 123.456, -0.5, 5.0, 1.7976931348623157e308] {
            #expect(try JSONValueParser.parse(JSONValue.number(double).serialized()) == .number(double))
        }
    }

    @Test func structuralErrorsAreReportedNotTrapped() {
        for bad in ["", "{", "[1,]", "{\"a\"}", "{\"a\":1,}", "{'a':1}", "[1] x", "tru", "nul", "{\"a\" 1}", "\"open", "[1 2]"] {
            #expect(throws: JSONParseError.self, "\(bad)") { try JSONValueParser.parse(bad) }
        }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValueParser.parse(deep) }
        let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try JSONValueParser.parse(ok) }
    }

    @Test func randomBytesNeverCrashTheParser() {
        var random = SplitMix64(seed: 99)
        let seedText = Array(#"{"seq":1,"payload":{"a":[1,2.5,"x\u00e9\n",true,null]},"prev":"ab"}"#.utf8)
        for round in 0..<3000 {
            var bytes = seedText
            if round % 2 == 0 {
                for _ in 0..<(1 + Int(random.next() % 4)) {
                    bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                }
            } else {
                let alphabet = Array("{}[]\",:0123456789-.eE\\u tfn\u{0}".utf8)
                bytes = (0..<Int(random.next() % 40)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            }
            _ = try? JSONValueParser.parse(bytes)
        }
    }

    @Test func bytesHelpersAreLossless() {
        let raw: [UInt8] = [0x1B, 0x5B, 0x32, 0x4A, 0x0D, 0x0A, 0xFF, 0xC3, 0x28, 0x00]
        let value = JSONValue.bytes(raw)
        #expect(value == .string("G1sySg0K/8MoAA=="))
        #expect(value.decodeBytes == raw)
        #expect(JSONValue.string("not base64!").decodeBytes == nil)
        #expect(JSONValue.int(3).decodeBytes == nil)
    }

    @Test func accessors() {
        #expect(JSONValue.number(3).intValue == 3)
        #expect(JSONValue.number(3.5).intValue == nil)
        #expect(JSONValue.int(2).doubleValue == 2)
        #expect(JSONValue.bool(true).boolValue == true)
        #expect(JSONValue.null.isNull)
        #expect(JSONValue.string("x").stringValue == "x")
        #expect(JSONValue.object([("a", 1)]).objectMembers?.first?.0 == "a")
    }
}
