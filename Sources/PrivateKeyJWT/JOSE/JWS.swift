// Compact JWS with RS256: RFC 7515 §7.1 serialization, §5.1 signing, §5.2 validation; the
// algorithm is RFC 7518 §3.3 (RSASSA-PKCS1-v1_5 using SHA-256).
//
//   BASE64URL(UTF8(header)) || '.' || BASE64URL(payload) || '.' || BASE64URL(signature)

/// A compact JWS whose signature has been verified.
public struct VerifiedJWS: Sendable, Equatable {
    /// The protected header, parsed.
    public let header: [String: JSONValue]
    /// The payload octets, decoded only after the signature verified.
    public let payload: [UInt8]
}

/// A compact JWS's header and payload read without checking its signature: nothing in it may be
/// trusted. Only for choosing the key that will verify it (RFC 7523 §3: an assertion's issuer names
/// the client whose key signed it).
public struct UnverifiedJWS: Sendable, Equatable {
    public let header: [String: JSONValue]
    public let payload: [UInt8]
}

/// RS256 compact JWS signing and verification.
public enum JWS {
    /// Signs `payload` under a header {"alg":"RS256"} plus `kid` and `typ` when given.
    /// - Timing: signing as `RSAPrivateKey.signature(for:)`.
    public static func sign(payload: [UInt8], key: RSAPrivateKey, kid: String? = nil, typ: String? = "JWT")
        throws(PrivateKeyJWTError) -> String
    {
        var header: [String: JSONValue] = ["alg": .string("RS256")]
        if let kid { header["kid"] = .string(kid) }
        if let typ { header["typ"] = .string(typ) }
        return try sign(protectedHeader: JSONValue.object(header).compactJSON, payload: payload, key: key)
    }

    /// Signs exact header and payload octets (RFC 7515 §5.1 steps 1-8).
    /// - Timing: signing as `RSAPrivateKey.signature(for:)`.
    public static func sign(protectedHeader: [UInt8], payload: [UInt8], key: RSAPrivateKey) throws(PrivateKeyJWTError)
        -> String
    {
        try checkKeySize(key.publicKey)
        // Steps 2-4 and 6: the JWS Signing Input, ASCII(BASE64URL(header) || '.' || BASE64URL(payload)).
        let signingInput = Base64.urlEncode(protectedHeader) + "." + Base64.urlEncode(payload)
        // Step 5: the signature (RFC 7518 §3.3).
        let signature = try key.signature(for: Array(signingInput.utf8))
        // Step 8: the compact serialization (§7.1).
        return signingInput + "." + Base64.urlEncode(signature)
    }

    /// Validates a compact RS256 JWS with `key` (RFC 7515 §5.2). The key fixes the algorithm: the
    /// header must say "RS256". The payload is decoded only after the signature verified.
    /// - Timing: variable time; inputs are public.
    public static func verify(_ compact: String, key: RSAPublicKey) throws(PrivateKeyJWTError) -> VerifiedJWS {
        let parts = try Parts(compact)
        try parts.checkHeader()
        return try parts.verified(with: [key])
    }

    /// Validates with the key the header itself names (a DPoP proof's "jwk", RFC 9449 §4.3 step 6):
    /// `key` sees the parsed header, after the alg and crit checks, and returns the key or throws.
    /// - Timing: variable time; inputs are public.
    public static func verify(_ compact: String, key: ([String: JSONValue]) throws(PrivateKeyJWTError) -> RSAPublicKey)
        throws(PrivateKeyJWTError) -> VerifiedJWS
    {
        let parts = try Parts(compact)
        try parts.checkHeader()
        return try parts.verified(with: [key(parts.header)])
    }

    /// Validates with a JWK Set, by the header's alg: an ES256 JWS with the set's P-256 keys, any other
    /// with its RSA keys (RS256 only); of those, the key whose "kid" the header names, or each of them
    /// when the header names none.
    /// - Timing: variable time; inputs are public.
    public static func verify(_ compact: String, keySet: JWKSet) throws(PrivateKeyJWTError) -> VerifiedJWS {
        let parts = try Parts(compact)
        if parts.header["alg"] == .string("ES256") {
            try parts.checkHeader(algorithm: "ES256")
            let candidates = try parts.keysNamed(in: keySet.p256Keys, noneRefusal: .noP256KeyInSet)
            var keys = [P256PublicKey]()
            for jwk in candidates { keys.append(try jwk.p256PublicKey()) }
            return try parts.verifiedES256(with: keys)
        }
        try parts.checkHeader()
        let candidates = try parts.keysNamed(in: keySet.rsaKeys, noneRefusal: .noRSAKeyInSet)
        var keys = [RSAPublicKey]()
        for jwk in candidates { keys.append(try jwk.rsaPublicKey()) }
        return try parts.verified(with: keys)
    }

    /// The header and payload of a compact JWS, split and decoded as `verify` does (RFC 7515 §5.2
    /// steps 1-4 and 6) but with no check of the algorithm or the signature.
    /// - Timing: variable time; inputs are public.
    public static func peek(_ compact: String) throws(PrivateKeyJWTError) -> UnverifiedJWS {
        let parts = try Parts(compact)
        return UnverifiedJWS(header: parts.header, payload: try parts.decodedPayload())
    }

    /// RFC 7518 §3.3: "A key of size 2048 bits or larger MUST be used with these algorithms." The raw
    /// RSA API still loads smaller keys, for published vectors; no JWS is made or checked with one.
    public static let minimumModulusBits = 2048

    private static func checkKeySize(_ key: RSAPublicKey) throws(PrivateKeyJWTError) {
        guard key.modulusBitCount >= minimumModulusBits else {
            throw .unsupportedAlgorithm(.smallRS256Key(bits: key.modulusBitCount, minimum: minimumModulusBits))
        }
    }

    /// The three parts of a compact JWS, with the header parsed.
    /// A base64url failure in one part of the JWS, as that part's refusal.
    fileprivate static func base64Refusal(
        _ error: PrivateKeyJWTError, as part: (PrivateKeyJWTError.Base64Rule) -> PrivateKeyJWTError.JWSRule
    ) -> PrivateKeyJWTError {
        guard case .invalidBase64(let rule) = error else { return error }
        return .invalidJWS(part(rule))
    }

    struct Parts {
        let signingInput: [UInt8]
        let header: [String: JSONValue]
        let encodedPayload: String
        let signature: [UInt8]

        init(_ compact: String) throws(PrivateKeyJWTError) {
            let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
            // RFC 7515 §5.2 step 1 (compact: three parts; five would be a JWE, RFC 7516).
            guard parts.count == 3 else {
                throw .invalidJWS(.partCount(parts.count))
            }
            // Steps 2-4: the header, base64url and a JSON object.
            let headerBytes: [UInt8]
            do { headerBytes = try Base64.urlDecode(String(parts[0])) } catch {
                throw JWS.base64Refusal(error, as: PrivateKeyJWTError.JWSRule.header)
            }
            header = try JSONValue.parseObject(headerBytes, what: "JWS header")
            // Step 7: the signature, base64url.
            do { signature = try Base64.urlDecode(String(parts[2])) } catch {
                throw JWS.base64Refusal(error, as: PrivateKeyJWTError.JWSRule.signature)
            }
            encodedPayload = String(parts[1])
            signingInput = Array((parts[0] + "." + parts[1]).utf8)
        }

        /// Step 5 and the "crit" rule, before any key is used: the key fixes the algorithm.
        func checkHeader(algorithm: String = "RS256") throws(PrivateKeyJWTError) {
            // Step 5: only the key's algorithm; "none" and every other value are refused here.
            guard header["alg"] == .string(algorithm) else {
                let found = header["alg"].map { String(decoding: $0.compactJSON, as: UTF8.self) }
                throw .unsupportedAlgorithm(algorithm == "ES256" ? .es256Algorithm(found) : .jwsAlgorithm(found))
            }
            // RFC 7515 §4.1.11: extensions listed in "crit" must be understood; this module knows none.
            guard header["crit"] == nil else {
                throw .invalidJWS(.critical)
            }
        }

        /// Step 6: the payload, base64url.
        func decodedPayload() throws(PrivateKeyJWTError) -> [UInt8] {
            do { return try Base64.urlDecode(encodedPayload) } catch {
                throw JWS.base64Refusal(error, as: PrivateKeyJWTError.JWSRule.payload)
            }
        }

        /// Step 8: the signature check, then (and only then) the payload.
        /// Of `keys`, the one whose "kid" the header names, or all of them when it names none.
        func keysNamed(in keys: [JWK], noneRefusal: PrivateKeyJWTError.JWSRule) throws(PrivateKeyJWTError) -> [JWK] {
            var candidates = keys
            if let kid = header["kid"]?.stringValue {
                candidates = candidates.filter { $0.kid == kid }
                guard !candidates.isEmpty else { throw .invalidJWS(.noKeyWithKid(kid)) }
            }
            guard !candidates.isEmpty else { throw .invalidJWS(noneRefusal) }
            return candidates
        }

        func verified(with keys: [RSAPublicKey]) throws(PrivateKeyJWTError) -> VerifiedJWS {
            for key in keys { try checkKeySize(key) }
            let digest = SHA256.hash(data: signingInput)
            guard keys.contains(where: { $0.isValidSignature(signature, digest: digest) }) else {
                throw .signatureInvalid
            }
            // Step 6, deferred until the signature verified.
            return VerifiedJWS(header: header, payload: try decodedPayload())
        }
    }
}
