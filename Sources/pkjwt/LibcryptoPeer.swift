// OpenSSL's libcrypto as `pkjwt bench --compare openssl`'s peer, loaded into this process at run time:
// the same operations through its public EVP API as pkjwt's through its own (a key prepared once, then
// sign or verify one SHA-256 digest, RS256 or ES256; RSA-2048 or P-256 keygen; SHA-256 of a buffer).
// `openssl speed` and `openssl genpkey` timed other work: speed's signing loop ran 1.5× slower than
// libcrypto in a process on AVX-512 IFMA hosts, and genpkey included a process start (BENCHMARKS.md).
// dlopen keeps libcrypto out of pkjwt's link: only this command touches it, and only when asked.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libcrypto 3's entry points that the benchmark calls, resolved once.
final class LibcryptoPeer {
    private typealias PKey = OpaquePointer
    private typealias Context = OpaquePointer
    private typealias Digest = OpaquePointer

    // OpenSSL 3.0 headers (evp.h, rsa.h, x509.h): these are functions there (1.1's were macros).
    private typealias NewContext = @convention(c) (PKey?, OpaquePointer?) -> Context?
    private typealias NewContextByID = @convention(c) (Int32, OpaquePointer?) -> Context?
    private typealias ContextStep = @convention(c) (Context?) -> Int32
    private typealias ContextInt = @convention(c) (Context?, Int32) -> Int32
    private typealias ContextDigest = @convention(c) (Context?, Digest?) -> Int32
    private typealias DigestByName = @convention(c) () -> Digest?
    private typealias Sign =
        @convention(c) (Context?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<Int>?, UnsafePointer<UInt8>?, Int)
        -> Int32
    private typealias Verify =
        @convention(c) (Context?, UnsafePointer<UInt8>?, Int, UnsafePointer<UInt8>?, Int) -> Int32
    private typealias Keygen = @convention(c) (Context?, UnsafeMutablePointer<PKey?>?) -> Int32
    private typealias ReadKey =
        @convention(c) (UnsafeMutablePointer<PKey?>?, UnsafeMutablePointer<UnsafePointer<UInt8>?>?, Int) -> PKey?
    private typealias FreeKey = @convention(c) (PKey?) -> Void
    private typealias FreeContext = @convention(c) (Context?) -> Void
    private typealias HashOnce =
        @convention(c) (
            UnsafeRawPointer?, Int, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt32>?, Digest?, OpaquePointer?
        ) -> Int32
    private typealias VersionText = @convention(c) (Int32) -> UnsafePointer<CChar>?

    /// evp.h / obj_mac.h / rsa.h constants.
    private static let rsaKeyType: Int32 = 6  // EVP_PKEY_RSA = NID_rsaEncryption
    private static let ecKeyType: Int32 = 408  // EVP_PKEY_EC = NID_X9_62_id_ecPublicKey
    private static let p256Curve: Int32 = 415  // NID_X9_62_prime256v1
    private static let pkcs1Padding: Int32 = 1  // RSA_PKCS1_PADDING

    /// The key kinds the peer times.
    enum KeyKind { case rsa2048, p256 }

    private let newContext: NewContext, newContextByID: NewContextByID
    private let signInit: ContextStep, verifyInit: ContextStep, keygenInit: ContextStep
    private let setPadding: ContextInt, setKeygenBits: ContextInt, setCurve: ContextInt
    private let setSignatureDigest: ContextDigest
    private let sha256: DigestByName, sign: Sign, verify: Verify, keygen: Keygen, readKey: ReadKey
    private let freeKey: FreeKey, freeContext: FreeContext, hashOnce: HashOnce
    /// OpenSSL_version(OPENSSL_VERSION), for the table's heading.
    let version: String

    /// The libraries tried in order: PKJWT_LIBCRYPTO when set, else OpenSSL 3's usual names.
    static func candidates(environment: [String: String]) -> [String] {
        if let chosen = environment["PKJWT_LIBCRYPTO"], !chosen.isEmpty { return [chosen] }
        #if canImport(Darwin)
            return [
                "libcrypto.3.dylib", "/opt/homebrew/opt/openssl@3/lib/libcrypto.3.dylib",
                "/usr/local/opt/openssl@3/lib/libcrypto.3.dylib",
            ]
        #else
            return ["libcrypto.so.3"]
        #endif
    }

    /// Loads the first of `candidates` that opens and has every entry point; else a CLIError that says
    /// what was tried.
    init(candidates: [String]) throws {
        var reasons = [String]()
        for name in candidates {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
                reasons.append(dlerror().map { String(cString: $0) } ?? "\(name): cannot be opened")
                continue
            }
            func symbol<T>(_ symbolName: String, as _: T.Type) throws -> T {
                guard let address = dlsym(handle, symbolName) else {
                    throw CLIError("\(name) has no \(symbolName) (--compare openssl needs OpenSSL 3's libcrypto)")
                }
                return unsafeBitCast(address, to: T.self)
            }
            newContext = try symbol("EVP_PKEY_CTX_new", as: NewContext.self)
            newContextByID = try symbol("EVP_PKEY_CTX_new_id", as: NewContextByID.self)
            signInit = try symbol("EVP_PKEY_sign_init", as: ContextStep.self)
            verifyInit = try symbol("EVP_PKEY_verify_init", as: ContextStep.self)
            keygenInit = try symbol("EVP_PKEY_keygen_init", as: ContextStep.self)
            setPadding = try symbol("EVP_PKEY_CTX_set_rsa_padding", as: ContextInt.self)
            setKeygenBits = try symbol("EVP_PKEY_CTX_set_rsa_keygen_bits", as: ContextInt.self)
            setCurve = try symbol("EVP_PKEY_CTX_set_ec_paramgen_curve_nid", as: ContextInt.self)
            setSignatureDigest = try symbol("EVP_PKEY_CTX_set_signature_md", as: ContextDigest.self)
            sha256 = try symbol("EVP_sha256", as: DigestByName.self)
            sign = try symbol("EVP_PKEY_sign", as: Sign.self)
            verify = try symbol("EVP_PKEY_verify", as: Verify.self)
            keygen = try symbol("EVP_PKEY_keygen", as: Keygen.self)
            readKey = try symbol("d2i_AutoPrivateKey", as: ReadKey.self)
            freeKey = try symbol("EVP_PKEY_free", as: FreeKey.self)
            freeContext = try symbol("EVP_PKEY_CTX_free", as: FreeContext.self)
            hashOnce = try symbol("EVP_Digest", as: HashOnce.self)
            let versionText = try symbol("OpenSSL_version", as: VersionText.self)
            version = versionText(0).map { String(cString: $0) } ?? name
            return
        }
        throw CLIError(
            "--compare openssl needs OpenSSL 3's libcrypto, which did not load (\(reasons.joined(separator: "; "))); "
                + "install it (Debian: libssl3) or set PKJWT_LIBCRYPTO to its path")
    }

    /// One key generation: RSA-2048 (65537, libcrypto's defaults) or P-256.
    func generateKey(_ kind: KeyKind = .rsa2048) throws {
        let context = newContextByID(kind == .rsa2048 ? Self.rsaKeyType : Self.ecKeyType, nil)
        defer { freeContext(context) }
        var key: PKey?
        guard context != nil, keygenInit(context) > 0,
            kind == .rsa2048 ? setKeygenBits(context, 2048) > 0 : setCurve(context, Self.p256Curve) > 0,
            keygen(context, &key) > 0
        else { throw CLIError("libcrypto's \(kind == .rsa2048 ? "RSA" : "P-256") key generation failed") }
        freeKey(key)
    }

    /// SHA-256 of `data`.
    func hash(_ data: [UInt8]) throws {
        var digest = [UInt8](repeating: 0, count: 32)
        guard hashOnce(data, data.count, &digest, nil, sha256(), nil) == 1 else {
            throw CLIError("libcrypto's SHA-256 failed")
        }
    }

    /// A private key (PKCS#8 or PKCS#1 DER) with its signing and verifying contexts set up once, as pkjwt's key
    /// is prepared once: RSASSA-PKCS1-v1_5 over a SHA-256 digest, or ECDSA for a P-256 key (whose
    /// signatures libcrypto writes in DER, with random nonces).
    final class PreparedKey {
        private let peer: LibcryptoPeer
        private let key: PKey
        private let signing: Context, verifying: Context

        init(_ peer: LibcryptoPeer, der: [UInt8], kind: KeyKind = .rsa2048) throws {
            self.peer = peer
            let loaded = der.withUnsafeBufferPointer { buffer -> PKey? in
                var cursor = buffer.baseAddress
                return peer.readKey(nil, &cursor, buffer.count)
            }
            guard let loaded else { throw CLIError("libcrypto did not read the benchmark's key") }
            key = loaded
            guard let signing = peer.newContext(key, nil), let verifying = peer.newContext(key, nil) else {
                peer.freeKey(key)
                throw CLIError("libcrypto could not make a context for the benchmark's key")
            }
            (self.signing, self.verifying) = (signing, verifying)
            let padded = { (context: Context) in
                kind == .p256 || peer.setPadding(context, LibcryptoPeer.pkcs1Padding) > 0
            }
            guard peer.signInit(signing) > 0, padded(signing), peer.setSignatureDigest(signing, peer.sha256()) > 0,
                peer.verifyInit(verifying) > 0, padded(verifying),
                peer.setSignatureDigest(verifying, peer.sha256()) > 0
            else { throw CLIError("libcrypto refused the signature settings for the benchmark's key") }
        }

        deinit {
            peer.freeContext(signing)
            peer.freeContext(verifying)
            peer.freeKey(key)
        }

        /// The signature of a 32-byte digest.
        func signature(digest: [UInt8]) throws -> [UInt8] {
            var signature = [UInt8](repeating: 0, count: 512)
            var length = signature.count
            guard peer.sign(signing, &signature, &length, digest, digest.count) > 0 else {
                throw CLIError("libcrypto's signing failed")
            }
            return Array(signature.prefix(length))
        }

        func isValidSignature(_ signature: [UInt8], digest: [UInt8]) -> Bool {
            peer.verify(verifying, signature, signature.count, digest, digest.count) == 1
        }
    }
}
