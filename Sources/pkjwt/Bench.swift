// pkjwt bench: keygen, sign, verify and SHA-256 timed in this process, optionally beside OpenSSL's
// libcrypto loaded into the same process (LibcryptoPeer.swift), the two taking turns.

import ArgumentParser
import Foundation
import PrivateKeyJWT

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time RSA-2048 (or P-256) keygen, sign, verify and SHA-256 on this machine.",
        discussion: """
            Keygen time has a long tail: look at p90, not one lucky number. --compare openssl loads OpenSSL 3's \
            libcrypto into this process (PKJWT_LIBCRYPTO names another copy) and runs the same operations through \
            its EVP API, taking turns with pkjwt (one key each, then slices of the sign, verify and SHA-256 \
            time), and prints our/OpenSSL ratios. Sign and verify run on AVX-512 IFMA and SHA-256 on the SHA \
            extensions where the CPU has them (as pkjwt token does); --engine portable times the portable code \
            instead (for keygen too: IFMA rejects composites two at a time), while OpenSSL keeps its own best \
            code. The engine is printed with the sign, verify and SHA-256 rows. --algorithm es256 times P-256 \
            keygen, ES256 sign and verify instead (portable code), beside libcrypto's ECDSA on the same key \
            with --compare openssl (each side verifies its own signature: libcrypto's nonces are random).
            """)

    /// Which signatures are timed.
    enum Algorithm: String, ExpressibleByArgument, CaseIterable {
        case rs256, es256
    }

    @Option(name: .long, help: "rs256: RSA-2048 (the default); es256: P-256.")
    var algorithm: Algorithm = .rs256

    @Option(name: .long, help: "Keys to generate.")
    var keys: Int = 20

    @Option(name: .long, help: "Seconds per sign, verify and SHA-256 measurement.")
    var seconds: Double = 2

    /// The peers `--compare` runs the same operations through.
    enum Peer: String, ExpressibleByArgument, CaseIterable {
        case openssl
    }

    @Option(name: .long, help: "Also run the same operations through this peer, in this process, taking turns.")
    var compare: Peer?

    /// Which code signs and verifies.
    enum Engine: String, ExpressibleByArgument, CaseIterable {
        case auto, portable
    }

    @Option(
        name: .long,
        help: "auto: AVX-512 IFMA and SHA extensions where the CPU has them, as pkjwt token; portable: portable code."
    )
    var engine: Engine = .auto

    @OptionGroup var output: JSONOption

    func validate() throws {
        guard keys >= 1, seconds > 0 else { throw ValidationError("--keys must be at least 1 and --seconds above 0") }
    }

    func run() throws {
        let peer = try compare.map { _ in
            try LibcryptoPeer(candidates: LibcryptoPeer.candidates(environment: ProcessInfo.processInfo.environment))
        }
        if algorithm == .es256 { return try report(withPeer(p256Rows(peer: peer), peer), peer: peer?.version) }
        if engine == .portable { CPUPaths.preferPortableSHA256() }
        let generate = { () throws -> RSAPrivateKey in
            engine == .auto ? try CPUPaths.generatedKey(bits: 2048) : try RSAPrivateKey(generatingBits: 2048)
        }
        var rows = [
            try BenchRow(
                "RSA-2048 keygen",
                Measure.alternating(
                    keys, label: "keygen", { _ = try generate() }, peer.map { p in { try p.generateKey() } }))
        ]
        let generated = try RSAPrivateKey(generatingBits: 2048)
        let key = engine == .auto ? CPUPaths.fastest(generated) : generated
        let digest = SHA256.hash(data: Array("pkjwt bench".utf8))
        let signature = try key.signature(digest: digest)
        let peerKey = try peer.map { try LibcryptoPeer.PreparedKey($0, der: generated.derRepresentation) }
        let peerSignature = try peerKey?.signature(digest: digest.bytes)
        guard peerSignature == nil || peerSignature == signature else {
            throw CLIError("libcrypto and pkjwt signed the same digest differently")
        }
        var sign = try BenchRow(
            "RSA-2048 sign",
            Measure.interleaved(
                seconds, { _ = try key.signature(digest: digest) },
                peerKey.map { k in { _ = try k.signature(digest: digest.bytes) } }))
        sign.engine = key.signingEngine
        var verify = try BenchRow(
            "RSA-2048 verify",
            Measure.interleaved(
                seconds,
                {
                    guard key.publicKey.isValidSignature(signature, digest: digest) else {
                        throw CLIError("verification failed during the benchmark")
                    }
                },
                peerKey.map { k in
                    {
                        guard k.isValidSignature(signature, digest: digest.bytes) else {
                            throw CLIError("libcrypto's verification failed during the benchmark")
                        }
                    }
                }))
        verify.engine = key.publicKey.verifyingEngine
        let block = (0..<16384).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 8) }
        var sha = try BenchRow(
            "SHA-256 16 KiB",
            Measure.interleaved(seconds, { _ = SHA256.hash(data: block) }, peer.map { p in { try p.hash(block) } }))
        sha.megabytesPerSecond = sha.opsPerSecond * 16384 / 1e6
        sha.engine = SHA256.compressionName
        rows += [sign, verify, sha]
        try report(withPeer(rows, peer), peer: peer?.version)
    }

    /// The rows, each naming the peer's version when there is one.
    private func withPeer(_ rows: [BenchRow], _ peer: LibcryptoPeer?) -> [BenchRow] {
        guard let peer else { return rows }
        return rows.map {
            var row = $0; row.peer = peer.version; return row
        }
    }

    private func report(_ rows: [BenchRow], peer: String? = nil) throws {
        if output.json {
            Output.json(rows)
        } else {
            if let peer { print("peer: \(peer), libcrypto in this process, taking turns with pkjwt") }
            BenchRow.printTable(rows)
        }
    }

    /// P-256 keygen, then ES256 sign and verify of one digest (RFC 6979 nonces), on the portable code,
    /// taking turns with libcrypto on the same key when `peer` is given.
    private func p256Rows(peer: LibcryptoPeer?) throws -> [BenchRow] {
        let key = try P256PrivateKey()
        let digest = SHA256.hash(data: Array("pkjwt bench".utf8))
        let signature = key.signature(digest: digest)
        let peerKey = try peer.map { try LibcryptoPeer.PreparedKey($0, der: key.derRepresentation, kind: .p256) }
        let peerSignature = try peerKey?.signature(digest: digest.bytes)
        if let peerKey, let peerSignature, !peerKey.isValidSignature(peerSignature, digest: digest.bytes) {
            throw CLIError("libcrypto did not verify its own P-256 signature")
        }
        var rows = [
            try BenchRow(
                "P-256 keygen",
                Measure.alternating(
                    keys, label: "keygen", { _ = try P256PrivateKey() }, peer.map { p in { try p.generateKey(.p256) } })
            ),
            try BenchRow(
                "P-256 sign",
                Measure.interleaved(
                    seconds, { _ = key.signature(digest: digest) },
                    peerKey.map { k in { _ = try k.signature(digest: digest.bytes) } })),
            try BenchRow(
                "P-256 verify",
                Measure.interleaved(
                    seconds,
                    {
                        guard key.publicKey.isValidSignature(signature, digest: digest) else {
                            throw CLIError("verification failed during the benchmark")
                        }
                    },
                    peerKey.map { k in
                        {
                            guard let peerSignature, k.isValidSignature(peerSignature, digest: digest.bytes) else {
                                throw CLIError("libcrypto's verification failed during the benchmark")
                            }
                        }
                    })),
        ]
        for index in rows.indices.dropFirst() { rows[index].engine = "portable" }
        return rows
    }
}
