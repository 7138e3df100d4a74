// The steps of `pkjwt rotate` that talk to Okta about one key: add it (checking, not re-sending,
// when the answer was lost), prove it with a token request, take it off again.

import OktaAPI
import OktaConfig
import PrivateKeyJWT

extension Rotate {
    static func managementClient(_ configuration: Configuration, org: OktaOrg, http: OktaHTTPClient) throws
        -> OktaManagementClient
    {
        try OktaManagementClient(
            org: org,
            apiToken: configuration.required(.apiKey),
            http: http)
    }

    /// Adds the key; an answer lost on the way back is checked against the app's keys, not re-sent.
    static func addKey(_ jwk: JWK, to clientID: String, management: OktaManagementClient) async throws {
        let failure: OktaAPIError
        do {
            _ = try await management.addKey(appID: clientID, key: jwk)
            return
        } catch {
            failure = error
        }
        guard failure.mayHaveBeenProcessed,
            try await management.listKeys(appID: clientID).contains(where: { $0.kid == jwk.kid && $0.n == jwk.n })
        else {
            throw failure
        }
    }

    /// A token request with exactly this key and kid, never from the cache: the proof that Okta
    /// takes the key. DPoP as the configuration says (on its own when the app requires it).
    static func proveKey(
        _ key: SigningKey, kid: String, configuration: Configuration, org: OktaOrg, http: OktaHTTPClient
    ) async throws {
        let preference = try DPoPKeyFile.Preference(configuration, flag: false)
        let client = try OktaTokenClient(
            org: org, clientID: configuration.required(.clientID), key: key, kid: kid, http: http,
            dpop: configuration.tokens(http: http).dpopMode(preference, assertionKey: key))
        _ = try await client.token(scopes: configuration.scopes)
    }

    /// Takes a just-added key off the app again; says what happened, for the error message.
    static func removeKey(kid: String, from clientID: String, management: OktaManagementClient) async -> String {
        do {
            for key in try await management.listKeys(appID: clientID) where key.kid == kid {
                if key.status == .active {
                    _ = try await management.setKey(appID: clientID, keyID: key.id, active: false)
                }
                try await management.deleteKey(appID: clientID, keyID: key.id)
                return "the key added to app \(clientID) was removed again"
            }
            return "the new key is not on app \(clientID)"
        } catch {
            return "removing the key added to app \(clientID) failed too (\(Output.words(for: error))): delete kid "
                + "\(kid) in the Admin Console"
        }
    }
}
