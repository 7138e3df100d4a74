// `pkjwt token` with no arguments, answered from the cache before anything heavy runs. Scripts call
// it once per request, and on a cache hit most of a run went to starting ArgumentParser (which
// reflects over every command's options) and the concurrency runtime's threads (BENCHMARKS.md,
// start-up). This path takes the steps of `TokenSource.token` that a Bearer hit needs, with the same
// functions and the same checks (the cache folder this user's and private, the entry's lock held
// while it is read); on anything else (another argument, a miss, DPOP=true, any error) it answers
// nil and the ordinary path runs, which then decides and reports as it always did.

import Foundation
import OktaConfig
import PKJWTConfig

enum CachedToken {
    /// The cached access token when `arguments` (after the program name) are exactly `token` and
    /// the cache holds a Bearer token for this configuration valid for the default margin.
    static func hit(arguments: ArraySlice<String>) -> String? {
        guard arguments.elementsEqual(["token"]) else { return nil }
        let environment = ProcessInfo.processInfo.environment
        guard let directory = PKJWTFiles.cacheDirectory(environment: environment),
            let configuration = try? Configuration.load(envFile: EnvFileOption.defaultPath, environment: environment),
            let preference = try? DPoPKeyFile.Preference(configuration, flag: false), preference != .always,
            let key = try? TokenSource.cacheKey(configuration, authServer: nil)
        else { return nil }
        let cache = TokenCache(directory: directory)
        guard (try? cache.prepare()) != nil, let lock = try? FileLock(for: cache.path(for: key)) else { return nil }
        defer { lock.release() }
        return cache.read(key, now: Date(), margin: Token.defaultCacheMargin)?.accessToken
    }
}
