import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

@Suite("OpenSSH public key lines, RFC 4253 §6.6")
struct OpenSSHPublicKeyTests {
    @Test("OpenSSH public key line: round trip and strict parsing") func openSSH() throws {
        let key = try RSAPrivateKey(pemRepresentation: Vectors.text("rsa/openssl-keys/key1.pkcs8.pem")).publicKey
        let line = key.openSSHRepresentation(comment: "me@host")
        #expect(line.hasPrefix("ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB"))
        #expect(try RSAPublicKey(openSSHRepresentation: line) == key)
        let sshKeygen = try? run(["ssh-keygen", "-l", "-f", "/dev/stdin"], stdin: Array((line + "\n").utf8))
        if let sshKeygen, sshKeygen.status == 0 {
            #expect(String(decoding: sshKeygen.stdout, as: UTF8.self).hasPrefix("2048 "))
        }
        let blob = try Base64.decode(String(line.split(separator: " ")[1]))
        let refusals: [(String, PrivateKeyJWTError)] = [
            ("ssh-ed25519 " + line.dropFirst(8), .unsupportedAlgorithm(.openSSHKeyType("ssh-ed25519"))),
            ("ssh-rsa", .invalidOpenSSHKey(.notKeyLine)),
            ("ssh-rsa !!!!", .invalidOpenSSHKey(.damagedBlob(.outsideAlphabet(character: 0x21, offset: 0)))),
            ("ssh-rsa " + Base64.encode(blob + [0]), .invalidOpenSSHKey(.trailingBytes(1))),
            (
                "ssh-rsa " + Base64.encode(Array(blob.dropLast())),
                .invalidOpenSSHKey(.lengthPastEnd(field: "n", length: 257))
            ),
            (
                "ssh-rsa " + Base64.encode([0, 0, 0, 7] + Array("ssh-dss".utf8) + blob.dropFirst(11)),
                .invalidOpenSSHKey(.keyTypeContradictsLine)
            ),
            // e as an mpint with an unnecessary leading zero byte.
            (
                "ssh-rsa " + Base64.encode(Array(blob[0..<11]) + [0, 0, 0, 4, 0, 1, 0, 1] + blob.dropFirst(18)),
                .invalidOpenSSHKey(.leadingZero(field: "e"))
            ),
        ]
        for (bad, refusal) in refusals {
            #expect(throws: refusal) { _ = try RSAPublicKey(openSSHRepresentation: bad) }
        }
    }
}
