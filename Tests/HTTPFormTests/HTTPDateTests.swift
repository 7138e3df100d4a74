import Foundation
import Testing

@testable import HTTPForm

@Suite("HTTP dates: IMF-fixdate only, every field checked")
struct HTTPDateTests {
    @Test("RFC 9110's example and dates around leap days and centuries read as they should")
    func known() throws {
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT")?.timeIntervalSince1970 == 784_111_777)
        #expect(HTTPDate.parse("Thu, 01 Jan 1970 00:00:00 GMT")?.timeIntervalSince1970 == 0)
        #expect(HTTPDate.parse("Thu, 29 Feb 2024 23:59:59 GMT")?.timeIntervalSince1970 == 1_709_251_199)
        #expect(HTTPDate.parse("Tue, 29 Feb 2000 12:00:00 GMT")?.timeIntervalSince1970 == 951_825_600)
        #expect(HTTPDate.parse("Mon, 07 Dec 2026 07:44:31 GMT")?.timeIntervalSince1970 == 1_796_629_471)
        // A year before 1000 keeps its four digits both ways (found by the http-date fuzz target).
        let early = try #require(HTTPDate.parse("Sun, 16 Nov 0994 08:49:37 GMT"))
        #expect(HTTPDate.format(early) == "Sun, 16 Nov 0994 08:49:37 GMT")
        // A leap second is read as the instant after 23:59:59.
        #expect(HTTPDate.parse("Thu, 29 Feb 2024 23:59:60 GMT")?.timeIntervalSince1970 == 1_709_251_200)
    }

    @Test("format and parse agree, and agree with Foundation's calendar, over 60 years")
    func roundTrip() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "GMT"))
        for step in 0..<400 {
            let date = Date(timeIntervalSince1970: TimeInterval(step) * 4_733_437 + 17)
            let text = HTTPDate.format(date)
            #expect(HTTPDate.parse(text) == date, "\(text)")
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            #expect(text.contains(" \(parts.year ?? 0) ") && text.contains(HTTPDate.months[(parts.month ?? 1) - 1]))
        }
    }

    @Test(
        "each rule refuses its own breach",
        arguments: [
            "Sun, 06 Nov 1994 08:49:37 GMT ",  // length
            "Sun; 06 Nov 1994 08:49:37 GMT",  // the comma
            "Sun, 06-Nov 1994 08:49:37 GMT",  // a separator
            "Sun, 06 Nov 1994 08.49:37 GMT",  // a colon
            "Sun, 06 Nov 1994 08:49:37 UTC",  // the zone
            "Sun, 06 Nov 1994 08:49:37 gmt",  // the zone's case
            "Sunday, 06-Nov-94 08:49:37 GMT",  // RFC 850
            "Sun Nov  6 08:49:37 1994     ",  // asctime, padded to the length
            "Sun, 6  Nov 1994 08:49:37 GMT",  // two-digit day
            "Dim, 06 Nov 1994 08:49:37 GMT",  // day name
            "Mon, 06 Nov 1994 08:49:37 GMT",  // day name that does not match the date
            "Sun, 06 Nob 1994 08:49:37 GMT",  // month name
            "Sun, 06 nov 1994 08:49:37 GMT",  // month name's case
            "Sun, 0x Nov 1994 08:49:37 GMT",  // digits
            "Sun, +6 Nov 1994 08:49:37 GMT",  // a sign
            "Sun, 00 Nov 1994 08:49:37 GMT",  // day 0
            "Thu, 31 Nov 1994 08:49:37 GMT",  // day past the month's end
            "Sun, 29 Feb 1900 08:49:37 GMT",  // no leap day in 1900
            "Sun, 06 Nov 1994 24:00:00 GMT",  // hour
            "Sun, 06 Nov 1994 08:60:37 GMT",  // minute
            "Sun, 06 Nov 1994 08:49:61 GMT",  // second
        ])
    func refusals(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }
}
