import Foundation
import PrivateKeyJWT
import Testing

#if PKJWT_X86_FAST_PATHS
    import PrivateKeyJWTIFMA
    import PrivateKeyJWTSHANI

    /// The engines this build and CPU give `bench --engine auto` (the portable code where the x86 modules
    /// are not built: arm64 hosts, PKJWT_PORTABLE_ONLY=1).
    private let fastEngines = (
        sign: RSAPrivateKey.avx512IFMAIsAvailable ? "AVX-512 IFMA" : "portable",
        sha: SHA256.shaExtensionsAreAvailable ? "SHA extensions" : "portable"
    )
#else
    private let fastEngines = (sign: "portable", sha: "portable")
#endif

@Suite("pkjwt bench")
struct BenchCommandTests {
    @Test("bench prints every row as JSON (a functional check; figures are not asserted)") func bench() throws {
        let s = try Scratch()
        let result = try s.pkjwt("bench", "--keys", "1", "--seconds", "0.05", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(
            rows.map { $0["operation"] as? String } == [
                "RSA-2048 keygen", "RSA-2048 sign", "RSA-2048 verify", "SHA-256 16 KiB",
            ])
        #expect(rows.allSatisfy { ($0["median"] as? Double ?? 0) > 0 && ($0["ops_per_second"] as? Double ?? 0) > 0 })
        #expect(result.stderr.contains("keygen 1/1"), "the live progress line")
        // Sign and verify name the code that ran: IFMA where this CPU has it, the portable code when asked.
        let engine = fastEngines.sign
        #expect(rows[1]["engine"] as? String == engine && rows[2]["engine"] as? String == engine)
        #expect(rows[3]["engine"] as? String == fastEngines.sha)
        let portable = try s.pkjwt("bench", "--keys", "1", "--seconds", "0.05", "--engine", "portable", "--json")
        let portableRows = try #require(
            JSONSerialization.jsonObject(with: Data(portable.stdout.utf8)) as? [[String: Any]])
        #expect(
            portableRows[1]["engine"] as? String == "portable" && portableRows[3]["engine"] as? String == "portable")
        expectExplainedFailure(
            try s.pkjwt("bench", "--engine", "fast"), mentioning: "'fast' is invalid for '--engine")
        expectExplainedFailure(try s.pkjwt("bench", "--keys", "0"), mentioning: "--keys must be at least 1")
        expectExplainedFailure(
            try s.pkjwt("bench", "--compare", "libressl"), mentioning: "'libressl' is invalid for '--compare")
    }

    @Test("bench --algorithm es256 times P-256 keygen, sign and verify, and beside libcrypto with --compare openssl")
    func es256() throws {
        let s = try Scratch()
        let result = try s.pkjwt("bench", "--algorithm", "es256", "--keys", "1", "--seconds", "0.05", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["operation"] as? String } == ["P-256 keygen", "P-256 sign", "P-256 verify"])
        #expect(rows.allSatisfy { ($0["median"] as? Double ?? 0) > 0 && ($0["ops_per_second"] as? Double ?? 0) > 0 })
        #expect(rows[1]["engine"] as? String == "portable" && rows[2]["engine"] as? String == "portable")
        let compared = try s.pkjwt(
            "bench", "--algorithm", "es256", "--keys", "1", "--seconds", "0.05", "--compare", "openssl", "--json")
        #expect(compared.status == 0, "\(compared.stderr)")
        let peerRows = try #require(
            JSONSerialization.jsonObject(with: Data(compared.stdout.utf8)) as? [[String: Any]])
        #expect(peerRows.map { $0["operation"] as? String } == ["P-256 keygen", "P-256 sign", "P-256 verify"])
        #expect(peerRows.allSatisfy { ($0["openssl_ops_per_second"] as? Double ?? 0) > 0 })
        #expect(peerRows.allSatisfy { ($0["ratio_to_openssl"] as? Double ?? 0) > 0 })
        #expect(peerRows.allSatisfy { ($0["peer"] as? String ?? "").hasPrefix("OpenSSL 3") })
    }

    @Test("bench --compare openssl runs libcrypto in this process beside pkjwt, row by row")
    func benchCompare() throws {
        let s = try Scratch()
        let result = try s.pkjwt("bench", "--keys", "1", "--seconds", "0.05", "--compare", "openssl", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(
            rows.map { $0["operation"] as? String } == [
                "RSA-2048 keygen", "RSA-2048 sign", "RSA-2048 verify", "SHA-256 16 KiB",
            ])
        #expect(
            rows.allSatisfy {
                ($0["openssl_ops_per_second"] as? Double ?? 0) > 0 && ($0["ratio_to_openssl"] as? Double ?? 0) > 0
                    && ($0["peer"] as? String)?.hasPrefix("OpenSSL 3") == true
            })
        let table = try s.pkjwt("bench", "--keys", "1", "--seconds", "0.05", "--compare", "openssl")
        #expect(table.stdout.hasPrefix("peer: OpenSSL 3") && table.stdout.contains("ours/openssl"), "\(table.stdout)")
    }

    @Test("a libcrypto that does not load, or is not libcrypto, is named in one line")
    func benchCompareWithoutLibcrypto() throws {
        let s = try Scratch()
        let arguments = ["bench", "--keys", "1", "--seconds", "0.05", "--compare", "openssl"]
        let missing = try s.run(arguments, environment: ["PKJWT_LIBCRYPTO": s.path("no-such-libcrypto.so")])
        expectExplainedFailure(missing, mentioning: "needs OpenSSL 3's libcrypto, which did not load")
        #expect(missing.stderr.contains("set PKJWT_LIBCRYPTO"))
        // libgmp loads but has none of libcrypto's entry points.
        let places: [String] = [
            "/usr/lib/x86_64-linux-gnu/libgmp.so.10", "/usr/lib/aarch64-linux-gnu/libgmp.so.10",
            "/opt/homebrew/lib/libgmp.dylib", "/usr/local/lib/libgmp.dylib",
        ]
        let gmp = places.first { FileManager.default.isReadableFile(atPath: $0) }
        let other = try s.run(arguments, environment: ["PKJWT_LIBCRYPTO": try #require(gmp)])
        expectExplainedFailure(other, mentioning: "has no EVP_PKEY_CTX_new")
    }
}
