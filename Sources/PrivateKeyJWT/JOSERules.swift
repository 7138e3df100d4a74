// Which rule a JOSE input broke, as data: the reasons `PrivateKeyJWTError` carries for JSON text
// (RFC 8259), JWKs (RFC 7517/7518), compact JWS (RFC 7515) and JWT claims (RFC 7519, RFC 7523,
// RFC 9449). Each case's text is derived here, once; tests and callers match the case.

import Foundation

extension PrivateKeyJWTError {
    /// Where JSON text broke a rule: the rule and the byte offset it was found at.
    public struct JSONFailure: Equatable, Sendable, CustomStringConvertible {
        public let rule: JSONRule
        public let offset: Int

        public init(_ rule: JSONRule, at offset: Int) {
            self.rule = rule
            self.offset = offset
        }

        public var description: String { "\(rule) at byte \(offset)" }
    }

    /// The RFC 8259 rule (or this reader's stricter one) JSON text broke.
    public enum JSONRule: Equatable, Sendable, CustomStringConvertible {
        case textAfterValue
        /// Nesting beyond the reader's limit (RFC 8259 §9 lets a parser set one).
        case tooDeep(limit: Int)
        case missingValue
        case notAValue
        case memberNameNotString
        /// RFC 7515 §5.2: a repeated member name; the name is shown only when short and printable.
        case duplicateMember(String?)
        case colonExpected
        case objectSeparatorExpected
        case arraySeparatorExpected
        case digitAfterPoint
        case digitAfterExponent
        case numberOutOfRange
        case unterminatedString
        case controlCharacter
        case invalidUTF8
        case unterminatedEscape
        case unknownEscape
        case loneSurrogate
        case invalidUnicodeEscape
        case shortUnicodeEscape

        public var description: String {
            switch self {
            case .textAfterValue: "text after the JSON value"
            case .tooDeep(let limit): "JSON nested deeper than \(limit) levels"
            case .missingValue: "a JSON value is missing"
            case .notAValue: "not a JSON value"
            case .memberNameNotString: "an object member name must be a string"
            case .duplicateMember(let name): "duplicate member name \"\(name ?? "…")\""
            case .colonExpected: "':' expected after a member name"
            case .objectSeparatorExpected: "',' or '}' expected in an object"
            case .arraySeparatorExpected: "',' or ']' expected in an array"
            case .digitAfterPoint: "a digit must follow '.'"
            case .digitAfterExponent: "a digit must follow the exponent mark"
            case .numberOutOfRange: "a number outside the range of a double"
            case .unterminatedString: "an unterminated string"
            case .controlCharacter: "a control character inside a string"
            case .invalidUTF8: "a string that is not valid UTF-8"
            case .unterminatedEscape: "an unterminated escape"
            case .unknownEscape: "an unknown escape"
            case .loneSurrogate: "a lone UTF-16 surrogate"
            case .invalidUnicodeEscape: "an invalid \\u escape"
            case .shortUnicodeEscape: "a \\u escape needs four hex digits"
            }
        }
    }

    /// The RFC 7517/7518 rule a JWK or JWK Set broke; members are named as the JWK spells them.
    public enum JWKRule: Equatable, Sendable, CustomStringConvertible {
        case json(JSONFailure)
        case notAJWK
        case notString(member: String)
        /// RFC 7517 §4.3.
        case keyOpsNotDistinctStrings
        case othNotArray
        /// RFC 7518 §6.3.2.7: other primes; not supported.
        case multiPrime
        /// RFC 7518 §6.3.2: p, q, dp, dq and qi come together or not at all.
        case partialCRT
        /// RFC 7517 §4.2: a signing key's "use" is "sig".
        case notForSignatures(use: String)
        /// RFC 7517 §4.3: "key_ops" does not list the operation.
        case operationNotAllowed(String)
        case missing(member: String)
        case notBase64URL(member: String, Base64Rule)
        case empty(member: String)
        /// RFC 7518 §2: the minimum number of octets.
        case leadingZero(member: String)
        case notAJWKSet
        case noRSAKeyInSet

        public var description: String {
            switch self {
            case .json(let failure): "invalid JSON: \(failure)"
            case .notAJWK: "not a JWK JSON object with a string \"kty\" member"
            case .notString(let member): "the \"\(member)\" member is not a string"
            case .keyOpsNotDistinctStrings: "\"key_ops\" must be an array of distinct strings (RFC 7517 §4.3)"
            case .othNotArray: "\"oth\" is not an array"
            case .multiPrime: "multi-prime keys (\"oth\") are not supported"
            case .partialCRT: "a private key with some but not all of p, q, dp, dq, qi"
            case .notForSignatures(let use): "JWK \"use\" is \"\(use)\", not \"sig\""
            case .operationNotAllowed(let operation): "JWK \"key_ops\" does not allow \"\(operation)\""
            case .missing(let member): "the \"\(member)\" member is missing"
            case .notBase64URL(let member, let rule): "\"\(member)\" is not base64url (invalid base64: \(rule))"
            case .empty(let member): "\"\(member)\" is empty"
            case .leadingZero(let member): "\"\(member)\" has a leading zero octet (RFC 7518 §2 forbids it)"
            case .notAJWKSet: "not a JWK Set: a JSON object with a \"keys\" array of JWKs"
            case .noRSAKeyInSet: "the JWK Set has no RSA key"
            }
        }
    }

    /// The part of a compact JWS (RFC 7515 §7.1, §5.2) or DPoP proof header (RFC 9449 §4.2) that is
    /// malformed before a signature can be checked.
    public enum JWSRule: Equatable, Sendable, CustomStringConvertible {
        case partCount(Int)
        case header(Base64Rule)
        case signature(Base64Rule)
        case payload(Base64Rule)
        /// `what` names the part ("JWS header", "claims"); the JSON failure, when the text is not JSON.
        case notJSONObject(what: String, JSONFailure?)
        /// RFC 7515 §4.1.11: "crit" extensions, none of which this module implements.
        case critical
        case noKeyWithKid(String)
        case noRSAKeyInSet
        case noP256KeyInSet
        /// RFC 7518 §3.4: an ES256 signature is R || S, 64 octets; `found` octets (a DER signature is 70 to 72).
        case es256SignatureLength(found: Int)
        case dpopType
        case dpopNoJWK
        case dpopPrivateJWK

        public var description: String {
            switch self {
            case .partCount(let count): "a compact JWS has 3 dot-separated parts; this has \(count)"
            case .header(let rule): "header: invalid base64: \(rule)"
            case .signature(let rule): "signature: invalid base64: \(rule)"
            case .payload(let rule): "payload: invalid base64: \(rule)"
            case .notJSONObject(let what, let failure?): "the \(what) is not a JSON object (invalid JSON: \(failure))"
            case .notJSONObject(let what, nil): "the \(what) is not a JSON object"
            case .critical: "the header has \"crit\" extensions, which this module does not implement"
            case .noKeyWithKid(let kid): "no key in the JWK Set has kid \"\(kid)\""
            case .noRSAKeyInSet: "the JWK Set has no RSA key"
            case .noP256KeyInSet: "the JWK Set has no P-256 key (kty EC, crv P-256)"
            case .es256SignatureLength(let found):
                "an ES256 signature is R || S, 64 octets (RFC 7518 §3.4), not \(found)"
                    + (found > 64 && found <= 72 ? " (a DER signature?)" : "")
            case .dpopType: "the DPoP proof's typ is not \"dpop+jwt\""
            case .dpopNoJWK: "the DPoP proof has no jwk header"
            case .dpopPrivateJWK: "the DPoP proof's jwk holds a private key"
            }
        }
    }

    /// The claim (RFC 7519 §4.1, RFC 7523 §3, RFC 9449 §4.3) that failed its check.
    public enum ClaimRule: Equatable, Sendable, CustomStringConvertible {
        /// RFC 7519 §7.2 step 10.
        case payloadNotObject(JSONFailure?)
        case expired(at: Double, now: Double)
        case notYetValid(before: Double, now: Double)
        case issuedInFuture(at: Double, now: Double)
        case issuer(expected: String)
        case audience(expected: String)
        /// RFC 7519 §2, within ±`JWTClaimsValidator.latestNumericDate`.
        case notNumericDate(claim: String)
        case assertionIdentity
        case assertionLifetime
        case notHTTPMethod(String)
        case dpopTarget
        case dpopMissingClaims
        case dpopMethod(expected: String)
        case dpopURL
        case dpopNonce
        case dpopIssuedAt
        case dpopTokenHash

        public var description: String {
            switch self {
            case .payloadNotObject(let failure):
                "the payload is not a JSON object (RFC 7519 §7.2 step 10)"
                    + (failure.map { ": invalid JSON: \($0)" } ?? "")
            case .expired(let exp, let now): "the token expired at \(whole(exp)) (now \(whole(now)))"
            case .notYetValid(let nbf, let now): "the token is not valid before \(whole(nbf)) (now \(whole(now)))"
            case .issuedInFuture(let iat, let now):
                "the token was issued in the future (iat \(whole(iat)), now \(whole(now)))"
            case .issuer(let issuer): "\"iss\" is not \"\(issuer)\""
            case .audience(let audience): "\"aud\" does not contain \"\(audience)\""
            case .notNumericDate(let claim): "\"\(claim)\" is not a NumericDate between year -9999 and 9999"
            case .assertionIdentity: "the assertion needs a client id and an audience"
            case .assertionLifetime: "the assertion lifetime must be a positive number of seconds"
            case .notHTTPMethod(let method): "\"\(method)\" is not an HTTP method"
            case .dpopTarget: "the DPoP htu must be an absolute http(s) URL"
            case .dpopMissingClaims: "a DPoP proof needs jti, htm, htu and iat"
            case .dpopMethod(let method): "the DPoP proof's htm is not \(method)"
            case .dpopURL: "the DPoP proof's htu is not this request's URL"
            case .dpopNonce: "the DPoP proof's nonce is missing or stale"
            case .dpopIssuedAt: "the DPoP proof's iat is outside the accepted window"
            case .dpopTokenHash: "the DPoP proof's ath does not match the access token"
            }
        }
    }
}

/// Whole seconds for a message, without a trapping conversion (the clock is injected too).
private func whole(_ seconds: Double) -> String {
    Int64(exactly: seconds.rounded(.down)).map(String.init) ?? "\(seconds)"
}
