import Testing

@testable import PrivateKeyJWT
@testable import PrivateKeyJWTIFMA

@Suite("RSAPrivateKey.preferringAVX512IFMA: same signatures, and no signature from a faulty key")
struct RSAPrivateKeyIFMATests {
    static let key = try! RSAPrivateKey(generatingBits: 2048)

    @Test(
        "the IFMA path signs RSA-2048 keys where the CPU has it, with the core's signatures",
        .enabled(if: IFMAFixtures.cpuHasIFMA))
    func sameSignatures() throws {
        let fast = Self.key.preferringAVX512IFMA()
        #expect(
            fast.signingEngine.hasPrefix("AVX-512 IFMA") && fast.publicKey.verifyingEngine.hasPrefix("AVX-512 IFMA"))
        #expect(
            Self.key.signingEngine.hasPrefix("portable") && Self.key.publicKey.verifyingEngine.hasPrefix("portable"))
        for message in ["", "a", String(repeating: "x", count: 1000)] {
            let digest = SHA256.hash(data: Array(message.utf8))
            #expect(try fast.signature(digest: digest) == Self.key.signature(digest: digest))
            #expect(try Self.key.publicKey.isValidSignature(fast.signature(digest: digest), digest: digest))
            #expect(try fast.publicKey.isValidSignature(Self.key.signature(digest: digest), digest: digest))
            var wrong = try Self.key.signature(digest: digest)
            wrong[7] ^= 1
            #expect(!fast.publicKey.isValidSignature(wrong, digest: digest))
        }
    }

    @Test("a CPU without IFMA, or a key of another width, keeps the core's code") func fallback() throws {
        let wide = try RSAPrivateKey(generatingBits: 3072).preferringAVX512IFMA()
        #expect(wide.signingEngine.hasPrefix("portable"))
        if !IFMAFixtures.cpuHasIFMA { #expect(Self.key.preferringAVX512IFMA().signingEngine.hasPrefix("portable")) }
        let digest = SHA256.hash(data: [1, 2, 3])
        #expect(try wide.publicKey.isValidSignature(wide.signature(digest: digest), digest: digest))
    }

    @Test(
        "a corrupted CRT value on the IFMA path is caught: signingFault, nothing released",
        .enabled(if: IFMAFixtures.cpuHasIFMA), arguments: ["dP", "dQ", "qInv"])
    func fault(_ field: String) throws {
        let c = Self.key.components
        let faulty = RSAPrivateComponents(
            n: c.n, e: c.e, d: c.d, p: c.p, q: c.q, dP: field == "dP" ? c.dP + 1 : c.dP,
            dQ: field == "dQ" ? c.dQ + 1 : c.dQ, qInv: field == "qInv" ? c.qInv + 1 : c.qInv)
        let signer = CRTSigner(faulty, engine: IFMAExponentiation())
        #expect(signer.exponentiationName.hasPrefix("AVX-512 IFMA"))
        var random = SecureRandom()
        #expect(throws: PrivateKeyJWTError.signingFault) {
            try signer.sign(IFMAFixtures.random(bits: 2040), blinding: &random)
        }
    }
}

@Suite("RSAPrivateKey.generatedPreferringAVX512IFMA: the same key for the same candidate stream")
struct RSAPrivateKeyGenerationIFMATests {
    @Test("replayed candidates give the same key with and without IFMA, and it signs on IFMA") func sameKey() throws {
        var c1 = DeterministicRandom(seed: Array("ifma keygen".utf8)), b1 = SecureRandom()
        var c2 = DeterministicRandom(seed: Array("ifma keygen".utf8)), b2 = SecureRandom()
        let fast = try RSAPrivateKey.generatedPreferringAVX512IFMA(bits: 2048, candidates: &c1, bases: &b1)
        let plain = try RSAPrivateKey(generatingBits: 2048, candidates: &c2, bases: &b2)
        #expect(fast.publicKey == plain.publicKey)
        let engine = RSAPrivateKey.avx512IFMAIsAvailable ? "AVX-512 IFMA" : "portable"
        #expect(fast.signingEngine == engine)
        let digest = SHA256.hash(data: [7])
        #expect(try fast.signature(digest: digest) == plain.signature(digest: digest))
    }

    @Test("3072-bit keys (1536-bit candidates) fall back to GMP's test and still generate") func wider() throws {
        let key = try RSAPrivateKey.generatedPreferringAVX512IFMA(bits: 3072)
        #expect(key.publicKey.modulusBitCount == 3072 && key.signingEngine == "portable")
    }
}
