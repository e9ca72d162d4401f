import Foundation
import Testing
@testable import IncidentLog

@Suite("SHA-256")
struct SHA256Tests {
    @Test func nistVectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(SHA256.hash(Array("abc".utf8)).count == 32)
    }

    @Test func incrementalPiecesMatchOneShot() {
        var random = SplitMix64(seed: 7)
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 300, 1000] {
            let data = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            var hasher = SHA256.Incremental()
            var offset = 0
            while offset < length {
                let piece = min(length - offset, Int(random.next() % 70) + 1)
                hasher.update(data[offset..<(offset + piece)])
                offset += piece
            }
            #expect(hasher.finalizeHex() == SHA256.hex(data), "length \(length)")
        }
    }

    @Test func randomDataMatchesSha256sum() throws {
        let directory = TestFiles.directory()
        var random = SplitMix64(seed: 42)
        for length in [0, 3, 55, 56, 63, 64, 65, 1000, 65_537, 1_000_003] {
            let data = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let path = directory + "/data-\(length)"
            TestFiles.write(data, to: path)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let expected = String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init)
            #expect(SHA256.hex(data) == expected, "length \(length)")
        }
    }
}

@Suite("Base64")
struct Base64Tests {
    @Test func rfc4648Vectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func roundTripsEveryByteValueAndLength() {
        var random = SplitMix64(seed: 3)
        let all = (0...255).map { UInt8($0) }
        #expect(Base64.decode(Base64.encode(all)) == all)
        #expect(Base64.encode(all) == Data(all).base64EncodedString())
        for length in 0..<70 {
            let data = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            #expect(Base64.decode(Base64.encode(data)) == data)
        }
    }

    @Test func rejectsMalformedInput() {
        for bad in ["Zg=", "Z===", "Zm9v\n", "Zm 9v", "Zm9v====", "Zh==", "Zm9=", "@@@@", "Zg==Zg==", "===="] {
            #expect(Base64.decode(bad) == nil, "\(bad)")
        }
    }
}
