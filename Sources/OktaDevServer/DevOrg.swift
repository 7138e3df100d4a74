// The dev org: its API token, its token-signing key, and its state.

import PrivateKeyJWT

/// Everything a request handler needs.
struct DevOrg: Sendable {
    let state: DevOrgState
    /// The SSWS API token management calls must present.
    let apiToken: String
    /// The key access tokens are signed with (made at start; the dev org has no persistence).
    let signingKey: RSAPrivateKey
    var signingKeyID: String { signingKey.publicKey.thumbprint }
}
