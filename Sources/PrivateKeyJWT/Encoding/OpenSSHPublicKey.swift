// The OpenSSH public-key line for RSA: "ssh-rsa <base64(blob)> [comment]", with the blob of
// RFC 4253 §6.6:
//
//   string    "ssh-rsa"
//   mpint     e
//   mpint     n
//
// where string = uint32 length || bytes, and mpint (RFC 4251 §5) = a string holding the two's
// complement big-endian value with no unnecessary leading bytes.

enum OpenSSHPublicKey {
    private static let keyType = Array("ssh-rsa".utf8)

    /// The one-line form, e.g. "ssh-rsa AAAAB3Nza... comment".
    static func line(_ key: RSAPublicComponents, comment: String?) -> String {
        let blob = string(keyType) + string(mpint(key.e)) + string(mpint(key.n))
        return "ssh-rsa " + Base64.encode(blob) + (comment.map { " " + $0 } ?? "")
    }

    /// Parses one line; the comment, if any, is ignored.
    /// - Timing: variable time; inputs are public.
    static func parse(_ line: String) throws(PrivateKeyJWTError) -> RSAPublicComponents {
        let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard fields.count >= 2 else { throw .invalidOpenSSHKey(.notKeyLine) }
        guard fields[0] == "ssh-rsa" else {
            throw .unsupportedAlgorithm(.openSSHKeyType(fields[0].count <= 32 ? String(fields[0]) : nil))
        }
        let blob: [UInt8]
        do { blob = try Base64.decode(String(fields[1])) } catch {
            guard case .invalidBase64(let rule) = error else { throw error }
            throw .invalidOpenSSHKey(.damagedBlob(rule))
        }
        var reader = Reader(bytes: blob)
        guard try reader.string("key type") == keyType else {
            throw .invalidOpenSSHKey(.keyTypeContradictsLine)
        }
        let e = try reader.mpint("e"), n = try reader.mpint("n")
        guard reader.offset == blob.count else {
            throw .invalidOpenSSHKey(.trailingBytes(blob.count - reader.offset))
        }
        return RSAPublicComponents(n: BigNum(octets: n), e: BigNum(octets: e))
    }

    private static func string(_ bytes: [UInt8]) -> [UInt8] {
        let n = UInt32(bytes.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + bytes
    }

    // RFC 4251 §5: a positive value whose top bit is set gets a leading zero byte; zero is empty.
    private static func mpint(_ x: BigNum) -> [UInt8] {
        guard x.sign > 0 else { return [] }
        let bytes = x.minimalOctets
        return bytes[0] & 0x80 != 0 ? [0] + bytes : bytes
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func string(_ what: String) throws(PrivateKeyJWTError) -> [UInt8] {
            guard bytes.count - offset >= 4 else { throw .invalidOpenSSHKey(.truncatedLength(field: what)) }
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            offset += 4
            guard length <= bytes.count - offset else {
                throw .invalidOpenSSHKey(.lengthPastEnd(field: what, length: length))
            }
            defer { offset += length }
            return Array(bytes[offset..<offset + length])
        }

        mutating func mpint(_ what: String) throws(PrivateKeyJWTError) -> [UInt8] {
            let value = try string(what)
            guard let first = value.first else { throw .invalidOpenSSHKey(.zero(field: what)) }
            guard first & 0x80 == 0 else { throw .invalidOpenSSHKey(.negative(field: what)) }
            // RFC 4251 §5: "Unnecessary leading bytes with the value 0 ... MUST NOT be included."
            if first == 0 && (value.count == 1 || value[1] & 0x80 == 0) {
                throw .invalidOpenSSHKey(.leadingZero(field: what))
            }
            return first == 0 ? Array(value.dropFirst()) : value
        }
    }
}
