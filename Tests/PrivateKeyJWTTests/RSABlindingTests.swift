import Dispatch
import Synchronization
import Testing

@testable import PrivateKeyJWT

/// The blinding pairs: renewed by squaring between signatures, a fresh r every 32, right from any thread.
@Suite("RSABlinding (pairs renewed by squaring, a fresh r every 32 signatures)")
struct RSABlindingTests {
    static let key = try! KeyFixtures.key(bits: 2048)

    /// Secure random bytes, counting the draws.
    struct CountingRandom: RandomBytesSource {
        var draws = 0
        var source = SecureRandom()
        mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(PrivateKeyJWTError) {
            draws += 1
            try source.fill(buffer)
        }
    }

    @Test("70 signatures draw three fresh pairs (r and b each), and every one is m^d mod n") func renewal() throws {
        let c = Self.key.components
        let signer = CRTSigner(c)
        var random = CountingRandom()
        for i in 0..<70 {
            let m = KeyFixtures.random(bits: 2040)
            #expect(try signer.sign(m, blinding: &random) == m.powerVarTime(c.d, modulus: c.n), "signature \(i)")
        }
        // Signatures 1, 33 and 65 draw; the others square the pair they find.
        #expect(random.draws == 3 * 2)
    }

    @Test("one signer used from many threads at once gives m^d mod n every time") func concurrent() {
        let c = Self.key.components
        let signer = CRTSigner(c)
        let inputs = (0..<48).map { _ in KeyFixtures.random(bits: 2040) }
        let expected = inputs.map { $0.powerVarTime(c.d, modulus: c.n) }
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
            var random = SecureRandom()
            if (try? signer.sign(inputs[i], blinding: &random)) != expected[i] { wrong.withLock { $0 += 1 } }
        }
        #expect(wrong.withLock { $0 } == 0)
    }

    @Test("a failing random source fails the first signature with the source's error") func failingSource() {
        struct Broken: RandomBytesSource {
            mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(PrivateKeyJWTError) {
                throw .randomUnavailable(errno: 5)
            }
        }
        var broken = Broken()
        #expect(throws: PrivateKeyJWTError.randomUnavailable(errno: 5)) {
            try CRTSigner(Self.key.components).sign(BigNum(2), blinding: &broken)
        }
    }
}
