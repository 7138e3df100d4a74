import OktaAPI
import Testing

@testable import pkjwt

/// OktaAPI speaks no CLI; pkjwt puts each of its hints and settings into its own words.
@Suite("OktaAPI failures in pkjwt's words")
struct OktaWordsTests {
    static let hints: [OktaHint] = [
        .turnOnDPoP, .checkClockOrReplaceDPoPKey, .presentTokenWithDPoP, .replaceAPIToken, .grantAdminRole,
        .rateLimited,
        .allowScopes(authorizationServer: "aus9"), .grantScopes, .registerKey, .checkClock, .assertionReplayed,
        .checkAudience,
        .registerServiceApp, .checkClientCredentials, .useServiceApp, .checkAPIToken,
        .noSuchAuthorizationServer("aus9"), .keyRemoved,
        .noSuchApp, .noSuchEndpoint, .trustCA,
    ]
    static let settings: [OktaSetting] = [
        .orgURL, .apiToken, .clientID, .scopes, .authorizationServer, .caFile, .caDirectory,
    ]
    /// What only pkjwt's users have: its name, its flags and its .env keys.
    static let cliWords = ["pkjwt", "--", "API_KEY", "CLIENT_ID", "OKTA_URL", "SCOPES", "KEY_ID", "DPOP"]

    @Test(
        "no hint or setting of OktaAPI names pkjwt, a flag or an .env key",
        arguments: hints.map(\.description) + settings.map(\.description))
    func libraryWords(text: String) {
        for word in Self.cliWords { #expect(!text.contains(word), "\(text)") }
    }

    @Test(
        "pkjwt's words name what to run or set",
        arguments: [
            (OktaHint.replaceAPIToken, "set API_KEY"), (.grantAdminRole, "--admin-role"),
            (.grantScopes, "pkjwt register"),
            (.registerKey, "KEY_ID"), (.checkAudience, "OKTA_URL and --auth-server"), (.noSuchApp, "check CLIENT_ID"),
            (.noSuchEndpoint, "check OKTA_URL"), (.allowScopes(authorizationServer: "aus9"), "drop --auth-server"),
            (.noSuchAuthorizationServer("aus9"), "check --auth-server"), (.turnOnDPoP, "DPOP=false"),
            (.trustCA, "--cacert"),
            (.presentTokenWithDPoP, "pkjwt proof"), (.checkAPIToken, "check API_KEY"), (.keyRemoved, "pkjwt register"),
        ])
    func cliWords(hint: OktaHint, expected: String) {
        #expect(OktaWords.hint(hint).contains(expected), "\(OktaWords.hint(hint))")
    }

    @Test("every hint has words of pkjwt's, none empty") func everyHint() {
        for hint in Self.hints { #expect(!OktaWords.hint(hint).isEmpty) }
    }

    @Test("settings and whole errors: the names a pkjwt user sets") func errors() {
        #expect(OktaWords.describe(.missingSetting(.apiToken)) == "API_KEY (an Okta API token) is not set")
        #expect(OktaWords.describe(.missingSetting(.clientID)).contains("run 'pkjwt register' first"))
        #expect(
            OktaWords.describe(.invalidSetting(.orgURL, .notAURL(shown: "'x'")))
                == "OKTA_URL 'x' is not a URL like https://example.okta.com")
        #expect(
            OktaWords.describe(.invalidSetting(.caFile, .noPEMCertificate(path: "ca.pem"))).contains(
                "--cacert or SSL_CERT_FILE"))
        #expect(
            OktaWords.describe(.untrustedCertificate(url: "https://o.example/", host: "o.example")).contains(
                "--cacert FILE"))
        var failure = OktaFailure(request: "GET /api/v1/apps/0oa1", status: 404, requestID: "r1")
        failure.hint = .noSuchApp
        let words = OktaWords.describe(.okta(failure))
        #expect(
            words.hasPrefix("GET /api/v1/apps/0oa1 failed with HTTP 404")
                && words.hasSuffix("check CLIENT_ID (and that OKTA_URL is the org it was registered in)"), "\(words)")
        #expect(!OktaAPIError.okta(failure).description.contains("CLIENT_ID"))
    }
}
