import Foundation
import HTTPForm
import PrivateKeyJWT
import Synchronization
import Testing

@testable import OktaAPI

@Suite("The org probe: one unauthenticated GET, timed, with the org's clock")
struct OrgProbeTests {
    /// A client whose clock reads `times` in turn (the probe reads it before and after the call).
    static func probing(_ stub: StubTransport, times: [TimeInterval]) -> OktaHTTPClient {
        let clock = Mutex(times)
        return OktaHTTPClient(
            transport: stub, retry: RetryPolicy(),
            now: { Date(timeIntervalSince1970: clock.withLock { $0.isEmpty ? 0 : $0.removeFirst() }) })
    }

    @Test("the Date header against the exchange's midpoint; the issuer; the time taken")
    func answered() async throws {
        let date = HTTPDate.format(Date(timeIntervalSince1970: 1_700_000_031))
        let stub = StubTransport([json(200, #"{"issuer":"https://example.okta.com"}"#, headers: ["Date": date])])
        let probe = try await OrgProbe.run(org, http: Self.probing(stub, times: [1_700_000_000, 1_700_000_002]))
        #expect(probe == OrgProbe(status: 200, seconds: 2, clockOffset: 30, issuer: "https://example.okta.com"))
        let request = try #require(stub.sent.first)
        expectCommon(request, .get, "/.well-known/openid-configuration")
        #expect(request.header("Authorization") == nil, "no credential goes with a probe")
    }

    @Test("no Date header: no offset; a body that is not discovery JSON: no issuer")
    func bare() async throws {
        let stub = StubTransport([.respond(HTTPResponse(status: 404, body: Array("<html>".utf8)))])
        let probe = try await OrgProbe.run(org, http: Self.probing(stub, times: [10, 11]))
        #expect(probe == OrgProbe(status: 404, seconds: 1, clockOffset: nil, issuer: nil))
    }

    @Test("a failure is reported as it came, without a retry")
    func failure() async throws {
        let refused = OktaAPIError.connection(url: "https://example.okta.com", .refused)
        let stub = StubTransport([.fail(refused), json(200, "{}")])
        await #expect(throws: refused) { _ = try await OrgProbe.run(org, http: Self.probing(stub, times: [0, 0])) }
        #expect(stub.sent.count == 1)
    }
}
