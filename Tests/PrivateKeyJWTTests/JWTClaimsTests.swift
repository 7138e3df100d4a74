import Foundation
import Testing

@testable import PrivateKeyJWT

@Suite("JWT claims, RFC 7519 §4.1")
struct JWTClaimsTests {
    @Test("claims: exp, nbf, iat, iss, aud with an injected clock") func claims() throws {
        let now = Date(timeIntervalSince1970: 1_000_000)
        let check = JWTClaimsValidator(now: now, leeway: 0, issuer: "me", audience: "you")
        let good: [String: JSONValue] = [
            "iss": .string("me"), "aud": .array([.string("you")]), "exp": .number(1_000_001), "nbf": .number(1_000_000),
            "iat": .number(999_999),
        ]
        try check.validate(good)
        let cases: [(String, JSONValue, PrivateKeyJWTError.ClaimRule)] = [
            ("exp", .number(1_000_000), .expired(at: 1_000_000, now: 1_000_000)),
            ("nbf", .number(1_000_001), .notYetValid(before: 1_000_001, now: 1_000_000)),
            ("iat", .number(1_000_001), .issuedInFuture(at: 1_000_001, now: 1_000_000)),
            ("exp", .string("soon"), .notNumericDate(claim: "exp")), ("iss", .string("eve"), .issuer(expected: "me")),
            ("aud", .string("them"), .audience(expected: "you")),
            ("nbf", .number(1e300), .notNumericDate(claim: "nbf")),
        ]
        for (name, value, rule) in cases {
            var bad = good
            bad[name] = value
            #expect(throws: PrivateKeyJWTError.invalidClaims(rule), "\(name)") { try check.validate(bad) }
        }
        #expect(throws: PrivateKeyJWTError.invalidClaims(.payloadNotObject(nil))) {
            try check.validate(payload: Array("[1]".utf8))
        }
        #expect(throws: PrivateKeyJWTError.invalidClaims(.payloadNotObject(.init(.missingValue, at: 1)))) {
            try check.validate(payload: Array("[".utf8))
        }
    }
}
