import Foundation
import Testing

@Suite("pkjwt doctor: the app and grants checks against pkjwt serve")
struct DoctorAppChecksTests {
    @Test("app: the local key is not on the app")
    func keyNotOnApp() throws {
        let s = try DoctorTests.registered()
        #expect(try s.pkjwt("keygen", "--force").status == 0)
        let (run, checks) = try DoctorTests.doctor(s)
        #expect(run.status == 1)
        DoctorTests.expect(checks, "app", "fail", fix: "pkjwt register")
        DoctorTests.expect(checks, "token", "fail")
    }

    @Test("app: the key is on the app but INACTIVE")
    func inactiveKey() throws {
        let s = try DoctorTests.registered()
        let env = try s.read(".env")
        let clientID = try #require(env.split(separator: "\n").first { $0.hasPrefix("CLIENT_ID=") }?.dropFirst(10))
        // A second key, so that the first may be deactivated.
        let other = try Scratch()
        let made = try other.pkjwt("keygen")
        #expect(made.status == 0)
        let jwk = try jsonObject(made.stdout)
        #expect(
            try DoctorTests.server.send("POST", "/api/v1/apps/\(clientID)/credentials/jwks", json: jwk).status == 201)
        let keys = try DoctorTests.server.get("/api/v1/apps/\(clientID)/credentials/jwks") as? [[String: Any]] ?? []
        let ours = try #require(keys.first?["id"] as? String)
        #expect(
            try DoctorTests.server.send(
                "POST", "/api/v1/apps/\(clientID)/credentials/jwks/\(ours)/lifecycle/deactivate"
            )
            .status == 200)
        let (run, checks) = try DoctorTests.doctor(s)
        #expect(run.status == 1)
        DoctorTests.expect(checks, "app", "fail", fix: "lifecycle/activate")
        #expect((checks["app"]?["saw"] as? String)?.contains("INACTIVE") == true)
    }

    @Test(
        "app: a wrong auth method, a grant type without client_credentials, a deactivated app",
        arguments: [
            (
                "PUT", #"{"credentials":{"oauthClient":{"token_endpoint_auth_method":"client_secret_basic"}}}"#,
                "Public key"
            ),
            ("PUT", #"{"settings":{"oauthClient":{"grant_types":["authorization_code"]}}}"#, "Client Credentials"),
            ("POST", nil, "lifecycle/activate"),
        ] as [(String, String?, String)])
    func appSettings(method: String, body text: String?, fix: String) throws {
        let body = try text.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
        let s = try DoctorTests.registered()
        let env = try s.read(".env")
        let clientID = try #require(env.split(separator: "\n").first { $0.hasPrefix("CLIENT_ID=") }?.dropFirst(10))
        let path = "/api/v1/apps/\(clientID)" + (method == "POST" ? "/lifecycle/deactivate" : "")
        #expect(try DoctorTests.server.send(method, path, json: body).status == 200)
        let (run, checks) = try DoctorTests.doctor(s)
        #expect(run.status == 1)
        DoctorTests.expect(checks, "app", "fail", fix: fix)
        DoctorTests.expect(checks, "token", "fail")
    }

    @Test("app: DPoP required and DPOP=false fails; DPoP required otherwise passes with a bound token")
    func dpop() throws {
        let s = try DoctorTests.registered(dpop: true)
        let (off, refused) = try DoctorTests.doctor(s, environment: ["DPOP": "false"])
        #expect(off.status == 1)
        DoctorTests.expect(refused, "app", "fail", fix: "DPOP=false")
        let (on, passed) = try DoctorTests.doctor(s)
        #expect(on.status == 0, "\(on.stdout)")
        #expect((passed["token"]?["saw"] as? String)?.contains("DPoP") == true)
        DoctorTests.expect(passed, "call", "pass")
    }

    @Test("grants: a scope in SCOPES not granted; no admin role (the call then gets 403)")
    func grants() throws {
        let s = try DoctorTests.registered()
        let (more, missing) = try DoctorTests.doctor(s, environment: ["SCOPES": "okta.users.read okta.groups.read"])
        #expect(more.status == 1)
        DoctorTests.expect(missing, "grants", "fail", fix: "pkjwt register")
        let noRole = try DoctorTests.registered(role: nil)
        let (run, checks) = try DoctorTests.doctor(noRole)
        #expect(run.status == 1)
        DoctorTests.expect(checks, "grants", "fail", fix: "--admin-role")
        DoctorTests.expect(checks, "token", "pass")
        DoctorTests.expect(checks, "call", "fail", fix: "--admin-role")
    }
}
