import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

private let shortMsg = CAVS.records("sha256/SHA256ShortMsg.rsp", recordKey: "MD")
private let longMsg = CAVS.records("sha256/SHA256LongMsg.rsp", recordKey: "MD")
private let monte = CAVS.records("sha256/SHA256Monte.rsp", recordKey: "MD")

/// The compression functions a test runs on, forced per hasher (not through the process-wide
/// choice, which other tests running at the same time may change). The core has one;
/// PrivateKeyJWTSHANITests runs the same vectors on the SHA extensions.
enum CompressionPath: String, CaseIterable, CustomTestStringConvertible {
    case portable

    static var available: [Self] { allCases }

    var testDescription: String { rawValue }

    func hasher() -> SHA256? { SHA256(blockFunction: SHA256Compression.compress) }

    func hash(_ message: some Sequence<UInt8>) -> SHA256Digest {
        var hasher = SHA256(blockFunction: SHA256Compression.compress)
        hasher.update(data: message)
        return hasher.finalize()
    }
}

@Suite("SHA-256, FIPS 180-4")
struct SHA256Tests {
    @Test("NIST CAVP ShortMsg and LongMsg", arguments: shortMsg + longMsg, CompressionPath.available)
    func cavp(record: CAVSRecord, path: CompressionPath) {
        let bits = Int(record["Len"]!)!
        // Len = 0 carries Msg = 00, which is not part of the message (vectors/README.md).
        let message = bits == 0 ? [] : record.hex("Msg")
        #expect(message.count * 8 == bits)
        #expect(path.hash(message).description == record["MD"]!)
    }

    @Test("the vector files are all there") func counts() {
        #expect(shortMsg.count == 65)
        #expect(longMsg.count == 64)
        #expect(monte.count == 100)
    }

    /// SHAVS §6.4: MD0 = MD1 = MD2 = Seed; MDi = SHA-256(MDi-3 || MDi-2 || MDi-1); checkpoint = MD1002.
    @Test("NIST CAVP Monte Carlo, 100 checkpoints", arguments: CompressionPath.available)
    func monteCarlo(path: CompressionPath) {
        var seed = Hex.decode(monte[0]["Seed"]!)
        for record in monte {
            var md = [seed, seed, seed]
            for _ in 3...1002 {
                md = [md[1], md[2], path.hash(md[0] + md[1] + md[2]).bytes]
            }
            seed = md[2]
            #expect(Hex.encode(seed) == record["MD"]!, "COUNT \(record["COUNT"]!)")
        }
    }

    @Test("FIPS 180-2 App. B examples", arguments: CompressionPath.available)
    func fips180Examples(path: CompressionPath) throws {
        let json = Vectors.json("sha256/fips180-2-appendix-b.json")
        let examples = try #require(json["vectors"] as? [[String: Any]])
        #expect(examples.count == 3)
        for example in examples {
            let unit = try #require(example["message_ascii"] as? String)
            let repeated = try #require(example["message_repeat"] as? Int)
            let message = Array(String(repeating: unit, count: repeated).utf8)
            #expect(path.hash(message).description == example["sha256_hex"] as? String, "\(example["name"]!)")
        }
    }

    @Test(
        "streaming in every chunk size equals one-shot",
        arguments: [1, 3, 55, 56, 63, 64, 65, 127, 1000], CompressionPath.available)
    func streaming(chunk: Int, path: CompressionPath) throws {
        let message = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hasher = try #require(path.hasher())
        var i = 0
        while i < message.count { hasher.update(data: message[i..<min(i + chunk, message.count)]); i += chunk }
        #expect(hasher.finalize() == SHA256.hash(data: message))
    }

    @Test("lengths 0...256 of a fixed pattern agree with the openssl CLI", arguments: CompressionPath.available)
    func againstOpenSSL(path: CompressionPath) throws {
        for length in 0...256 {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
            let result = try run(["openssl", "dgst", "-sha256", "-r"], stdin: message)
            let expected = String(decoding: result.stdout, as: UTF8.self).prefix(64)
            #expect(path.hash(message).description == expected, "length \(length)")
        }
    }

}
