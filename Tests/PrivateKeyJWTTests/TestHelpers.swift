// Helpers the core's tests share: expecting a refusal, reading a JWK.

import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

/// A JWK from a JSON object of a vector file.
func jwk(_ object: Any?) throws -> JWK {
    try JWK(jsonRepresentation: [UInt8](JSONSerialization.data(withJSONObject: try #require(object))))
}
