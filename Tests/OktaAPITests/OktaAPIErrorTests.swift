import Foundation
import Testing

@testable import OktaAPI

@Suite("OktaAPIError: what may have been processed, retry notes, words")
struct OktaAPIErrorTests {
    static let failure: OktaFailure = {
        var failure = OktaFailure(request: "POST /api/v1/apps", status: 400, requestID: "req-1")
        failure.errorCode = "E0000001"
        failure.errorSummary = "Api validation failed"
        failure.errorCauses = ["label: too long"]
        return failure
    }()

    @Test("only an interrupted exchange or an unreadable 2xx may have been processed") func mayHaveBeenProcessed() {
        var ok = Self.failure
        ok.status = 201
        #expect(OktaAPIError.interrupted(url: "u", .timedOut(seconds: 30)).mayHaveBeenProcessed)
        #expect(OktaAPIError.invalidResponse(ok, .unexpectedJSON).mayHaveBeenProcessed)
        #expect(!OktaAPIError.invalidResponse(Self.failure, .unexpectedJSON).mayHaveBeenProcessed)
        #expect(!OktaAPIError.okta(Self.failure).mayHaveBeenProcessed)
        #expect(!OktaAPIError.connection(url: "u", .refused).mayHaveBeenProcessed)
    }

    @Test("afterRetries notes the attempts on retryable errors only, and not after a single attempt")
    func afterRetries() {
        let note = "after 3 attempts, waiting 1.5 s in all between them"
        let retries = OktaAPIError.Retries(attempts: 3, waited: 1.5)
        #expect(retries.description == note)
        let connection = OktaAPIError.connection(url: "u", .refused, proxy: "p:8")
        #expect(connection.afterRetries(attempts: 1, waited: 0) == connection)
        let retried = connection.afterRetries(attempts: 3, waited: 1.5)
        #expect(retried == .connection(url: "u", .refused, proxy: "p:8", retries: retries))
        #expect(
            retried.description
                == "cannot reach u: the connection was refused (through the proxy p:8) (\(note)). Check the URL, your "
                + "network and HTTPS_PROXY/NO_PROXY.")
        guard case .okta(let failure) = OktaAPIError.okta(Self.failure).afterRetries(attempts: 3, waited: 1.5) else {
            Issue.record("not an Okta failure any more")
            return
        }
        #expect(failure.retries == retries && failure.description.hasSuffix(", \(note)"))
        let setting = OktaAPIError.missingSetting(.apiToken)
        #expect(setting.afterRetries(attempts: 3, waited: 1.5) == setting)
    }

    @Test("a failure reads as request, status, Okta's code, summary, causes and request id, then the hint")
    func words() {
        #expect(
            Self.failure.description
                == "POST /api/v1/apps failed with HTTP 400: E0000001 Api validation failed "
                + "(causes: label: too long) (X-Okta-Request-Id: req-1)")
        #expect(Self.failure.description(hint: "shorten the label").hasSuffix(". Hint: shorten the label"))
        var oauth = OktaFailure(request: "POST /oauth2/v1/token", status: 401, requestID: nil)
        oauth.oauthError = "invalid_client"
        oauth.oauthDescription = "The client_assertion signature is invalid."
        #expect(
            oauth.description
                == "POST /oauth2/v1/token failed with HTTP 401: invalid_client — The client_assertion signature is invalid."
        )
        #expect(OktaAPIError.missingSetting(.clientID).description == "the client id is not set")
    }
}
