// Signs with every secret marked undefined for memcheck (through PrivateKeyJWT's audit hooks), so
// that valgrind reports any branch or memory index that depends on a secret. Run by run.sh.

import CMemcheck
import Foundation
@_spi(ConstantTimeAudit) import PrivateKeyJWT

guard CommandLine.arguments.count == 2, let pem = try? String(contentsOfFile: CommandLine.arguments[1], encoding: .utf8)
else {
    FileHandle.standardError.write(Data("usage: ct-check KEY.pem (under valgrind)\n".utf8))
    exit(2)
}
if ct_running_on_valgrind() == 0 {
    FileHandle.standardError.write(Data("ct-check: not under valgrind; nothing is checked\n".utf8))
}

// Loading the key is variable time by design (import validation); the hooks go in after it.
var key = try RSAPrivateKey(pemRepresentation: pem)
ConstantTimeAudit.secret = { ct_mark_secret($0, $1) }
ConstantTimeAudit.declassified = { ct_mark_public($0, $1) }

// Rounds 0 and 1 on one thread, round 2 with the CRT halves on two threads (the CLI's setting).
for round in 0..<3 {
    key.parallelHalves = round == 2
    let message = Array("pkjwt constant-time check \(round)".utf8)
    let signature = try key.signature(for: message)
    guard key.publicKey.isValidSignature(signature, for: message) else { fatalError("signature does not verify") }
    print(signature.prefix(8).map { String(format: "%02x", $0) }.joined())
}

// ES256: three deterministic signatures with the scalar d (and with it the RFC 6979 HMAC state and
// every nonce k) undefined, and k marked again where it enters the scalar multiplication.
let ecKey = try P256PrivateKey(rawRepresentation: (1...32).map { UInt8($0) })
for round in 0..<3 {
    let digest = SHA256.hash(data: Array("pkjwt constant-time check, ES256 \(round)".utf8))
    let signature = ecKey.signature(digest: digest)
    guard ecKey.publicKey.isValidSignature(signature, digest: digest) else { fatalError("ES256 does not verify") }
    print(signature.prefix(8).map { String(format: "%02x", $0) }.joined())
}
