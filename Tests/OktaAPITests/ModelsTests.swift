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

    @Test("an app: its OAuth settings from the nested members; the list call's shorter shape leaves them nil")
    func app() throws {
        let full = try JSONDecoder().decode(
            OktaApp.self,
            from: Data(
                #"""
                {"id":"0oa1","label":"svc","status":"INACTIVE",
                 "credentials":{"oauthClient":{"client_id":"0oa1","token_endpoint_auth_method":"client_secret_basic"}},
                 "settings":{"oauthClient":{"grant_types":["authorization_code"],"dpop_bound_access_tokens":true}}}
                """#.utf8))
        #expect(full.status == "INACTIVE" && full.tokenEndpointAuthMethod == "client_secret_basic")
        #expect(full.grantTypes == ["authorization_code"] && full.dpopBoundAccessTokens == true)
        let short = try JSONDecoder().decode(OktaApp.self, from: Data(#"{"id":"0oa2","label":"x"}"#.utf8))
        #expect(short.status == nil && short.tokenEndpointAuthMethod == nil && short.grantTypes == nil)
        #expect {
            try JSONDecoder().decode(OktaApp.self, from: Data(#"{"label":"x"}"#.utf8))
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return false }
            return key.stringValue == "id"
        }
    }
}
