// The dev org's URL space, with SSWS authentication, body collection and fault injection in one place.

import Foundation
import HTTPForm
import HTTPTypes
import Hummingbird
import Logging
import PrivateKeyJWT

struct DevRoutes: Sendable {
    let org: DevOrg
    static let maximumBody = 1 << 20

    /// The SSWS-protected management endpoints.
    func management(_ router: Router<BasicRequestContext>) {
        route(router, .post, "/oauth2/v1/clients", ssws: true) { _, body, _ in await org.registerClient(body) }
        route(router, .post, "/api/v1/apps", ssws: true) { _, body, _ in await org.createApp(body) }
        route(router, .get, "/api/v1/apps", ssws: true) { _, _, request in
            await org.listApps(query: request.uri.queryParameters.get("q").map { String($0) })
        }
        route(router, .get, "/api/v1/apps/:appId", ssws: true) { p, _, _ in await org.getApp(appID: p("appId")) }
        route(router, .put, "/api/v1/apps/:appId", ssws: true) { p, body, _ in
            await org.replaceApp(appID: p("appId"), body)
        }
        route(router, .post, "/api/v1/apps/:appId/lifecycle/:action", ssws: true) { p, _, _ in
            switch p("action") {
            case "activate": await org.setApp(appID: p("appId"), active: true)
            case "deactivate": await org.setApp(appID: p("appId"), active: false)
            default: .notFound("lifecycle/\(p("action"))")
            }
        }
        route(router, .get, "/api/v1/apps/:appId/credentials/jwks", ssws: true) { p, _, _ in
            await org.listKeys(appID: p("appId"))
        }
        route(router, .post, "/api/v1/apps/:appId/credentials/jwks", ssws: true) { p, body, _ in
            await org.addKey(appID: p("appId"), body)
        }
        route(router, .post, "/api/v1/apps/:appId/credentials/jwks/:keyId/lifecycle/activate", ssws: true) { p, _, _ in
            await org.setKey(appID: p("appId"), keyID: p("keyId"), active: true)
        }
        route(router, .post, "/api/v1/apps/:appId/credentials/jwks/:keyId/lifecycle/deactivate", ssws: true) {
            p, _, _ in
            await org.setKey(appID: p("appId"), keyID: p("keyId"), active: false)
        }
        route(router, .delete, "/api/v1/apps/:appId/credentials/jwks/:keyId", ssws: true) { p, _, _ in
            await org.deleteKey(appID: p("appId"), keyID: p("keyId"))
        }
        route(router, .get, "/api/v1/apps/:appId/grants", ssws: true) { p, _, _ in
            await org.listGrants(appID: p("appId"))
        }
        route(router, .post, "/api/v1/apps/:appId/grants", ssws: true) { p, body, _ in
            await org.addGrant(appID: p("appId"), body)
        }
        route(router, .get, "/oauth2/v1/clients/:clientId/roles", ssws: true) { p, _, _ in
            await org.listRoles(clientID: p("clientId"))
        }
        route(router, .post, "/oauth2/v1/clients/:clientId/roles", ssws: true) { p, body, _ in
            await org.assignRole(clientID: p("clientId"), body)
        }
        // Fault switches for tests: queue answers for a path, consumed one per request.
        route(router, .post, "/__dev/faults", ssws: true) { _, body, _ in
            guard let request = try? JSONDecoder().decode(FaultRequest.self, from: Data(body)) else {
                return .validation("expected {path, faults}")
            }
            let faults = request.faults.compactMap(DevFault.init)
            guard faults.count == request.faults.count else {
                return .validation("faults: unknown fault in \(request.faults)")
            }
            await org.state.queueFaults(faults, for: request.path)
            return DevReply(status: .noContent, body: [])
        }
        // How many token requests arrived: what a test of the token cache counts.
        route(router, .get, "/__dev/stats", ssws: true) { _, _, _ in
            .json(.ok, ["token_requests": await org.state.tokenRequests])
        }
    }

    /// Token, introspection, discovery, keys and the users endpoint.
    func oauth(_ router: Router<BasicRequestContext>) {
        route(router, .post, "/oauth2/v1/token", ssws: false) { _, body, request in
            await org.token(
                path: "/oauth2/v1/token", authorizationServer: nil, request: Self.tokenRequest(body, request))
        }
        route(router, .post, "/oauth2/:authServerId/v1/token", ssws: false) { p, body, request in
            let id = p("authServerId")
            return await org.token(
                path: "/oauth2/\(id)/v1/token", authorizationServer: id, request: Self.tokenRequest(body, request))
        }
        route(router, .post, "/oauth2/v1/introspect", ssws: false) { _, body, _ in
            await org.introspect(form: FormEncoding.decode(String(decoding: body, as: UTF8.self)))
        }
        route(router, .get, "/.well-known/openid-configuration", ssws: false) { _, _, _ in await org.discovery() }
        route(router, .get, "/oauth2/v1/keys", ssws: false) { _, _, _ in org.keys() }
        route(router, .get, "/api/v1/users", ssws: false) { _, _, request in
            let query = request.uri.queryParameters
            return await org.users(
                authorization: request.headers[.authorization], proofs: request.headers[values: DevOrg.dpopHeader],
                limit: query.get("limit").flatMap { Int($0) }, after: query.get("after").map { String($0) })
        }
    }

    private typealias Handler =
        @Sendable (_ parameter: (String) -> String, _ body: [UInt8], _ request: Request) async -> DevReply

    private static func tokenRequest(_ body: [UInt8], _ request: Request) -> DevTokenRequest {
        DevTokenRequest(
            body: body, contentType: request.headers[.contentType], query: request.uri.query,
            authorization: request.headers[.authorization], dpopProofs: request.headers[values: DevOrg.dpopHeader])
    }

    /// Registers one route: fault injection first, then SSWS authentication, then the handler.
    private func route(
        _ router: Router<BasicRequestContext>, _ method: HTTPRequest.Method, _ path: String, ssws: Bool,
        _ handler: @escaping Handler
    ) {
        router.on(RouterPath(path), method: method) { request, context -> Response in
            var request = request
            // A fault queued for "METHOD /path" applies to that method only; one for "/path" to any.
            var fault = await org.state.nextFault(for: "\(request.method.rawValue) \(request.uri.path)")
            if fault == nil { fault = await org.state.nextFault(for: request.uri.path) }
            // Faults that break the answer after processing are applied below; the others answer now.
            if let fault, !fault.isAfterProcessing, let reply = await Self.inject(fault) { return reply }
            if ssws && request.headers[.authorization] != "SSWS \(org.apiToken)" {
                return DevReply.invalidAPIToken.response
            }
            let buffer = try await request.collectBody(upTo: Self.maximumBody)
            let parameters = context.parameters
            let reply = await handler({ parameters.get($0) ?? "" }, Array(buffer.readableBytesView), request)
            switch fault {
            case .cutAfter: return reply.cutMidBody
            case .slowBody(let seconds): return reply.slowBody(pause: seconds)
            default: return reply.response
            }
        }
    }

    /// The answer to a fault applied before processing; nil after a delay (the normal answer follows).
    private static func inject(_ fault: DevFault) async -> Response? {
        switch fault {
        case .delay(let seconds):
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
            return nil
        case .reset: return DevReply(status: .ok, body: Array("{}".utf8)).cutBeforeBody
        case .status(429):
            var reply = DevReply.okta(
                .tooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
            reply.headers.append((HTTPField.Name("X-Rate-Limit-Reset")!, String(Int(Date().timeIntervalSince1970) + 1)))
            return reply.response
        case .status(500): return DevReply.okta(.internalServerError, "E0000009", "Internal Server Error").response
        case .status(let code):
            // 502-504 come from Okta's edge, not the API: an HTML page, not Okta's JSON error.
            var reply = DevReply(
                status: HTTPResponse.Status(code: code),
                body: Array("<html><body><h1>\(code)</h1>Service unavailable</body></html>".utf8))
            reply.contentType = "text/html"
            return reply.response
        case .invalidClient:
            return DevReply.oauth(.unauthorized, "invalid_client", "Client authentication failed. (fault)").response
        case .truncate:
            return DevReply(status: .ok, body: Array("{\"token_type\":\"Bearer\",\"access_tok".utf8)).response
        case .cutAfter, .slowBody: return nil
        }
    }

    struct FaultRequest: Decodable {
        let path: String
        let faults: [String]
    }
}

/// The dev server logs nothing by default: request bodies carry assertions.
func quietLogger() -> Logger {
    var logger = Logger(label: "pkjwt-dev-okta")
    logger.logLevel = .critical
    return logger
}
