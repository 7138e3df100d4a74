// I2OSP and OS2IP, RFC 8017 §4.1 and §4.2, between BigNum and big-endian bytes.

import CGMP

extension BigNum {
    /// OS2IP (RFC 8017 §4.2): the non-negative integer whose big-endian bytes are `octets`.
    /// - Timing: depends on the length of `octets` only (GMP's mpz_import reads every byte once).
    convenience init(octets: [UInt8]) {
        self.init(build: { r in
            octets.withUnsafeBytes { buf in
                guard let base = buf.baseAddress else { return }
                // order 1 = most significant word first, size 1 byte, endian 0 = native for bytes, nails 0.
                __gmpz_import(r, buf.count, 1, 1, 0, 0, base)
            }
        })
    }

    /// I2OSP (RFC 8017 §4.1): exactly `length` big-endian bytes, or nil when x ≥ 256^length
    /// ("integer too large") or x < 0.
    /// - Timing: depends on the bit length of self and on `length`; no branch on other bits.
    func octets(length: Int) -> [UInt8]? {
        guard sign >= 0 else { return nil }
        let needed = (bitWidth + 7) / 8
        // RFC 8017 §4.1 step 1: if x ≥ 256^xLen, output "integer too large".
        guard needed <= length else { return nil }
        var out = [UInt8](repeating: 0, count: length)
        guard needed > 0 else { return out }
        out.withUnsafeMutableBytes { buf in
            var written = 0
            withRaw { x in _ = __gmpz_export(buf.baseAddress! + (length - needed), &written, 1, 1, 0, 0, x) }
            precondition(written == needed)
        }
        return out
    }

    /// The shortest big-endian bytes of a non-negative value (one 0x00 byte for zero).
    var minimalOctets: [UInt8] { octets(length: max(1, (bitWidth + 7) / 8))! }
}
