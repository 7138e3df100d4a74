import Foundation
import Testing

@testable import OktaAPI

@Suite("OktaHTTPClient: headers, cut answers and decoding")
struct OktaHTTPClientTests {
    static let url = URL(string: "https://example.okta.com/api/v1/apps")!

    @Test("a header value with a line break or control character is refused by name, its value never shown")
    func headerInjection() async {
        for value in ["SSWS secret\r\nX-Evil: 1", "SSWS secret\n", "SSWS se\u{0}cret", "SSWS \u{7F}secret"] {
            let stub = StubTransport([json(200, "{}")])
            let refusal = OktaAPIError.configuration(
                .unsendableHeader(name: "Authorization", request: "GET /api/v1/apps"))
            await #expect(throws: refusal) {
                _ = try await client(stub).send {
                    HTTPRequest(method: .get, url: Self.url, headers: ["Authorization": value])
                }
            }
            #expect(!refusal.description.contains("secret"))
            #expect(stub.sent.isEmpty, "nothing reached the transport")
        }
        #expect(HTTPRequest.isValidHeaderValue("Bearer a.b.c\twith tab and obs-text \u{E9}"))
    }

    @Test("User-Agent is always the client's; Accept defaults to JSON but a caller's is kept") func headers()
        async throws
    {
        let stub = StubTransport([json(200, "{}"), json(200, "{}")])
        var http = client(stub)
        http.userAgent = "pkjwt/9.9"
        _ = try await http.send { HTTPRequest(method: .get, url: Self.url, headers: ["User-Agent": "forged"]) }
        _ = try await http.send { HTTPRequest(method: .get, url: Self.url, headers: ["Accept": "text/plain"]) }
        #expect(stub.sent.map { $0.header("User-Agent") } == ["pkjwt/9.9", "pkjwt/9.9"])
        #expect(stub.sent.map { $0.header("Accept") } == ["application/json", "text/plain"])
    }

    @Test("a cut 2xx answer is retried for an idempotent request and returned for a POST") func cutAnswer() async throws
    {
        let isComplete: (HTTPResponse) -> Bool = { $0.body.last == UInt8(ascii: "}") }
        let get = StubTransport([json(200, "{\"a\":"), json(200, "{}")])
        let waits = WaitRecorder()
        let answer = try await client(get, waits: waits).send(
            { HTTPRequest(method: .get, url: Self.url) }, isComplete: isComplete)
        #expect(answer.body == Array("{}".utf8) && get.sent.count == 2 && waits.recorded.count == 1)
        let post = StubTransport([json(200, "{\"a\":"), json(200, "{}")])
        let cut = try await client(post).send({ HTTPRequest(method: .post, url: Self.url) }, isComplete: isComplete)
        #expect(cut.body == Array("{\"a\":".utf8) && post.sent.count == 1, "a create is not repeated blindly")
    }

    @Test("decode names an empty body and a body that is not the JSON expected") func decode() throws {
        struct Expected: Decodable { let id: String }
        let http = client(StubTransport([]))
        let failure = OktaFailure(request: "GET /x", status: 200, requestID: nil)
        let cases: [(String, OktaAPIError.ResponseProblem)] = [
            ("", .emptyBody), ("{\"other\":1}", .unexpectedJSON), ("{\"id\":", .unexpectedJSON),
        ]
        for (body, problem) in cases {
            #expect(throws: OktaAPIError.invalidResponse(failure, problem)) {
                _ = try http.decode(
                    Expected.self, from: HTTPResponse(status: 200, body: Array(body.utf8)), request: "GET /x")
            }
        }
        #expect(
            try http.decode(
                Expected.self, from: HTTPResponse(status: 200, body: Array("{\"id\":\"a\"}".utf8)), request: "GET /x"
            ).id == "a")
    }
}
