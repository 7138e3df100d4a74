// Helpers the core's tests share: expecting a refusal, reading a JWK.

import Foundation
import TestVectors
import Testing

@testable import PrivateKeyJWT

/// Expects `body` to throw a PrivateKeyJWTError whose description contains `message`.
func expectRefused(_ message: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("accepted; expected an error mentioning: \(message)", sourceLocation: sourceLocation)
    } catch let error as PrivateKeyJWTError {
        #expect(error.description.contains(message), "\(error.description)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

/// A JWK from a JSON object of a vector file.
func jwk(_ object: Any?) throws -> JWK {
    try JWK(jsonRepresentation: [UInt8](JSONSerialization.data(withJSONObject: try #require(object))))
}
