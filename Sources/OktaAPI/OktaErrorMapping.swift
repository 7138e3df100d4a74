// Turning an Okta error response into an OktaFailure with a hint for the known failures.

import Foundation
import HTTPForm

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
        } else if let challenge = response.header("WWW-Authenticate"),
            let error = authenticateParameter("error", in: challenge)
        {
            // A resource server's answer to a token or DPoP proof it refuses (RFC 6750 §3, RFC 9449 §7.1).
            failure.oauthError = error
            failure.oauthDescription = authenticateParameter("error_description", in: challenge)
        } else if !response.body.isEmpty, response.header("Content-Type")?.contains("json") == true {
            return .invalidResponse(failure, .malformedErrorBody)
        }
        if failure.oauthError == nil, let challenge = response.header("WWW-Authenticate"),
            let error = authenticateParameter("error", in: challenge)
        {
            failure.oauthError = error
            failure.oauthDescription = authenticateParameter("error_description", in: challenge)
        }
        failure.dpopNonce = response.header("DPoP-Nonce")
        failure.serverDate = response.header("Date").flatMap(HTTPDate.parse)
        failure.hint = hint(for: failure, response: response)
        return .okta(failure)
    }

    /// What to do next. Management errors are matched on errorCode (Okta: "program on errorCode");
    /// OAuth errors on the error value, then on the description Okta documents for each case.
    static func hint(for f: OktaFailure, response: HTTPResponse) -> OktaHint? {
        let description = (f.oauthDescription ?? "").lowercased()
        // DPoP first: a resource server's DPoP refusal also carries Okta's E0000011 body.
        switch f.oauthError {
        case "invalid_dpop_proof" where description.contains("missing"): return .turnOnDPoP
        case "invalid_dpop_proof", "use_dpop_nonce": return .checkClockOrReplaceDPoPKey
        case "invalid_token" where description.contains("dpop"): return .presentTokenWithDPoP
        default: break
        }
        switch (f.errorCode, f.oauthError) {
        case ("E0000011", _): return .replaceAPIToken
        case ("E0000006", _): return .grantAdminRole
        case ("E0000047", _): return .rateLimited
        case ("E0000007", _): return notFoundHint(path: f.requestPath)
        case (_, "invalid_scope"):
            return customAuthorizationServer(f.requestPath).map { .allowScopes(authorizationServer: $0) }
                ?? .grantScopes
        case (_, "invalid_client"): return invalidClientHint(description)
        case (_, "unauthorized_client"): return .useServiceApp
        default: return f.status == 401 && f.requestSummaryIsManagement ? .checkAPIToken : nil
        }
    }

    /// invalid_client covers every client-authentication failure; Okta's description says which.
    static func invalidClientHint(_ description: String) -> OktaHint {
        if description.contains("kid") { return .registerKey }
        if description.contains("expir") || description.contains("issued") || description.contains("iat") {
            return .checkClock
        }
        if description.contains("already been used") { return .assertionReplayed }
        if description.contains("audience") { return .checkAudience }
        if description.contains("authentication method") || description.contains("private_key_jwt") {
            return .registerServiceApp
        }
        return .checkClientCredentials
    }
}

extension OktaErrorMapping {
    /// One auth-param of a WWW-Authenticate challenge (RFC 9110 §11.2): name="quoted" or name=token.
    static func authenticateParameter(_ name: String, in challenge: String) -> String? {
        guard let range = challenge.range(of: name + "=") else { return nil }
        // Only a whole parameter name: preceded by a space or a comma.
        if range.lowerBound != challenge.startIndex, let before = challenge[..<range.lowerBound].last,
            before != " " && before != ","
        {
            return nil
        }
        let rest = challenge[range.upperBound...]
        if rest.hasPrefix("\"") {
            return String(rest.dropFirst().prefix { $0 != "\"" })
        }
        return String(rest.prefix { $0 != "," && $0 != " " })
    }

    /// E0000007 names no resource kind; the endpoint says which one is missing.
    static func notFoundHint(path: String) -> OktaHint {
        if let id = customAuthorizationServer(path) { return .noSuchAuthorizationServer(id) }
        if path.contains("/credentials/jwks/") { return .keyRemoved }
        if path.hasPrefix("/api/v1/apps/") || path.hasPrefix("/oauth2/v1/clients/") { return .noSuchApp }
        return .noSuchEndpoint
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
