// Which rule an RSA key broke, as data: the reasons `PrivateKeyJWTError` carries for key members
// (RFC 8017 §3, SP 800-89 §5.3.3, FIPS 186-5 App. B.3.1), key files, key generation and the
// encoding of a signature. Member names are the ASN.1 ones (RFC 8017 App. A.1.2).

extension PrivateKeyJWTError {
    /// The rule an RSA key's members, or a key file's kind, broke.
    public enum KeyRule: Equatable, Sendable, CustomStringConvertible {
        case modulusTooSmall(bits: Int, minimum: Int)
        case modulusTooLarge(bits: Int, maximum: Int)
        case evenModulus
        /// RFC 8017 §3.1: 3 ≤ e < n, e odd.
        case publicExponentNotOddAndAtLeastThree
        case publicExponentNotBelowModulus
        /// SP 800-89 §5.3.3: no prime factor below 752.
        case smallFactor(Int)
        /// SP 800-89 §5.3.3: not a power of an integer.
        case perfectPower
        /// CVE-2017-15361: made by a flawed generator, and factorable.
        case rocaFingerprint
        /// A private member outside (0, bound).
        case outOfBounds(member: String, bound: String)
        /// p or q even, or not above 2.
        case notOddPrime(member: String, isTwo: Bool)
        case equalPrimes
        case modulusNotProduct
        /// RFC 8017 §3.2: e·d ≡ 1 (mod λ(n)).
        case privateExponentNotInverse
        /// RFC 8017 §3.2: exponent1 = d mod (p−1), exponent2 = d mod (q−1).
        case crtExponentMismatch(member: String, prime: String)
        /// RFC 8017 §3.2: coefficient = q⁻¹ mod p.
        case coefficientMismatch
        /// FIPS 186-5 App. B.3.1: a prime member that fails Miller-Rabin.
        case composite(member: String)
        /// RFC 8017 §3.2 note: d given without the primes, and they cannot be found from n, e, d.
        case unrecoverablePrimes
        case recoveredPrimesNotCoprime
        case unrecognisedKeyFile
        /// `structure` names what was found (e.g. "PKCS#1 RSAPrivateKey").
        case privateKeyWherePublicExpected(structure: String)
        case publicKeyWherePrivateExpected(structure: String)

        public var description: String {
            switch self {
            case .modulusTooSmall(let bits, let minimum):
                "the modulus has \(bits) bits; at least \(minimum) are required"
            case .modulusTooLarge(let bits, let maximum):
                "the modulus has \(bits) bits; at most \(maximum) are supported"
            case .evenModulus: "the modulus n is even"
            case .publicExponentNotOddAndAtLeastThree: "the public exponent e must be odd and at least 3"
            case .publicExponentNotBelowModulus: "the public exponent e is not below the modulus"
            case .smallFactor(let factor): "the modulus is divisible by \(factor) (SP 800-89 §5.3.3)"
            case .perfectPower: "the modulus is a perfect power (SP 800-89 §5.3.3)"
            case .rocaFingerprint:
                "the modulus has the ROCA fingerprint (CVE-2017-15361): it was made by a flawed generator and can be "
                    + "factored; make a new key"
            case .outOfBounds(let member, let bound): "\(member) must be positive and below \(bound)"
            case .notOddPrime(let member, let isTwo):
                "\(member) must be an odd prime; it is \(isTwo ? "2" : "even or too small")"
            case .equalPrimes: "p and q are equal"
            case .modulusNotProduct: "n is not p·q"
            case .privateExponentNotInverse: "d is not the inverse of e modulo lcm(p−1, q−1)"
            case .crtExponentMismatch(let member, let prime): "\(member) is not d mod (\(prime)−1)"
            case .coefficientMismatch: "coefficient is not q⁻¹ mod p"
            case .composite(let member):
                "\(member) is not prime (FIPS 186-5 App. B.3.1): the key is damaged or was not made for RSA"
            case .unrecoverablePrimes: "d does not match n and e (the primes cannot be recovered)"
            case .recoveredPrimesNotCoprime: "the recovered primes are not coprime"
            case .unrecognisedKeyFile:
                "unrecognised key file: expected PEM, DER, a JWK, a JWK Set or an OpenSSH public-key line"
            case .privateKeyWherePublicExpected(let structure):
                "the DER is a \(structure), a private key; expected a public key (PUBLIC KEY or RSA PUBLIC KEY; "
                    + "`openssl pkey -pubout` writes one from a private key)"
            case .publicKeyWherePrivateExpected(let structure):
                "the DER is a \(structure), a public key; expected a private key (PRIVATE KEY or RSA PRIVATE KEY)"
            }
        }
    }

    /// Why key generation gave up.
    public enum GenerationFailure: Equatable, Sendable, CustomStringConvertible {
        /// FIPS 186-5 App. A.1.3: no primes within the iteration limits.
        case noPrimesFound
        /// FIPS 140-3 IG 10.3.A: the new key did not sign and verify.
        case pairwiseTestFailed

        public var description: String {
            switch self {
            case .noPrimesFound: "no primes found within the FIPS 186-5 App. A.1.3 iteration limits"
            case .pairwiseTestFailed: "the new key failed its pairwise sign/verify test"
            }
        }
    }
}

extension PrivateKeyJWTError {
    /// The rule a P-256 key's members broke (SP 800-186 §3.2.1.3; FIPS 186-5 §6.2.1; SEC 1 v2 §2.3.3).
    public enum ECKeyRule: Equatable, Sendable, CustomStringConvertible {
        /// A member of the wrong length: `member` names it, 32 bytes (a coordinate or scalar) or 65 (a point).
        case wrongLength(member: String, found: Int, expected: Int)
        /// The private scalar d is not in [1, n − 1].
        case scalarOutOfRange
        /// A point encoding other than uncompressed (SEC 1 §2.3.3: first byte 0x04).
        case notUncompressedPoint
        /// A coordinate not below p, or a point not on the curve.
        case pointNotOnCurve
        /// The private scalar's public point is not the public key given with it.
        case publicKeyMismatch

        public var description: String {
            switch self {
            case .wrongLength(let member, let found, let expected):
                "\(member) is \(found) bytes, not \(expected)"
            case .scalarOutOfRange: "the private scalar d is not between 1 and n − 1"
            case .notUncompressedPoint: "the point is not in the uncompressed form (0x04 || x || y)"
            case .pointNotOnCurve: "the point is not on the curve P-256"
            case .publicKeyMismatch: "the public point is not d·G for the private scalar d"
            }
        }
    }
}
