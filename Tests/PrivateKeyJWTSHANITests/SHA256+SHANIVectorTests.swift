// Every published SHA-256 vector on the SHA extensions, forced per hasher (`usingSHAExtensions`), as
// the core's SHA256Tests runs them on the portable code; and the four-block groups of the core's
// streaming code with a bit flipped in each block, against the openssl CLI.

import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT
@testable import PrivateKeyJWTSHANI

private let shortMsg = CAVS.records("sha256/SHA256ShortMsg.rsp", recordKey: "MD")
private let longMsg = CAVS.records("sha256/SHA256LongMsg.rsp", recordKey: "MD")
private let monte = CAVS.records("sha256/SHA256Monte.rsp", recordKey: "MD")

/// SHA-256 of `message` on the SHA extensions; a CPU without them never runs these suites.
private func shaExtensionsHash(_ message: some Sequence<UInt8>) -> SHA256Digest {
    // The suites are disabled where the CPU lacks the extensions; were one run, this wrong digest fails it.
    guard var hasher = SHA256.usingSHAExtensions() else { return SHA256.hash(data: Array("unavailable".utf8)) }
    hasher.update(data: message)
    return hasher.finalize()
}

@Suite("SHA-256 on the SHA extensions: the published vectors", .enabled(if: SHA256.shaExtensionsAreAvailable))
struct SHA256SHANIVectorTests {
    @Test("the vector files are all there") func counts() {
        #expect(shortMsg.count == 65 && longMsg.count == 64 && monte.count == 100)
    }

    @Test("NIST CAVP ShortMsg and LongMsg", arguments: shortMsg + longMsg)
    func cavp(record: CAVSRecord) {
        let bits = Int(record["Len"]!)!
        // Len = 0 carries Msg = 00, which is not part of the message (vectors/README.md).
        let message = bits == 0 ? [] : record.hex("Msg")
        #expect(shaExtensionsHash(message).description == record["MD"]!)
    }

    /// SHAVS §6.4: MD0 = MD1 = MD2 = Seed; MDi = SHA-256(MDi-3 || MDi-2 || MDi-1); checkpoint = MD1002.
    @Test("NIST CAVP Monte Carlo, 100 checkpoints") func monteCarlo() {
        var seed = Hex.decode(monte[0]["Seed"]!)
        for record in monte {
            var md = [seed, seed, seed]
            for _ in 3...1002 { md = [md[1], md[2], shaExtensionsHash(md[0] + md[1] + md[2]).bytes] }
            seed = md[2]
            #expect(Hex.encode(seed) == record["MD"]!, "COUNT \(record["COUNT"]!)")
        }
    }

    @Test("FIPS 180-2 App. B examples") func fips180Examples() throws {
        let examples = try #require(Vectors.json("sha256/fips180-2-appendix-b.json")["vectors"] as? [[String: Any]])
        #expect(examples.count == 3)
        for example in examples {
            let unit = try #require(example["message_ascii"] as? String)
            let repeated = try #require(example["message_repeat"] as? Int)
            let message = Array(String(repeating: unit, count: repeated).utf8)
            #expect(shaExtensionsHash(message).description == example["sha256_hex"] as? String, "\(example["name"]!)")
        }
    }

    @Test("streaming in every chunk size equals one-shot", arguments: [1, 3, 55, 56, 63, 64, 65, 127, 1000])
    func streaming(chunk: Int) throws {
        let message = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hasher = try #require(SHA256.usingSHAExtensions())
        var i = 0
        while i < message.count { hasher.update(data: message[i..<min(i + chunk, message.count)]); i += chunk }
        #expect(hasher.finalize() == SHA256.hash(data: message))
    }

    @Test("1...13 whole blocks, a bit flipped in each, and lengths 0...256 agree with the openssl CLI")
    func againstOpenSSL() throws {
        var messages = (0...256).map { length in (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) } }
        for blocks in 1...13 {
            let message = (0..<64 * blocks).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ blocks) }
            messages.append(message)
            for block in 0..<blocks {
                var flipped = message
                flipped[64 * block + (block * 7) % 64] ^= 0x10
                messages.append(flipped)
            }
        }
        for message in messages {
            #expect(shaExtensionsHash(message).description == (try opensslDigest(message)), "\(message.count) bytes")
        }
    }
}

/// The openssl CLI's SHA-256 of `message`, in hex.
private func opensslDigest(_ message: [UInt8]) throws -> String {
    String(decoding: try run(["openssl", "dgst", "-sha256", "-r"], stdin: message).stdout.prefix(64), as: UTF8.self)
}
