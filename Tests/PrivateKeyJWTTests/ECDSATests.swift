import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

private let sigGen = CAVS.records("ecdsa/nist/SigGen_186-3_P256_SHA256.txt", recordKey: "S")
private let sigVer = CAVS.records("ecdsa/nist/SigVer_186-3_P256_SHA256.rsp", recordKey: "Result")

/// RFC 6979 A.2.5 as OpenSSL's test file carries it: DigestSign SHA256 blocks, "sample" and "test".
private let rfc6979: [(message: String, signature: [UInt8])] = {
    let blocks = Vectors.text("ecdsa/rfc6979/evppkey_ecdsa_rfc6979_P256.txt").components(separatedBy: "\n\n")
    return blocks.compactMap { block in
        let lines = block.split(separator: "\n").map(String.init)
        guard lines.contains("DigestSign = SHA256"), lines.contains("Key = P-256_PRIV"),
            let input = lines.first(where: { $0.hasPrefix("Input = ") }),
            let output = lines.first(where: { $0.hasPrefix("Output = ") })
        else { return nil }
        return (String(input.dropFirst(9).dropLast()), Hex.decode(String(output.dropFirst(9))))
    }
}()

/// RFC 6979 A.2.5's private key x (the PEM in the vector file holds the same).
private let rfc6979Key = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721"

/// r || s from DER's SEQUENCE { INTEGER r, INTEGER s }, each as 32 bytes.
private func rawSignature(der: [UInt8]) -> [UInt8] {
    var index = 2
    var out = [UInt8]()
    for _ in 0..<2 {
        let length = Int(der[index + 1])
        let value = Array(der[(index + 2)..<(index + 2 + length)]).drop { $0 == 0 }
        out += [UInt8](repeating: 0, count: 32 - value.count) + value
        index += 2 + length
    }
    return out
}

@Suite("ECDSA P-256 SHA-256: NIST CAVP SigGen and SigVer, RFC 6979 A.2.5")
struct ECDSATests {
    static func u256(_ record: CAVSRecord, _ name: String) -> U256 { U256(bigEndian: record.hex(name)) }

    @Test("SigGen: with the record's k, (r, s) as published; Q = d·G", arguments: sigGen)
    func signatureGeneration(record: CAVSRecord) throws {
        let digest = SHA256.hash(data: record.hex("Msg")).bytes
        let e = P256.order.reduced(U256(bigEndian: digest))
        let signature = try #require(ECDSA.sign(e: e, d: Self.u256(record, "d"), k: Self.u256(record, "k")))
        #expect(signature.r.bigEndianBytes == record.hex("R"))
        #expect(signature.s.bigEndianBytes == record.hex("S"))
        let key = try P256PrivateKey(rawRepresentation: record.hex("d"))
        #expect(key.publicKey.xBytes == record.hex("Qx") && key.publicKey.yBytes == record.hex("Qy"))
    }

    @Test("SigVer: accepted exactly when the record says P", arguments: sigVer)
    func signatureVerification(record: CAVSRecord) throws {
        let expected = record["Result"]?.hasPrefix("P") == true
        let digest = SHA256.hash(data: record.hex("Msg"))
        // A record whose Q is not on the curve fails at import, which is a refusal too.
        guard let key = try? P256PublicKey(x: record.hex("Qx"), y: record.hex("Qy")) else {
            #expect(!expected, "a valid record's key was refused")
            return
        }
        #expect(key.isValidSignature(record.hex("R") + record.hex("S"), digest: digest) == expected)
    }

    @Test("the vector files were read: 15 SigGen and 15 SigVer records, both RFC 6979 SHA-256 messages")
    func counts() {
        #expect(sigGen.count == 15 && sigVer.count == 15)
        #expect(rfc6979.map(\.message) == ["sample", "test"])
    }

    @Test("RFC 6979 A.2.5: the deterministic signatures of \"sample\" and \"test\"")
    func deterministic() throws {
        let key = try P256PrivateKey(rawRepresentation: Hex.decode(rfc6979Key))
        let pem = Vectors.text("ecdsa/rfc6979/evppkey_ecdsa_rfc6979_P256.txt")
        #expect(pem.contains("MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCDJr6nYRbp1FmtcIVdnsdaTTlDD2zbo"))
        for vector in rfc6979 {
            let digest = SHA256.hash(data: Array(vector.message.utf8))
            let signature = key.signature(digest: digest)
            #expect(signature == rawSignature(der: vector.signature), "\(vector.message)")
            #expect(key.publicKey.isValidSignature(signature, digest: digest))
        }
    }

    @Test("a signature verifies under its key only, and not for another digest or a changed byte")
    func tampering() throws {
        let key = try P256PrivateKey(), other = try P256PrivateKey()
        let digest = SHA256.hash(data: Array("message".utf8))
        let signature = key.signature(digest: digest)
        #expect(signature.count == 64 && key.publicKey.isValidSignature(signature, digest: digest))
        #expect(!other.publicKey.isValidSignature(signature, digest: digest))
        #expect(!key.publicKey.isValidSignature(signature, digest: SHA256.hash(data: Array("other".utf8))))
        for index in [0, 31, 32, 63] {
            var changed = signature
            changed[index] ^= 1
            #expect(!key.publicKey.isValidSignature(changed, digest: digest))
        }
        #expect(!key.publicKey.isValidSignature(Array(signature.dropLast()), digest: digest), "63 bytes")
        // r = 0, s = 0, r = n: outside [1, n − 1].
        let n = P256.order.m.bigEndianBytes, zero = [UInt8](repeating: 0, count: 32)
        for bad in [zero + signature.suffix(32), signature.prefix(32) + zero, n + signature.suffix(32)] {
            #expect(!key.publicKey.isValidSignature(Array(bad), digest: digest))
        }
    }
}
