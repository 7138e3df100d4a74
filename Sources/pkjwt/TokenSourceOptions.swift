// Where a command's access token comes from: the cache or not, DPoP always or when required. One
// group for `token`, `api` and `proof`, so the three read these flags alike.

import ArgumentParser
import Foundation
import OktaConfig
import PKJWTConfig

struct TokenSourceOptions: ParsableArguments {
    @Flag(name: .long, help: "Neither read nor write the token cache.")
    var noCache = false

    @Flag(
        name: .long,
        help: """
            Always send a DPoP proof (as DPOP=true); without it, pkjwt uses DPoP when Okta answers that \
            the app requires it.
            """
    )
    var dpop = false

    /// The token cache, unless --no-cache (or no cache folder can be named).
    func cache(environment: [String: String] = ProcessInfo.processInfo.environment) -> TokenCache? {
        noCache ? nil : PKJWTFiles.cacheDirectory(environment: environment).map(TokenCache.init)
    }

    /// DPoP as the flag and DPOP= say.
    func preference(_ configuration: Configuration) throws -> DPoPKeyFile.Preference {
        try DPoPKeyFile.Preference(configuration, flag: dpop)
    }
}
