import Testing

@testable import PrivateKeyJWT

/// The generated, unrolled kernels (MontgomeryKernels.swift) against the loops they unroll
/// (MontgomeryModulus.multiplyColumns and .squareColumns, then the masked subtraction): every limb.
@Suite("Unrolled Montgomery kernels equal the loops")
struct MontgomeryKernelsTests {
    typealias Kernel = (UnsafePointer<UInt>, UnsafePointer<UInt>, UInt, UnsafeMutablePointer<UInt>) -> UInt

    /// A random odd modulus with its top bit set, and one just below R (R − x for a 100-bit odd x),
    /// whose results before the final subtraction reach R often, so that the carry is 1.
    static func moduli(width: Int) -> [BigNum] {
        let odd = { (x: BigNum) in x.testBitVarTime(0) ? x : x + 1 }
        let random = odd(KeyFixtures.random(bits: 64 * width - 2) + BigNum.powerOfTwo(64 * width - 1))
        let nearR = odd(BigNum.powerOfTwo(64 * width) - KeyFixtures.random(bits: 100) - 2)
        return [random, nearR]
    }

    /// The result of the loops: REDC(x) and the final subtraction, with the carry that went into it.
    static func loops(_ domain: MontgomeryModulus, _ columns: (UnsafeMutablePointer<UInt>) -> UInt) -> ([UInt], UInt) {
        let width = domain.count
        let scratch = LimbBuffer(count: 2 * width + 1), r = LimbBuffer(count: width)
        let carry = columns(scratch.base)
        domain.subtractModulus(r.base, scratch.base + width, carry: carry)
        return (Array(UnsafeBufferPointer(start: r.base, count: width)), carry)
    }

    /// The result of one kernel run.
    static func kernel(width: Int, _ body: (UnsafeMutablePointer<UInt>) -> Void) -> [UInt] {
        let r = LimbBuffer(count: width)
        body(r.base)
        return Array(UnsafeBufferPointer(start: r.base, count: width))
    }

    @Test("multiply and square, every limb and the carry", arguments: [16, 24, 32])
    func kernels(width: Int) {
        var carries = 0
        for m in Self.moduli(width: width) {
            let domain = MontgomeryModulus(LimbBuffer(m, count: width), count: width)
            let modulus = domain.modulus.base, m0 = domain.inverseNegated
            let values = MontgomeryModulusTests.operands(below: m, count: 6).map { LimbBuffer($0, count: width) }
            for a in values {
                for b in values {
                    let loops = Self.loops(domain) { domain.multiplyColumns(a.base, b.base, $0) }
                    let unrolled = Self.kernel(width: width) { r in
                        switch width {
                        case 16: MontgomeryModulus.multiply16(r, a.base, b.base, modulus, m0)
                        case 24: MontgomeryModulus.multiply24(r, a.base, b.base, modulus, m0)
                        default: MontgomeryModulus.multiply32(r, a.base, b.base, modulus, m0)
                        }
                    }
                    #expect(loops.0 == unrolled, "multiply, width \(width)")
                    carries += Int(loops.1)
                }
                let loops = Self.loops(domain) { domain.squareColumns(a.base, $0) }
                let unrolled = Self.kernel(width: width) { r in
                    switch width {
                    case 16: MontgomeryModulus.square16(r, a.base, modulus, m0)
                    case 24: MontgomeryModulus.square24(r, a.base, modulus, m0)
                    default: MontgomeryModulus.square32(r, a.base, modulus, m0)
                    }
                }
                #expect(loops.0 == unrolled, "square, width \(width)")
                carries += Int(loops.1)
            }
        }
        // The carry path ran: a kernel that dropped the carry would have differed above (a carry of 1
        // means the result before the subtraction was ≥ R, which only the subtraction brings below m).
        #expect(carries > 0)
    }
}
