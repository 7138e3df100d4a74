// A transport that records requests and answers from a script.

import Foundation
import OktaAPI
import PrivateKeyJWT
import Synchronization
import Testing

/// Answers each request with the next scripted outcome and records what was sent.
final class StubTransport: HTTPTransport {
    enum Outcome: Sendable {
        case respond(HTTPResponse)
        case fail(OktaAPIError)
    }

    private let state: Mutex<(script: [Outcome], sent: [HTTPRequest])>

    init(_ script: [Outcome]) { state = Mutex((script, [])) }

    var sent: [HTTPRequest] { state.withLock { $0.sent } }

    func send(_ request: HTTPRequest) async throws(OktaAPIError) -> HTTPResponse {
        let outcome: Outcome = state.withLock { state in
            state.sent.append(request)
            return state.script.isEmpty ? .respond(HTTPResponse(status: 599)) : state.script.removeFirst()
        }
        switch outcome {
        case .respond(let response): return response
        case .fail(let error): throw error
        }
    }
}

/// Records the waits instead of sleeping.
final class WaitRecorder: Sendable {
    private let waits = Mutex<[TimeInterval]>([])
    var recorded: [TimeInterval] { waits.withLock { $0 } }
    func record(_ seconds: TimeInterval) { waits.withLock { $0.append(seconds) } }
}

func json(_ status: Int, _ text: String, headers: [String: String] = [:]) -> StubTransport.Outcome {
    .respond(
        HTTPResponse(
            status: status,
            headers: headers.merging(["Content-Type": "application/json", "X-Okta-Request-Id": "req-123"]) { $1 },
            body: Array(text.utf8)))
}

func client(
    _ stub: StubTransport, waits: WaitRecorder = WaitRecorder(), now: Date = Date(timeIntervalSince1970: 1_700_000_000)
) -> OktaHTTPClient {
    OktaHTTPClient(transport: stub, retry: RetryPolicy(), sleep: { waits.record($0) }, now: { now }, jitter: { 0.5 })
}

func bodyJSON(_ request: HTTPRequest) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(request.body ?? [])) as? [String: Any] ?? [:]
}

// Fixtures shared by the suites of this target.

private let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("vectors")
let testKey = try! RSAPrivateKey(
    pemRepresentation: String(
        contentsOf: vectors.appendingPathComponent("rsa/openssl-keys/key1.pkcs8.pem"), encoding: .utf8))
let org = try! OktaOrg("https://example.okta.com")

/// The error of a management call answered with `outcome`.
func managementFailure(_ outcome: StubTransport.Outcome) async -> OktaAPIError? {
    let stub = StubTransport([outcome])
    do {
        _ = try await OktaManagementClient(org: org, apiToken: "t", http: client(stub)).listGrants(appID: "0oa1")
        return nil
    } catch {
        return error
    }
}

/// The error of a token call answered with `body` and `status`.
func tokenFailure(_ body: String, status: Int = 400) async -> OktaAPIError? {
    let stub = StubTransport([json(status, body)])
    do {
        _ = try await OktaTokenClient(org: org, clientID: "0oa1", key: testKey, kid: "k1", http: client(stub))
            .token(scopes: ["okta.users.read"])
        return nil
    } catch {
        return error
    }
}

/// The typed hint of an Okta error answer, nil for anything else.
func typedHint(of error: OktaAPIError?) -> OktaHint? {
    guard case .okta(let failure) = error else { return nil }
    return failure.hint
}

/// The checks every OktaAPI request passes: method, URL, User-Agent and Accept.
func expectCommon(
    _ request: HTTPRequest, _ method: HTTPRequest.Method, _ path: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(request.method == method, sourceLocation: sourceLocation)
    #expect(request.url.absoluteString == "https://example.okta.com" + path, sourceLocation: sourceLocation)
    #expect(request.header("User-Agent") == OktaHTTPClient.defaultUserAgent, sourceLocation: sourceLocation)
    #expect(request.header("Accept") == "application/json", sourceLocation: sourceLocation)
}

/// The OktaAPIError `body` ends in; nil when it succeeds (or throws something else, which a test then
/// sees as nil too).
func failure(of body: () async throws -> Void) async -> OktaAPIError? {
    do {
        try await body()
        return nil
    } catch {
        return error as? OktaAPIError
    }
}

/// Okta's own answer in `error`, when that is what it is.
func oktaAnswer(_ error: OktaAPIError?) -> OktaFailure? {
    guard case .okta(let failure) = error else { return nil }
    return failure
}

/// The failure of an error answer whose JSON body is neither of Okta's shapes (`{}` in these tests).
func malformedAnswer(_ error: OktaAPIError?) -> OktaFailure? {
    guard case .invalidResponse(let failure, .malformedErrorBody) = error else { return nil }
    return failure
}
