// Which rule an encoding broke, as data: the reasons `PrivateKeyJWTError` carries for DER, base64,
// PEM and OpenSSH input, and for an algorithm this module does not implement. Each case's text is
// derived here, once; tests and callers match the case, never the words.

extension PrivateKeyJWTError {
    /// The X.690 DER rule an element broke.
    public enum DERRule: Equatable, Sendable, CustomStringConvertible {
        /// The input ends where the element should start.
        case missing
        /// X.690 §8.1.2: another tag than the structure has there.
        case unexpectedTag(expected: UInt8, found: UInt8)
        /// The length says more octets than the input holds.
        case lengthPastEnd(Int)
        /// The input ends after the tag.
        case missingLength
        /// X.690 §10.1: DER has no indefinite form.
        case indefiniteLength
        /// A length of more than four octets (no key is that large).
        case lengthTooLarge(octets: Int)
        /// The long form's octets run past the input.
        case truncatedLength
        /// X.690 §10.1: the long form for a length below 128, or a leading zero octet.
        case nonMinimalLength
        /// X.690 §8.3.1: an INTEGER has one or more content octets.
        case emptyInteger
        /// X.690 §8.3.2: the first nine bits all zeros (0x00) or all ones (0xFF).
        case nonMinimalInteger(leading: UInt8)
        /// A negative INTEGER where a key member or version is.
        case negativeInteger
        /// A version INTEGER other than the one the structure defines; `found` nil when it is large.
        case unexpectedVersion(found: UInt64?, expected: UInt8)
        /// X.690 §8.8.2: NULL has no contents.
        case nullWithContents
        /// X.690 §8.6.2.2: a key's BIT STRING has no unused bits.
        case unusedBits
        /// Octets after the last element a structure defines.
        case trailingBytes(Int)

        public var description: String {
            switch self {
            case .missing: "missing (input ends)"
            case .unexpectedTag(let expected, let found):
                "expected tag 0x\(hexByte(expected)), found 0x\(hexByte(found))"
            case .lengthPastEnd(let length): "length \(length) runs past the end of the input"
            case .missingLength: "missing length"
            case .indefiniteLength: "indefinite length is not DER"
            case .lengthTooLarge(let octets): "length of \(octets) octets is too large"
            case .truncatedLength: "truncated length"
            case .nonMinimalLength: "length is not minimally encoded"
            case .emptyInteger: "INTEGER with no content octets"
            case .nonMinimalInteger(let leading):
                "INTEGER is not minimally encoded (leading 0x\(hexByte(leading, uppercase: true)))"
            case .negativeInteger: "INTEGER is negative"
            case .unexpectedVersion(let found, let expected):
                "is \(found.map { String($0) } ?? "a large value"), expected \(expected)"
            case .nullWithContents: "NULL with contents"
            case .unusedBits: "BIT STRING must have 0 unused bits"
            case .trailingBytes(let count): "\(count) unexpected trailing byte(s)"
            }
        }
    }

    /// The RFC 4648 rule a base64 or base64url text broke.
    public enum Base64Rule: Equatable, Sendable, CustomStringConvertible {
        /// §4: padded base64 comes in groups of four characters.
        case lengthNotMultipleOfFour(Int)
        /// §3.2 and §5: a length of 1 mod 4 cannot come from whole bytes.
        case lengthOneModFour(Int)
        /// §3.3: a character outside the alphabet (padding in the middle included).
        case outsideAlphabet(character: UInt8, offset: Int)
        /// A last group of one character.
        case danglingCharacter
        /// §3.5: canonical encodings leave the spare bits zero.
        case nonZeroSpareBits

        public var description: String {
            switch self {
            case .lengthNotMultipleOfFour(let count): "length \(count) is not a multiple of 4"
            case .lengthOneModFour(let count): "length \(count) cannot be base64url"
            case .outsideAlphabet(let character, let offset):
                "character \(shown(character)) at offset \(offset) is not in the alphabet"
            case .danglingCharacter: "dangling final character"
            case .nonZeroSpareBits: "non-zero spare bits in the final character (not canonical)"
            }
        }
    }

    /// The RFC 7468 rule a PEM text broke, or a label this module does not take there.
    public enum PEMRule: Equatable, Sendable, CustomStringConvertible {
        case noBeginLine
        /// §2: '-----BEGIN <label>-----' alone on its line. The line is never quoted: a key pasted
        /// with literal "\n" sits on it whole.
        case malformedBeginLine
        case noEndLine(label: String)
        /// §2: the END label repeats the BEGIN label.
        case endLabelMismatch(label: String)
        /// RFC 1421-style headers: an encrypted key.
        case encrypted
        case damagedBody(label: String, Base64Rule)
        case emptyBlock(label: String)
        /// The label names one structure and the content is another.
        case labelContradictsContent(label: String, content: String, contentLabel: String)
        /// Not one of the four key labels.
        case unknownLabel(String)
        /// A private key's label where a public key is asked for.
        case notPublicKeyLabel(String)
        /// A public key's label (or another) where a private key is asked for.
        case notPrivateKeyLabel(String)

        public var description: String {
            switch self {
            case .noBeginLine: "no '-----BEGIN' line found"
            case .malformedBeginLine:
                "malformed BEGIN line: expected '-----BEGIN <label>-----' alone on its line (RFC 7468 §2)"
            case .noEndLine(let label): "no '-----END \(label)-----' line: the file is truncated"
            case .endLabelMismatch(let label): "the END line does not match '-----BEGIN \(label)-----'"
            case .encrypted:
                "encrypted or header-carrying PEM is not supported; decrypt it first (openssl pkey -in KEY -out PLAIN)"
            case .damagedBody(let label, let rule): "the Base64 body of '\(label)' is damaged (invalid base64: \(rule))"
            case .emptyBlock(let label): "empty '\(label)' block"
            case .labelContradictsContent(let label, let content, let contentLabel):
                "label '\(label)' does not match its content, which is a \(content) (label \(contentLabel)); if the "
                    + "content is right, make the BEGIN and END lines say \(contentLabel)"
            case .unknownLabel(let label):
                "label '\(label)' is not a key this module reads (PRIVATE KEY, RSA PRIVATE KEY, PUBLIC KEY, RSA "
                    + "PUBLIC KEY)"
            case .notPublicKeyLabel(let label):
                "label '\(label)' is not a public key (expected PUBLIC KEY or RSA PUBLIC KEY)"
            case .notPrivateKeyLabel(let label):
                "label '\(label)' is not a private key (expected PRIVATE KEY or RSA PRIVATE KEY)"
            }
        }
    }

    /// The RFC 4253 §6.6 / RFC 4251 §5 rule an `ssh-rsa` line broke; `field` names the blob's member.
    public enum OpenSSHRule: Equatable, Sendable, CustomStringConvertible {
        case notKeyLine
        case damagedBlob(Base64Rule)
        /// The blob's own key type is not the line's 'ssh-rsa'.
        case keyTypeContradictsLine
        case trailingBytes(Int)
        case truncatedLength(field: String)
        case lengthPastEnd(field: String, length: Int)
        /// RFC 4251 §5: an mpint of no octets is zero, which no key member is.
        case zero(field: String)
        case negative(field: String)
        /// RFC 4251 §5: "Unnecessary leading bytes with the value 0 ... MUST NOT be included."
        case leadingZero(field: String)

        public var description: String {
            switch self {
            case .notKeyLine: "expected 'ssh-rsa <base64> [comment]'"
            case .damagedBlob(let rule): "the base64 key blob is damaged (invalid base64: \(rule))"
            case .keyTypeContradictsLine: "the blob's key type is not 'ssh-rsa' (it disagrees with the line)"
            case .trailingBytes(let count): "\(count) trailing byte(s) in the blob"
            case .truncatedLength(let field): "\(field): truncated length"
            case .lengthPastEnd(let field, let length): "\(field): length \(length) runs past the blob"
            case .zero(let field): "\(field) is zero"
            case .negative(let field): "\(field) is negative"
            case .leadingZero(let field): "\(field) has an unnecessary leading zero byte"
            }
        }
    }

    /// What names an algorithm or key type this module does not implement (RSA and RS256 only).
    public enum Unsupported: Equatable, Sendable, CustomStringConvertible {
        /// PKCS#8 or SPKI with id-RSASSA-PSS (RFC 4055 §3.1).
        case rsassaPSSKey
        /// An AlgorithmIdentifier other than rsaEncryption (RFC 8017 App. C).
        case keyAlgorithm
        /// An OpenSSH line of another type; `type` is nil when too long to show.
        case openSSHKeyType(String?)
        /// An id-ecPublicKey key on a curve other than P-256 (prime256v1), or with no named curve.
        case ecCurve
        /// A JWK `kty` other than RSA (RFC 7518 §6.1).
        case jwkKeyType(String)
        /// A JWK `alg` other than RS256.
        case jwkAlgorithm(String)
        /// A JWS `alg` other than RS256 (the header's value as JSON, or nil when absent).
        case jwsAlgorithm(String?)
        /// A JWS `alg` other than ES256 for a P-256 key.
        case es256Algorithm(String?)
        /// RFC 7518 §3.3: RS256 keys are 2048 bits or more.
        case smallRS256Key(bits: Int, minimum: Int)

        public var description: String {
            switch self {
            case .rsassaPSSKey: "RSASSA-PSS key (OID 1.2.840.113549.1.1.10); RS256 here takes rsaEncryption keys only"
            case .keyAlgorithm: "key algorithm OID is not rsaEncryption (1.2.840.113549.1.1.1)"
            case .ecCurve: "EC key on a curve other than P-256 (prime256v1, 1.2.840.10045.3.1.7)"
            case .openSSHKeyType(let type): "OpenSSH key type '\(type ?? "…")'; only ssh-rsa keys are RSA"
            case .jwkKeyType(let kty): "JWK key type \"\(kty)\"; only \"RSA\" keys are supported"
            case .jwkAlgorithm(let alg): "JWK \"alg\" is \"\(alg)\"; this module signs and verifies RS256 only"
            case .jwsAlgorithm(let alg): "JWS \"alg\" must be \"RS256\" for an RSA key; found \(alg ?? "none")"
            case .es256Algorithm(let alg): "JWS \"alg\" must be \"ES256\" for a P-256 key; found \(alg ?? "none")"
            case .smallRS256Key(let bits, let minimum):
                "RS256 needs a key of at least \(minimum) bits (RFC 7518 §3.3); this one has \(bits)"
            }
        }
    }
}

/// Two hex digits.
private func hexByte(_ byte: UInt8, uppercase: Bool = false) -> String {
    let digits = String(byte, radix: 16, uppercase: uppercase)
    return digits.count == 1 ? "0" + digits : digits
}

/// A character as a message shows it: printable ASCII quoted, anything else in hex.
private func shown(_ character: UInt8) -> String {
    (0x21...0x7e).contains(character) ? "'\(Character(UnicodeScalar(character)))'" : "0x" + hexByte(character)
}
