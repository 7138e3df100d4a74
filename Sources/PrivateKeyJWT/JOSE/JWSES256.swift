// Compact JWS with ES256 (RFC 7518 §3.4: ECDSA on P-256 with SHA-256), beside RS256 in JWS.swift:
// the same serialization and validation steps of RFC 7515, the signature R || S as two 32-octet
// big-endian numbers, never DER.

extension JWS {
    /// Signs `payload` under a header {"alg":"ES256"} plus `kid` and `typ` when given.
    /// - Timing: signing as `P256PrivateKey.signature(digest:)`.
    public static func sign(payload: [UInt8], key: P256PrivateKey, kid: String? = nil, typ: String? = "JWT")
        -> String
    {
        var header: [String: JSONValue] = ["alg": .string("ES256")]
        if let kid { header["kid"] = .string(kid) }
        if let typ { header["typ"] = .string(typ) }
        return sign(protectedHeader: JSONValue.object(header).compactJSON, payload: payload, key: key)
    }

    /// Signs exact header and payload octets (RFC 7515 §5.1 steps 1-8; RFC 7518 §3.4 for step 5).
    /// - Timing: signing as `P256PrivateKey.signature(digest:)`.
    public static func sign(protectedHeader: [UInt8], payload: [UInt8], key: P256PrivateKey) -> String {
        let signingInput = Base64.urlEncode(protectedHeader) + "." + Base64.urlEncode(payload)
        let signature = key.signature(digest: SHA256.hash(data: Array(signingInput.utf8)))
        return signingInput + "." + Base64.urlEncode(signature)
    }

    /// Validates a compact ES256 JWS with `key` (RFC 7515 §5.2): the header must say "ES256", the
    /// signature must be 64 octets (RFC 7518 §3.4; a DER signature is refused as such), and the
    /// payload is decoded only after the signature verified.
    /// - Timing: variable time; inputs are public.
    public static func verify(_ compact: String, key: P256PublicKey) throws(PrivateKeyJWTError) -> VerifiedJWS {
        let parts = try Parts(compact)
        try parts.checkHeader(algorithm: "ES256")
        return try parts.verifiedES256(with: [key])
    }
}

extension JWS.Parts {
    /// RFC 7515 §5.2 step 7 for ES256 with any of `keys`, then step 6 (the payload).
    /// - Timing: variable time; inputs are public.
    func verifiedES256(with keys: [P256PublicKey]) throws(PrivateKeyJWTError) -> VerifiedJWS {
        guard signature.count == 64 else { throw .invalidJWS(.es256SignatureLength(found: signature.count)) }
        let digest = SHA256.hash(data: signingInput)
        guard keys.contains(where: { $0.isValidSignature(signature, digest: digest) }) else {
            throw .signatureInvalid
        }
        return VerifiedJWS(header: header, payload: try decodedPayload())
    }
}
