import Foundation
import PrivateKeyJWT
import Testing

@testable import OktaAPI

@Suite("Okta's JSON shapes")
struct ModelsTests {
    @Test("key status: ACTIVE and INACTIVE as cases, any other state kept as Okta wrote it") func keyStatus() throws {
        let keys = try JSONDecoder().decode(
            [AppKey].self,
            from: Data(
                #"[{"id":"a","status":"ACTIVE"},{"id":"b","status":"INACTIVE"},{"id":"c","status":"PENDING"}]"#.utf8))
        #expect(keys.map(\.status) == [.active, .inactive, .other("PENDING")])
        #expect(String(decoding: try JSONEncoder().encode(keys[2].status), as: UTF8.self) == #""PENDING""#)
    }
}
