import Foundation
import Testing

@Suite("pkjwt serve")
struct ServeCommandTests {
    @Test("serve on a port already taken fails with one line") func portTaken() throws {
        let s = try Scratch()
        let port = String(OktaFlowTests.server.url.split(separator: ":").last!)
        expectExplainedFailure(try s.pkjwt("serve", "--port", port), mentioning: "cannot listen on 127.0.0.1:\(port)")
    }
}
