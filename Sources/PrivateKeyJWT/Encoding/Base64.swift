// Base64 (RFC 4648 §4, padded, for PEM) and base64url (RFC 4648 §5, unpadded, for JOSE), strict.

/// Strict Base64 codecs: canonical input only, so every byte string has exactly one accepted text.
public enum Base64 {
    private static let standardAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let urlAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Base64 with padding (RFC 4648 §4).
    /// - Timing: indexes a table by data bits; used for public data and for PEM of private keys alike
    ///   (like every PEM writer), noted in SECURITY.md.
    public static func encode(_ bytes: [UInt8]) -> String { encode(bytes, alphabet: standardAlphabet, pad: true) }

    /// Base64url without padding (RFC 4648 §5; RFC 7515 §2 "Base64url Encoding").
    /// - Timing: as `encode`.
    public static func urlEncode(_ bytes: [UInt8]) -> String { encode(bytes, alphabet: urlAlphabet, pad: false) }

    /// Decodes padded standard Base64: length a multiple of 4, padding only at the end, zero spare bits.
    /// - Timing: indexes a table by the characters (as `encode`); errors depend on where input is bad.
    public static func decode(_ text: String) throws(PrivateKeyJWTError) -> [UInt8] {
        let chars = Array(text.utf8)
        guard chars.count % 4 == 0 else { throw .invalidBase64(.lengthNotMultipleOfFour(chars.count)) }
        let padding = chars.suffix(2).reversed().prefix { $0 == UInt8(ascii: "=") }.count
        return try decode(chars.dropLast(padding), alphabet: standardAlphabet)
    }

    /// Decodes unpadded base64url: RFC 7515 §2 forbids padding; no other characters allowed.
    /// - Timing: as `decode`.
    public static func urlDecode(_ text: String) throws(PrivateKeyJWTError) -> [UInt8] {
        let chars = Array(text.utf8)
        // RFC 4648 §3.2: a length of 1 mod 4 cannot come from whole bytes.
        guard chars.count % 4 != 1 else { throw .invalidBase64(.lengthOneModFour(chars.count)) }
        return try decode(chars[...], alphabet: urlAlphabet)
    }

    private static func encode(_ bytes: [UInt8], alphabet: [UInt8], pad: Bool) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let chunk = Array(bytes[i..<min(i + 3, bytes.count)])
            let word =
                UInt32(chunk[0]) << 16 | UInt32(chunk.count > 1 ? chunk[1] : 0) << 8
                | UInt32(chunk.count > 2 ? chunk[2] : 0)
            let produced = chunk.count + 1
            for k in 0..<4 {
                if k < produced {
                    out.append(alphabet[Int((word >> UInt32(18 - 6 * k)) & 0x3f)])
                } else if pad {
                    out.append(UInt8(ascii: "="))
                }
            }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func decode(_ chars: ArraySlice<UInt8>, alphabet: [UInt8]) throws(PrivateKeyJWTError) -> [UInt8] {
        var table = [Int16](repeating: -1, count: 256)
        for (value, char) in alphabet.enumerated() { table[Int(char)] = Int16(value) }
        var out = [UInt8]()
        out.reserveCapacity(chars.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for (offset, char) in chars.enumerated() {
            let value = table[Int(char)]
            guard value >= 0 else {
                throw .invalidBase64(.outsideAlphabet(character: char, offset: offset))
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // RFC 4648 §3.5: canonical encodings have zero pad bits.
        guard chars.count % 4 != 1 else { throw .invalidBase64(.danglingCharacter) }
        guard accumulator == 0 else {
            throw .invalidBase64(.nonZeroSpareBits)
        }
        return out
    }
}
