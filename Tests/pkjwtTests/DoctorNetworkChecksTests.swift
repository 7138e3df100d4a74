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
}
