// The `Date` header of an answer (RFC 9110 §6.6.1), read to learn how far this machine's clock is from
// Okta's: the one clock a client-assertion's iat and exp are judged by (docs/OKTA.md, "The token
// request and the assertion Okta accepts"). Read by hand, not by DateFormatter: the header is one fixed
// form, and a formatter's first use loads ICU's calendar data, milliseconds on every token request.

import Foundation

/// An HTTP date in the one form a server must send, IMF-fixdate (RFC 9110 §5.6.7):
/// `Sun, 06 Nov 1994 08:49:37 GMT`. The obsolete RFC 850 and asctime forms are refused, as is any
/// field out of range; a date that cannot be read is no evidence about the clock.
public enum HTTPDate {
    static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The instant `text` names, or nil when it is not an IMF-fixdate.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        // "Sun, 06 Nov 1994 08:49:37 GMT": 29 bytes, separators at fixed places.
        guard bytes.count == 29, bytes[3] == 0x2C, [4, 7, 11, 16, 25].allSatisfy({ bytes[$0] == 0x20 }),
            bytes[19] == 0x3A, bytes[22] == 0x3A, String(decoding: bytes[26...], as: UTF8.self) == "GMT",
            let weekday = days.firstIndex(of: String(decoding: bytes[0..<3], as: UTF8.self)),
            let month = months.firstIndex(of: String(decoding: bytes[8..<11], as: UTF8.self)),
            let day = digits(bytes[5..<7]), let year = digits(bytes[12..<16]), let hour = digits(bytes[17..<19]),
            let minute = digits(bytes[20..<22]), let second = digits(bytes[23..<25]),
            (1...daysIn(month: month + 1, year: year)).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let dayNumber = daysFromCivil(year: year, month: month + 1, day: day)
        // 1970-01-01 was a Thursday (index 3 in `days`): the weekday must agree with the date.
        guard ((dayNumber % 7) + 7 + 3) % 7 == weekday else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(dayNumber * 86400 + hour * 3600 + minute * 60 + second))
    }

    /// `date` as an IMF-fixdate (what `pkjwt serve` sends when its clock is set apart).
    public static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let dayNumber = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let (year, month, day) = civil(fromDays: dayNumber)
        let time = seconds - dayNumber * 86400
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return days[((dayNumber % 7) + 7 + 3) % 7] + ", " + padded(day, 2) + " " + months[month - 1] + " "
            + padded(year, 4) + " " + padded(time / 3600, 2) + ":" + padded(time / 60 % 60, 2) + ":"
            + padded(time % 60, 2) + " GMT"
    }

    /// A run of ASCII digits as a number; nil for anything else.
    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (the era-based count of Hinnant,
    /// "chrono-Compatible Low-Level Date Algorithms", days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// The inverse of `daysFromCivil` (Hinnant, civil_from_days).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * mp + 2) / 5 + 1)
    }
}
