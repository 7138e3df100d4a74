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
        for (name, value) in [
            ("exp", JSONValue.number(1_000_000)), ("nbf", .number(1_000_001)), ("iat", .number(1_000_001)),
            ("exp", .string("soon")), ("iss", .string("eve")), ("aud", .string("them")),
        ] {
            var bad = good
            bad[name] = value
            #expect(throws: PrivateKeyJWTError.self, "\(name)") { try check.validate(bad) }
        }
        #expect(throws: PrivateKeyJWTError.self) { try check.validate(payload: Array("[1]".utf8)) }
    }
}
