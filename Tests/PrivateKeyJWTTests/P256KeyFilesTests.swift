import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

/// RFC 6979 A.2.5's key as joserfc and pyca/cryptography write it (vectors/ecdsa/p256/rfc6979-key.json).
private var written: [String: Any] { Vectors.json("ecdsa/p256/rfc6979-key.json") }

@Suite("P-256 key files: which files hold an EC key, in which format; others are left to KeyDocument")
struct P256KeyFilesTests {
    static var jwk: [String: String] { written["jwk"] as? [String: String] ?? [:] }
    static func json(_ object: [String: String]) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object))
    }

    @Test("a private JWK, a SEC 1 PEM and a PKCS#8 PEM, each with its format and the published thumbprint")
    func privateFiles() throws {
        let files: [([UInt8], KeyFormat)] = [
            (try Self.json(Self.jwk), .privateJWK),
            (Array(Vectors.pem("EC PRIVATE KEY", Hex.decode(written["sec1"] as? String ?? "")).utf8), .sec1PEM),
            (
                Array(Vectors.pem("PRIVATE KEY", Hex.decode(written["pkcs8"] as? String ?? "")).utf8),
                .pem(.pkcs8PrivateKey)
            ),
        ]
        for (bytes, format) in files {
            let found = try #require(try P256PrivateKey.inKeyFile(bytes))
            #expect(found.format == format)
            #expect(found.key.publicKey.thumbprint == written["thumbprint"] as? String)
            #expect(try P256PublicKey.inKeyFile(bytes)?.thumbprint == written["thumbprint"] as? String)
        }
    }

    @Test("a public EC JWK or SPKI PEM is a public key only; RSA files and other JSON are not EC files")
    func notPrivate() throws {
        var publicJWK = Self.jwk
        publicJWK["d"] = nil
        let spki = Vectors.pem("PUBLIC KEY", Hex.decode(written["spki"] as? String ?? ""))
        #expect(try P256PrivateKey.inKeyFile(Self.json(publicJWK)) == nil)
        #expect(try P256PublicKey.inKeyFile(Self.json(publicJWK))?.thumbprint == written["thumbprint"] as? String)
        #expect(try P256PrivateKey.inKeyFile(Array(spki.utf8)) == nil)
        #expect(try P256PublicKey.inKeyFile(Array(spki.utf8))?.thumbprint == written["thumbprint"] as? String)
        for path in ["rsa/openssl-keys/key1.pkcs8.pem", "rsa/openssl-keys/key1.spki.pem"] {
            #expect(try P256PrivateKey.inKeyFile(Vectors.bytes(path)) == nil, "\(path)")
            #expect(try P256PublicKey.inKeyFile(Vectors.bytes(path)) == nil, "\(path)")
        }
        #expect(try P256PublicKey.inKeyFile(Self.json(["kty": "RSA"])) == nil)
    }

    @Test("an EC file that is broken is refused by case, not passed on as no EC file")
    func refusals() throws {
        var mismatched = Self.jwk
        mismatched["d"] = Base64.urlEncode([UInt8](repeating: 7, count: 32))
        #expect(throws: PrivateKeyJWTError.invalidECKey(.publicKeyMismatch)) {
            _ = try P256PrivateKey.inKeyFile(Self.json(mismatched))
        }
        var offCurve = Self.jwk
        offCurve["d"] = nil
        offCurve["y"] = offCurve["x"]
        #expect(throws: PrivateKeyJWTError.invalidECKey(.pointNotOnCurve)) {
            _ = try P256PublicKey.inKeyFile(Self.json(offCurve))
        }
    }
}
