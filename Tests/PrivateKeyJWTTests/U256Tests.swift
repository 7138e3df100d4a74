import Testing

@testable import PrivateKeyJWT

@Suite("U256: limbs, bytes, masks, bit windows and GMP's inverse")
struct U256Tests {
    @Test("bytes round-trip; masks for zero, equality and order")
    func limbs() {
        let bytes = (0..<32).map { UInt8($0 * 7 + 1) }
        let x = U256(bigEndian: bytes)
        #expect(x.bigEndianBytes == bytes)
        #expect(x.l3 >> 56 == 1 && x.l0 & 0xFF == 218)
        #expect(U256.zero.isZeroMask == UInt.max && x.isZeroMask == 0)
        #expect(U256.equalMask(x, x) == UInt.max && U256.equalMask(x, .one) == 0)
        #expect(U256.lessThanMask(.one, x) == UInt.max && U256.lessThanMask(x, x) == 0)
        #expect(x.bits(from: 0, count: 4) == 0xA && x.bitAt(0) == 0 && x.bitAt(1) == 1)
        // Across a limb boundary, and past bit 255.
        let y = U256(l0: 0xC000_0000_0000_0000, l1: 0x5, l2: 0, l3: 0x8000_0000_0000_0000)
        #expect(y.bits(straddling: 62, count: 7) == 0b1_0111 && y.bits(straddling: 251, count: 7) == 0b1_0000)
        #expect(y.bits(straddling: 257, count: 7) == 0 && y.bits(straddling: 0, count: 64) == y.l0)
    }

    @Test(
        "the variable-time inverse (GMP) is the Montgomery inverse's ordinary value; 0 gives 0",
        arguments: [Modulus256(P256Field.p), P256.order])
    func inverseVarTime(modulus: Modulus256) {
        for a in Field256Tests.samples(below: modulus.m) where a.isZeroMask == 0 {
            let expected = modulus.ordinaryForm(modulus.inverse(modulus.montgomeryForm(a)))
            #expect(U256.equalMask(a.inverseVarTime(modulo: modulus.m), expected) != 0)
        }
        #expect(U256.zero.inverseVarTime(modulo: modulus.m).isZeroMask != 0)
    }
}
