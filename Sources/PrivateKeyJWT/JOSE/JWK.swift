// JSON Web Keys: RFC 7517 §4 members, RFC 7518 §6.3 RSA parameters (EC ones: JWK+P256.swift), RFC 7638
// thumbprints.

import Foundation

/// A JSON Web Key with the RSA members of RFC 7518 §6.3, the EC members of §6.2 and the common members
/// of RFC 7517 §4. Property names are the spec's member names; "d" is RSA's or EC's private member.
public struct JWK: Codable, Equatable, Sendable {
    public var kty: String
    public var n: String?, e: String?
    public var crv: String?, x: String?, y: String?
    public var d: String?, p: String?, q: String?, dp: String?, dq: String?, qi: String?
    public var kid: String?, alg: String?, use: String?
    public var key_ops: [String]?
    /// RFC 7518 §6.3.2.7: other primes (multi-prime keys) — refused when present.
    public var oth: [JSONValue]?

    /// A JWK from its members as given (validated only when a key is taken from it).
    public init(
        kty: String, n: String? = nil, e: String? = nil, kid: String? = nil, alg: String? = nil, use: String? = nil
    ) {
        self.kty = kty
        self.n = n
        self.e = e
        self.kid = kid
        self.alg = alg
        self.use = use
    }

    /// The public JWK of `key`, with the members a registration carries (RFC 7517 §4.2-4.5).
    public init(publicKey key: RSAPublicKey, kid: String? = nil, alg: String? = "RS256", use: String? = "sig") {
        self.init(
            kty: "RSA", n: Base64.urlEncode(key.modulus), e: Base64.urlEncode(key.publicExponent), kid: kid, alg: alg,
            use: use)
    }

    /// The private JWK of `key` with every CRT member (RFC 7518 §6.3.2).
    /// - Timing: variable time in component lengths; base64 indexes a table by data bits.
    public init(privateKey key: RSAPrivateKey, kid: String? = nil, alg: String? = "RS256", use: String? = "sig") {
        self.init(publicKey: key.publicKey, kid: kid, alg: alg, use: use)
        let c = key.components
        d = Base64.urlEncode(c.d.minimalOctets)
        p = Base64.urlEncode(c.p.minimalOctets)
        q = Base64.urlEncode(c.q.minimalOctets)
        dp = Base64.urlEncode(c.dP.minimalOctets)
        dq = Base64.urlEncode(c.dQ.minimalOctets)
        qi = Base64.urlEncode(c.qInv.minimalOctets)
    }

    /// Parses one JWK from JSON; a repeated member name is refused (RFC 7517 §4: "MUST be unique").
    /// A JSON failure in a JWK's or JWK Set's text, as the JWK refusal it is.
    static func jsonRefusal(_ error: PrivateKeyJWTError) -> PrivateKeyJWTError {
        guard case .invalidJSON(let failure) = error else { return error }
        return .invalidJWK(.json(failure))
    }

    public init(jsonRepresentation bytes: [UInt8]) throws(PrivateKeyJWTError) {
        let value: JSONValue
        do { value = try JSONReader.parse(bytes) } catch { throw Self.jsonRefusal(error) }
        try self.init(json: value)
    }

    /// A JWK from a parsed JSON object: string members as strings, "key_ops" an array of strings.
    init(json value: JSONValue) throws(PrivateKeyJWTError) {
        guard case .object(let members) = value, case .string(let kty)? = members["kty"] else {
            throw .invalidJWK(.notAJWK)
        }
        func string(_ name: String) throws(PrivateKeyJWTError) -> String? {
            switch members[name] {
            case nil: return nil
            case .string(let text)?: return text
            default: throw .invalidJWK(.notString(member: name))
            }
        }
        self.init(
            kty: kty, n: try string("n"), e: try string("e"), kid: try string("kid"), alg: try string("alg"),
            use: try string("use"))
        (d, p, q, dp, dq, qi) = (
            try string("d"), try string("p"), try string("q"), try string("dp"), try string("dq"), try string("qi")
        )
        (crv, x, y) = (try string("crv"), try string("x"), try string("y"))
        switch members["key_ops"] {
        case nil: key_ops = nil
        case .array(let list)?:
            let names = list.compactMap(\.stringValue)
            // RFC 7517 §4.3: an array of strings; "Duplicate key operation values MUST NOT be present".
            guard names.count == list.count, Set(names).count == names.count else {
                throw .invalidJWK(.keyOpsNotDistinctStrings)
            }
            key_ops = names
        default: throw .invalidJWK(.keyOpsNotDistinctStrings)
        }
        switch members["oth"] {
        case nil: oth = nil
        case .array(let list)?: oth = list
        default: throw .invalidJWK(.othNotArray)
        }
    }

    /// Compact JSON with sorted members.
    public var jsonRepresentation: [UInt8] { sortedJSON(self) }

    /// True when the JWK carries a private exponent.
    public var isPrivate: Bool { d != nil }

    /// The RSA public key; the JWK must be an RSA key usable for RS256 signatures.
    public func rsaPublicKey() throws(PrivateKeyJWTError) -> RSAPublicKey {
        try checkUsableForRS256(operation: "verify")
        return try RSAPublicKey(modulus: Self.uint(n, "n"), publicExponent: Self.uint(e, "e"))
    }

    /// The RSA private key: all CRT members (RFC 7518 §6.3.2.2-6), or "d" alone (primes recovered).
    public func rsaPrivateKey() throws(PrivateKeyJWTError) -> RSAPrivateKey {
        try checkUsableForRS256(operation: "sign")
        guard oth == nil else { throw .invalidJWK(.multiPrime) }
        let crt = [p, q, dp, dq, qi]
        let n = try Self.uint(n, "n"), e = try Self.uint(e, "e"), d = try Self.uint(d, "d")
        if crt.allSatisfy({ $0 == nil }) {
            return try RSAPrivateKey(modulus: n, publicExponent: e, privateExponent: d)
        }
        // RFC 7518 §6.3.2: "if the producer includes any of the other private key parameters, then
        // all of the others MUST be present".
        guard crt.allSatisfy({ $0 != nil }) else {
            throw .invalidJWK(.partialCRT)
        }
        return try RSAPrivateKey(
            modulus: n, publicExponent: e, privateExponent: d, prime1: Self.uint(p, "p"),
            prime2: Self.uint(q, "q"), exponent1: Self.uint(dp, "dp"), exponent2: Self.uint(dq, "dq"),
            coefficient: Self.uint(qi, "qi"))
    }

    /// `operation` is the RFC 7517 §4.3 key_ops value the caller needs: "sign" or "verify".
    private func checkUsableForRS256(operation: String) throws(PrivateKeyJWTError) {
        guard kty == "RSA" else {
            throw .unsupportedAlgorithm(.jwkKeyType(kty))
        }
        // The key fixes the algorithm: an RSA JWK that names another "alg" is not an RS256 key.
        if let alg, alg != "RS256" {
            throw .unsupportedAlgorithm(.jwkAlgorithm(alg))
        }
        if let use, use != "sig" { throw .invalidJWK(.notForSignatures(use: use)) }
        // RFC 7517 §4.3: key_ops lists the operations the key is intended for; honour it.
        if let key_ops, !key_ops.contains(operation) {
            throw .invalidJWK(.operationNotAllowed(operation))
        }
    }

    /// RFC 7518 §2 Base64urlUInt: unpadded base64url of the minimal big-endian octets.
    private static func uint(_ member: String?, _ name: String) throws(PrivateKeyJWTError) -> [UInt8] {
        guard let member else { throw .invalidJWK(.missing(member: name)) }
        let bytes: [UInt8]
        do { bytes = try Base64.urlDecode(member) } catch {
            guard case .invalidBase64(let rule) = error else { throw error }
            throw .invalidJWK(.notBase64URL(member: name, rule))
        }
        guard !bytes.isEmpty else { throw .invalidJWK(.empty(member: name)) }
        // RFC 7518 §2: "MUST utilize the minimum number of octets needed to represent the value".
        guard bytes.count == 1 || bytes[0] != 0 else {
            throw .invalidJWK(.leadingZero(member: name))
        }
        return bytes
    }
}

extension JWK {
    /// The RFC 7638 thumbprint of an RSA or P-256 JWK's members as written (§3: the required members,
    /// their values as they are), without checking that they form a valid key: a name for the key,
    /// not a use of it. nil for another kty or curve, or a required member missing.
    public var memberThumbprint: String? {
        let isBase64URL = { (text: String) in
            !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }
        // RFC 7638 §3.2: the required members in lexicographic order (RSA: e, kty, n; EC: crv, kty, x, y).
        let canonical: String
        if kty == "RSA", let n, let e, isBase64URL(n), isBase64URL(e) {
            canonical = "{\"e\":\"\(e)\",\"kty\":\"RSA\",\"n\":\"\(n)\"}"
        } else if kty == "EC", crv == "P-256", let x, let y, isBase64URL(x), isBase64URL(y) {
            canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"\(x)\",\"y\":\"\(y)\"}"
        } else {
            return nil
        }
        return Base64.urlEncode(SHA256.hash(data: Array(canonical.utf8)).bytes)
    }
}

extension RSAPublicKey {
    /// The RFC 7638 JWK thumbprint: base64url(SHA-256 of {"e":...,"kty":"RSA","n":...}), the
    /// natural `kid` for a key that has no other name.
    public var thumbprint: String {
        // RFC 7638 §3.2: the required members only (e, kty, n for RSA), in lexicographic order,
        // with no whitespace; base64url values contain no characters that need JSON escaping.
        let canonical =
            "{\"e\":\"\(Base64.urlEncode(publicExponent))\",\"kty\":\"RSA\",\"n\":\"\(Base64.urlEncode(modulus))\"}"
        return Base64.urlEncode(SHA256.hash(data: Array(canonical.utf8)).bytes)
    }
}

/// A JWK Set, RFC 7517 §5.
public struct JWKSet: Codable, Equatable, Sendable {
    public var keys: [JWK]

    public init(keys: [JWK]) { self.keys = keys }

    /// Parses a JWK Set; the "keys" member is required (RFC 7517 §5.1).
    public init(jsonRepresentation bytes: [UInt8]) throws(PrivateKeyJWTError) {
        let value: JSONValue
        do { value = try JSONReader.parse(bytes) } catch { throw JWK.jsonRefusal(error) }
        guard case .object(let members) = value, case .array(let list)? = members["keys"] else {
            throw .invalidJWK(.notAJWKSet)
        }
        var keys = [JWK]()
        for element in list { keys.append(try JWK(json: element)) }
        self.keys = keys
    }

    /// Compact JSON with sorted members.
    public var jsonRepresentation: [UInt8] { sortedJSON(self) }

    /// The RSA keys of the set. RFC 7517 §5: keys of types not understood are ignored.
    public var rsaKeys: [JWK] { keys.filter { $0.kty == "RSA" } }

    /// The P-256 keys of the set (kty EC, crv P-256); other curves are ignored, as other types are.
    public var p256Keys: [JWK] { keys.filter { $0.kty == "EC" && $0.crv == "P-256" } }
}
