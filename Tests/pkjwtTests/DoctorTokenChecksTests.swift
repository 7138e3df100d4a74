import Foundation
import Testing

@Suite("pkjwt doctor: the token and call checks against pkjwt serve")
struct DoctorTokenChecksTests {
    @Test("without API_KEY: the app and grants checks are skipped, or traced from the token's refusal")
    func withoutAPIKey() throws {
        let s = try DoctorTests.registered()
        let env = try s.read(".env").split(separator: "\n").filter { !$0.hasPrefix("API_KEY=") }
        try s.write(".env", env.joined(separator: "\n") + "\n")
        let (run, checks) = try DoctorTests.doctor(s)
        #expect(run.status == 0)
        DoctorTests.expect(checks, "app", "skip")
        DoctorTests.expect(checks, "grants", "skip")
        let (more, traced) = try DoctorTests.doctor(s, environment: ["SCOPES": "okta.users.read okta.groups.read"])
        #expect(more.status == 1)
        DoctorTests.expect(traced, "grants", "fail", fix: "API_KEY")
        DoctorTests.expect(traced, "token", "fail", fix: "pkjwt register")
    }

    @Test("token: a DPoP-required app gets a bound token and the call sends a proof; --path names the call")
    func tokenAndCall() throws {
        let s = try DoctorTests.registered(dpop: true)
        let (run, checks) = try DoctorTests.doctor(s, "--path", "/api/v1/users?limit=2")
        #expect(run.status == 0, "\(run.stdout)")
        let details = checks["token"]?["details"] as? [String] ?? []
        #expect(
            details.contains("scopes: okta.users.read") && details.contains { $0.hasPrefix("bound to the DPoP key ") })
        #expect(checks["call"]?["saw"] as? String == "GET /api/v1/users?limit=2 answered 200")
        let (elsewhere, refused) = try DoctorTests.doctor(s, "--path", "https://example.com/api/v1/users")
        #expect(elsewhere.status == 1)
        DoctorTests.expect(refused, "call", "fail")
    }
}
