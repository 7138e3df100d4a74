// `pkjwt serve --clock-offset`: every answer's `Date` header on the org's clock. Hummingbird stamps
// the host's time on a response after the routes have run, so the org's time is put on here, in the
// channel, on the way out.

import Foundation
import HTTPForm
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Rewrites the `Date` field of each response head to the host's time plus `offset` seconds.
final class DevClockHeader: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let offset: TimeInterval

    init(offset: TimeInterval) { self.offset = offset }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var part = unwrapOutboundIn(data)
        if case .head(var head) = part {
            head.headerFields[.date] = HTTPDate.format(Date().addingTimeInterval(offset))
            part = .head(head)
        }
        context.write(wrapOutboundOut(part), promise: promise)
    }
}
