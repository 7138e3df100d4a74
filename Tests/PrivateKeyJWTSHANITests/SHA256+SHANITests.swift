// Choosing the SHA extensions path: what the CPU says decides, and the choice is process-wide.

import Testing

@testable import PrivateKeyJWT
@testable import PrivateKeyJWTSHANI

// Serialized: these tests change the process-wide choice. Other suites force their path per hasher.
@Suite("SHA256 on the SHA extensions: the choice", .serialized)
struct SHA256SHANITests {
    @Test("preferSHAExtensions installs them exactly where the CPU has them") func prefer() {
        defer { SHA256.preferPortableCompression() }
        let installed = SHA256.preferSHAExtensions()
        #expect(installed == SHA256.shaExtensionsAreAvailable)
        #expect(SHA256.compressionName == (installed ? "SHA extensions" : "portable"))
        // The installed function serves SHA256.hash: FIPS 180-2 App. B.1, "abc".
        #expect(
            SHA256.hash(data: Array("abc".utf8)).description
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("preferPortableCompression goes back to the portable code") func portable() {
        SHA256.preferSHAExtensions()
        SHA256.preferPortableCompression()
        #expect(SHA256.compressionName == "portable")
    }

    @Test("usingSHAExtensions is nil exactly where the CPU lacks them") func forced() {
        #expect((SHA256.usingSHAExtensions() != nil) == SHA256.shaExtensionsAreAvailable)
    }
}
