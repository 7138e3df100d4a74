import Foundation
import Testing

@Suite("pkjwt doctor: the network and clock checks against pkjwt serve")
struct DoctorNetworkChecksTests {
    @Test("network: nothing listens at OKTA_URL; a URL that is not the org's")
    func network() throws {
        let s = try DoctorTests.registered()
        let (closed, checks) = try DoctorTests.doctor(s, environment: ["OKTA_URL": "http://127.0.0.1:9"])
        #expect(closed.status == 1)
        DoctorTests.expect(checks, "network", "fail", fix: "check OKTA_URL")
        DoctorTests.expect(checks, "clock", "skip")
        let (path, wrong) = try DoctorTests.doctor(
            s, environment: ["OKTA_URL": DoctorTests.server.url + "/oauth2/default"])
        #expect(path.status == 1)
        DoctorTests.expect(wrong, "network", "fail", fix: "OKTA_URL")
    }

    @Test("clock: an org whose clock is an hour and more ahead fails the clock check, with NTP as the fix")
    func clock() throws {
        let server = try DevServerProcess(extraArguments: ["--clock-offset=4000"])
        let s = try DoctorTests.registered(on: server)
        let (run, checks) = try DoctorTests.doctor(s)
        #expect(run.status == 1)
        DoctorTests.expect(checks, "clock", "fail", fix: "NTP")
        // pkjwt token itself gets through, signing again on Okta's time.
        DoctorTests.expect(checks, "token", "pass")
        #expect((checks["token"]?["details"] as? [String] ?? []).contains { $0.contains("signed again") })
    }

    @Test("network: a certificate no trusted CA signed fails with the CA fix; with --cacert every check passes")
    func untrustedCertificate() throws {
        let s = try Scratch()
        try TLSTrustTests.makeTestCA(in: s)
        let server = try DevServerProcess(extraArguments: [
            "--tls-cert", s.path("server.pem"), "--tls-key", s.path("server.key"),
        ])
        try s.write(".env", server.env(scopes: "okta.users.read"))
        #expect(try s.pkjwt("keygen").status == 0)
        #expect(try s.pkjwt("register", "--cacert", "ca.pem", "--admin-role", "READ_ONLY_ADMIN").status == 0)
        let (refused, checks) = try DoctorTests.doctor(s, "--timeout", "5")
        #expect(refused.status == 1)
        DoctorTests.expect(checks, "network", "fail", fix: "--cacert")
        #expect((checks["network"]?["details"] as? [String] ?? []).contains("trust roots: the system's"))
        let (trusted, passed) = try DoctorTests.doctor(s, "--cacert", "ca.pem")
        #expect(trusted.status == 0, "\(trusted.stdout)")
        #expect((passed["network"]?["saw"] as? String)?.hasSuffix("answers over HTTPS") == true)
        #expect(
            (passed["network"]?["details"] as? [String] ?? []).contains(
                "trust roots: the CA file ca.pem (--cacert or SSL_CERT_FILE)"))
    }
}
