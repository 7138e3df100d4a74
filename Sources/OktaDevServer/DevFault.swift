// The faults the dev org injects on request (POST /__dev/faults), parsed once when queued: a test
// that asks for a fault the server does not know gets a 400 then, not a surprise later.

import Foundation

/// One injected fault, consumed by the next request that matches its path.
enum DevFault: Equatable, Sendable {
    /// 429 (Okta's E0000047 with X-Rate-Limit-Reset), 500 (Okta's JSON), 502–504 (the edge's HTML).
    case status(Int)
    /// A token request refused as Okta refuses an assertion it does not take.
    case invalidClient
    /// A 200 whose JSON body breaks off; the request is not processed.
    case truncate
    /// Read, not processed, and the connection drops before a byte of the body.
    case reset
    /// A pause, then the normal answer.
    case delay(seconds: Double)
    /// Processed as usual, then the answer breaks off mid-body.
    case cutAfter
    /// Processed, then half the body, a pause, the rest.
    case slowBody(seconds: Double)

    static let statuses: Set<Int> = [429, 500, 502, 503, 504]

    /// "429", "500", "502"–"504", "invalid_client", "truncate", "reset", "cut-after",
    /// "delay:SECONDS", "slow-body:SECONDS" (0 to 60 s); nil for anything else.
    init?(_ text: String) {
        switch text {
        case "invalid_client": self = .invalidClient
        case "truncate": self = .truncate
        case "reset": self = .reset
        case "cut-after": self = .cutAfter
        default:
            if let code = Int(text), Self.statuses.contains(code) {
                self = .status(code)
            } else if let seconds = Self.seconds(text, after: "delay:") {
                self = .delay(seconds: seconds)
            } else if let seconds = Self.seconds(text, after: "slow-body:") {
                self = .slowBody(seconds: seconds)
            } else {
                return nil
            }
        }
    }

    private static func seconds(_ text: String, after prefix: String) -> Double? {
        guard text.hasPrefix(prefix), let value = Double(text.dropFirst(prefix.count)), (0...60).contains(value) else {
            return nil
        }
        return value
    }

    /// True for faults applied to the answer of a processed request.
    var isAfterProcessing: Bool {
        switch self {
        case .cutAfter, .slowBody: true
        default: false
        }
    }
}
