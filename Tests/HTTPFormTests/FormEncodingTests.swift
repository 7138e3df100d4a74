import HTTPForm
import Testing

@Suite("FormEncoding (application/x-www-form-urlencoded)")
struct FormEncodingTests {
    @Test("encoding percent-encodes everything outside the unreserved set") func encode() {
        #expect(FormEncoding.encode([("a b", "x+y/z=&é")]) == "a%20b=x%2By%2Fz%3D%26%C3%A9")
        #expect(FormEncoding.encode([]) == "")
    }

    @Test("decoding reads %XX and + as a space, and round-trips what encoding writes") func decode() {
        #expect(FormEncoding.decode("a%20b=x%2By+z") == ["a b": "x+y z"])
        let pairs = [("grant_type", "client_credentials"), ("scope", "okta.users.read okta.apps.read"), ("é", "&=")]
        #expect(FormEncoding.decode(FormEncoding.encode(pairs)) == Dictionary(uniqueKeysWithValues: pairs))
        #expect(FormEncoding.decode("flag&x=") == ["flag": "", "x": ""], "a name without '=' has the value ''")
    }

    @Test("strict decoding refuses a repeated name (RFC 6749 §3.1); the lenient one keeps the last") func repeated() {
        #expect(FormEncoding.decodeStrictly(Array("a=1&b=2".utf8)) == ["a": "1", "b": "2"])
        #expect(FormEncoding.decodeStrictly(Array("a=1&a=2".utf8)) == nil)
        #expect(FormEncoding.decodeStrictly(Array("scope=x&scope".utf8)) == nil)
        #expect(FormEncoding.decode("a=1&a=2") == ["a": "2"])
    }
}
