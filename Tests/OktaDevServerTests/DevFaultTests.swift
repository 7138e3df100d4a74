import Testing

@testable import OktaDevServer

/// The dev org's fault names, parsed once when a test queues them.
@Suite("DevFault: the faults the local org injects")
struct DevFaultTests {
    @Test(
        "every documented fault parses",
        arguments: [
            ("429", DevFault.status(429)), ("500", .status(500)), ("502", .status(502)), ("503", .status(503)),
            ("504", .status(504)),
            ("invalid_client", .invalidClient), ("truncate", .truncate), ("reset", .reset), ("cut-after", .cutAfter),
            ("delay:1.5", .delay(seconds: 1.5)), ("slow-body:0", .slowBody(seconds: 0)),
        ])
    func parses(text: String, fault: DevFault) {
        #expect(DevFault(text) == fault)
    }

    @Test(
        "anything else is refused when queued",
        arguments: [
            "", "404", "200", "42", "Reset", "delay:", "delay:x", "delay:-1", "delay:61", "slow-body:nan", "cut_after",
            " 429",
        ])
    func refuses(text: String) {
        #expect(DevFault(text) == nil)
    }

    @Test("only cut-after and slow-body act after the request is processed") func afterProcessing() {
        #expect(DevFault.cutAfter.isAfterProcessing && DevFault.slowBody(seconds: 1).isAfterProcessing)
        #expect(
            ![DevFault.reset, .truncate, .delay(seconds: 1), .status(429), .invalidClient].contains {
                $0.isAfterProcessing
            })
    }
}
