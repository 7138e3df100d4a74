// Turning an Okta error response into an OktaFailure with a hint for the known failures.

import Foundation

enum OktaErrorMapping {
    private struct ManagementShape: Decodable {
        struct Cause: Decodable { let errorSummary: String? }
        let errorCode: String?
        let errorSummary: String?
        let errorCauses: [Cause]?
    }

    private struct OAuthShape: Decodable {
        let error: String?
        let error_description: String?
    }

    /// The error for a non-2xx response: Okta's management shape, the OAuth shape, or the status alone.
    static func error(for response: HTTPResponse, request: HTTPRequest) -> OktaAPIError {
        var failure = OktaFailure(request: request.summary, status: response.status, requestID: response.requestID)
        let body = Data(response.body)
        if let shape = try? JSONDecoder().decode(ManagementShape.self, from: body), shape.errorCode != nil {
            failure.errorCode = shape.errorCode
            failure.errorSummary = shape.errorSummary
            failure.errorCauses = (shape.errorCauses ?? []).compactMap(\.errorSummary)
        } else if let shape = try? JSONDecoder().decode(OAuthShape.self, from: body), shape.error != nil {
            failure.oauthError = shape.error
            failure.oauthDescription = shape.error_description
        } else if let challenge = response.header("WWW-Authenticate"), let error = authenticateParameter("error", in: challenge) {
            // A resource server's answer to a token or DPoP proof it refuses (RFC 6750 §3, RFC 9449 §7.1).
            failure.oauthError = error
            failure.oauthDescription = authenticateParameter("error_description", in: challenge)
        } else if !response.body.isEmpty, response.header("Content-Type")?.contains("json") == true {
            return .invalidResponse(failure, reason: "truncated or malformed JSON error body")
        }
        if failure.oauthError == nil, let challenge = response.header("WWW-Authenticate"), let error = authenticateParameter("error", in: challenge) {
            failure.oauthError = error
            failure.oauthDescription = authenticateParameter("error_description", in: challenge)
        }
        failure.dpopNonce = response.header("DPoP-Nonce")
        failure.hint = hint(for: failure, response: response)
        return .okta(failure)
    }

    /// What to do next. Management errors are matched on errorCode (Okta: "program on errorCode");
    /// OAuth errors on the error value, then on the description Okta documents for each case.
    static func hint(for f: OktaFailure, response: HTTPResponse) -> String? {
        let description = (f.oauthDescription ?? "").lowercased()
        // DPoP first: a resource server's DPoP refusal also carries Okta's E0000011 body.
        switch f.oauthError {
        case "invalid_dpop_proof" where description.contains("missing"):
            return "this app requires DPoP-bound tokens: pkjwt sends DPoP proofs when Okta asks for them unless DPOP=false is set; remove it, or set DPOP=true"
        case "invalid_dpop_proof", "use_dpop_nonce":
            return "Okta refused the DPoP proof: check this machine's clock (NTP); if it persists, remove the DPoP key file to make a new one"
        case "invalid_token" where description.contains("dpop"):
            return "the token is DPoP-bound: send it as 'Authorization: DPoP <token>' with a DPoP proof ('pkjwt proof METHOD URL' prints both headers)"
        default: break
        }
        switch (f.errorCode, f.oauthError) {
        case ("E0000011", _):
            return "API_KEY is not a valid Okta API token for this org: create one in the Admin Console (Security > API > Tokens) and set API_KEY"
        case ("E0000006", _):
            return "the caller lacks an admin role or scope for this call: give the API token's admin (or the service app, with --admin-role) the right role"
        case ("E0000047", _):
            return "rate limited; pkjwt waited for X-Rate-Limit-Reset and retried. Try again later"
        case ("E0000007", _):
            return notFoundHint(path: f.requestPath)
        case (_, "invalid_scope") where customAuthorizationServer(f.requestPath) != nil:
            let id = customAuthorizationServer(f.requestPath) ?? ""
            return "the authorization server '\(id)' does not allow these scopes for this app: add them to its Scopes and an access policy rule (Admin Console > Security > API > Authorization Servers); okta.* scopes come only from the org authorization server (drop --auth-server)"
        case (_, "invalid_scope"):
            return "the scope is not granted to this app (or is not an Okta API scope): run 'pkjwt register' to grant SCOPES, or grant it in the Admin Console (Okta API Scopes)"
        case (_, "invalid_client") where description.contains("kid"):
            return "the assertion's kid is not a key registered for this app: check KEY_ID, or register the key with 'pkjwt register'"
        case (_, "invalid_client") where description.contains("expir") || description.contains("issued") || description.contains("iat"):
            return "check this machine's clock (NTP): the assertion's iat/exp look wrong to Okta"
        case (_, "invalid_client") where description.contains("already been used"):
            return "the assertion's jti was used before; pkjwt makes a new one per request, so something replayed it"
        case (_, "invalid_client") where description.contains("audience"):
            return "the assertion's aud must be the exact token URL called: check OKTA_URL and --auth-server"
        case (_, "invalid_client") where description.contains("authentication method") || description.contains("private_key_jwt"):
            return "the app is not a service app using private_key_jwt: register it with 'pkjwt register'"
        case (_, "invalid_client"):
            return "check CLIENT_ID, KEY_ID and that the private key matches the key registered for the app"
        case (_, "unauthorized_client"):
            return "the app may not use the client_credentials grant: it must be a service app (application_type service)"
        default:
            return f.status == 401 && f.requestSummaryIsManagement ? "check API_KEY (an Okta API token, sent as 'SSWS <token>')" : nil
        }
    }
}

extension OktaErrorMapping {
    /// One auth-param of a WWW-Authenticate challenge (RFC 9110 §11.2): name="quoted" or name=token.
    static func authenticateParameter(_ name: String, in challenge: String) -> String? {
        guard let range = challenge.range(of: name + "=") else { return nil }
        // Only a whole parameter name: preceded by a space or a comma.
        if range.lowerBound != challenge.startIndex, let before = challenge[..<range.lowerBound].last, before != " " && before != "," { return nil }
        let rest = challenge[range.upperBound...]
        if rest.hasPrefix("\"") {
            return String(rest.dropFirst().prefix { $0 != "\"" })
        }
        return String(rest.prefix { $0 != "," && $0 != " " })
    }

    /// E0000007 names no resource kind; the endpoint says which one is missing.
    static func notFoundHint(path: String) -> String {
        if let id = customAuthorizationServer(path) {
            return "this org has no authorization server '\(id)': check --auth-server (the org authorization server needs none)"
        }
        if path.contains("/credentials/jwks/") { return "that key is no longer on the app: list the app's keys and run 'pkjwt register' again" }
        if path.hasPrefix("/api/v1/apps/") || path.hasPrefix("/oauth2/v1/clients/") {
            return "this org has no app with that id: check CLIENT_ID (and that OKTA_URL is the org it was registered in)"
        }
        return "this org has no such endpoint: check OKTA_URL (the org URL alone, like https://example.okta.com)"
    }

    /// "default" for /oauth2/default/v1/token; nil for the org authorization server (/oauth2/v1/...).
    static func customAuthorizationServer(_ path: String) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[0] == "oauth2", parts[1] != "v1" else { return nil }
        return String(parts[1])
    }
}

extension OktaFailure {
    /// The path of the request, from "POST /oauth2/v1/token".
    var requestPath: String { String(request.split(separator: " ", maxSplits: 1).last ?? "") }

    var requestSummaryIsManagement: Bool { request.contains("/api/v1/") || request.contains("/oauth2/v1/clients") }
}
