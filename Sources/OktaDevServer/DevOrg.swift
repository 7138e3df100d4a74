// The dev org: its API token, its token-signing key, and its state.

import Foundation
import PrivateKeyJWT

/// Everything a request handler needs.
struct DevOrg: Sendable {
    let state: DevOrgState
    /// The SSWS API token management calls must present.
    let apiToken: String
    /// The key access tokens are signed with (made at start; the dev org has no persistence).
    let signingKey: RSAPrivateKey
    var signingKeyID: String { signingKey.publicKey.thumbprint }
    /// The org's clock: the host's plus `--clock-offset`. Every judgement of a time a client signed,
    /// and every time the org stamps, is on this clock.
    var now: Date { Date().addingTimeInterval(state.clockOffset) }
}
