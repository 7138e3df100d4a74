// An RSA key's integers as a parser or a JWK delivers them, before any check: what
// RSAKeyValidation judges and RSAPublicKey and RSAPrivateKey are built from (RFC 8017 §3.1, §3.2).

/// The public components (n, e), as parsed; no key validation yet.
struct RSAPublicComponents {
    let n: BigNum
    let e: BigNum
}

/// The private components of a two-prime key, as parsed; no key validation yet.
struct RSAPrivateComponents {
    let n, e, d, p, q, dP, dQ, qInv: BigNum
    var publicComponents: RSAPublicComponents { RSAPublicComponents(n: n, e: e) }
}
