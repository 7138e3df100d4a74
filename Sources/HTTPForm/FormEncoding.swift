// application/x-www-form-urlencoded (WHATWG URL Standard §5), written by the token client and read by
// the local org: one codec, so that what pkjwt sends and what its dev server accepts cannot drift.

import Foundation

/// Form bodies: every value percent-encoded on the way out; "+" read as a space on the way in.
public enum FormEncoding {
    /// RFC 3986 §2.3's unreserved characters: everything else is percent-encoded.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    /// Percent-encoding never fails for valid Unicode; a lone surrogate cannot reach a Swift String.
    static func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }

    /// The fields of a form body, or nil when a name appears twice (RFC 6749 §3.1: "Request and
    /// response parameters MUST NOT be included more than once"). A name without "=" has the value "".
    public static func decodeStrictly(_ body: some Collection<UInt8>) -> [String: String]? {
        var fields = [String: String]()
        for (name, value) in pairs(String(decoding: body, as: UTF8.self)) {
            guard fields[name] == nil else { return nil }
            fields[name] = value
        }
        return fields
    }

    /// The fields of a form body; of a repeated name, the last value.
    public static func decode(_ body: String) -> [String: String] {
        var fields = [String: String]()
        for (name, value) in pairs(body) { fields[name] = value }
        return fields
    }

    private static func pairs(_ body: String) -> [(String, String)] {
        body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }
}
