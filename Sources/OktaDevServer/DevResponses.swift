// Okta's response shapes: JSON bodies, the management error shape, the OAuth error shape, and the
// headers every Okta response carries.

import Foundation
import HTTPTypes
import Hummingbird
import PrivateKeyJWT

/// A response the dev server's handlers produce; turned into a Hummingbird Response in one place.
struct DevReply: Sendable {
    var status: HTTPResponse.Status
    var body: [UInt8]
    var headers: [(HTTPField.Name, String)] = []
    var contentType = "application/json"

    static func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> DevReply {
        DevReply(status: status, body: sortedJSON(value))
    }

    /// Okta management error: {"errorCode","errorSummary","errorLink","errorId","errorCauses"}.
    static func okta(_ status: HTTPResponse.Status, _ code: String, _ summary: String, causes: [String] = [])
        -> DevReply
    {
        struct Cause: Encodable { let errorSummary: String }
        struct Body: Encodable {
            let errorCode: String, errorSummary: String, errorLink: String, errorId: String
            let errorCauses: [Cause]
        }
        return json(
            status,
            Body(
                errorCode: code, errorSummary: summary, errorLink: code, errorId: DevIDs.make("oae"),
                errorCauses: causes.map(Cause.init)))
    }

    /// OAuth 2.0 error (RFC 6749 §5.2): {"error","error_description"}.
    static func oauth(_ status: HTTPResponse.Status, _ error: String, _ description: String) -> DevReply {
        json(status, ["error": error, "error_description": description])
    }

    /// 429 E0000047 with Okta's rate-limit headers: nothing left until `reset` (epoch seconds).
    static func rateLimited(reset: Int, limit: Int) -> DevReply {
        var reply = okta(.tooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
        reply.headers += [
            (HTTPField.Name("X-Rate-Limit-Limit")!, String(limit)), (HTTPField.Name("X-Rate-Limit-Remaining")!, "0"),
            (HTTPField.Name("X-Rate-Limit-Reset")!, String(reset)),
        ]
        return reply
    }

    static let invalidAPIToken = okta(.unauthorized, "E0000011", "Invalid token provided")
    static func notFound(_ what: String) -> DevReply {
        okta(.notFound, "E0000007", "Not found: Resource not found: \(what)")
    }
    static func validation(_ cause: String) -> DevReply {
        okta(.badRequest, "E0000001", "Api validation failed: \(cause)", causes: [cause])
    }

    /// The response with its full Content-Length but only the first half of the body, then an
    /// error that makes the server drop the connection: what a client sees when a link fails mid-answer.
    var cutMidBody: Response {
        var response = response
        let half = ByteBuffer(bytes: body.prefix(body.count / 2))
        let length = body.count
        response.body = ResponseBody(contentLength: length) { writer in
            try await writer.write(half)
            throw DevCut()
        }
        return response
    }

    /// Headers promising a body, then a dropped connection: nothing of the answer arrives.
    var cutBeforeBody: Response {
        var response = response
        let length = max(1, body.count)
        response.body = ResponseBody(contentLength: length) { _ in throw DevCut() }
        return response
    }

    /// Half the body, a pause of `pause` seconds, then the rest.
    func slowBody(pause: TimeInterval) -> Response {
        var response = response
        let first = ByteBuffer(bytes: body.prefix(body.count / 2)),
            rest = ByteBuffer(bytes: body.dropFirst(body.count / 2))
        response.body = ResponseBody(contentLength: body.count) { writer in
            try await writer.write(first)
            try await Task.sleep(nanoseconds: UInt64(max(0, min(pause, 600)) * 1e9))
            try await writer.write(rest)
        }
        return response
    }

    struct DevCut: Error {}

    /// The Hummingbird response, with Okta's request id and rate-limit headers.
    var response: Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        fields[HTTPField.Name("X-Okta-Request-Id")!] = DevIDs.make("req")
        fields[HTTPField.Name("X-Rate-Limit-Limit")!] = "600"
        fields[HTTPField.Name("X-Rate-Limit-Remaining")!] = "599"
        fields[HTTPField.Name("X-Rate-Limit-Reset")!] = String(Int(Date().timeIntervalSince1970) + 60)
        for (name, value) in headers { fields[name] = value }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
