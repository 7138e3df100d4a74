// A transport that records requests and answers from a script.

import Foundation
import OktaAPI
import Synchronization

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
