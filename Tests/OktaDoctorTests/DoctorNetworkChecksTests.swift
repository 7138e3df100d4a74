import Foundation
import PrivateKeyJWT
import Testing

@testable import OktaDoctor

@Suite("The network and clock checks")
struct DoctorNetworkChecksTests {
    @Test(
        "the clock: within 30 s passes, beyond warns, beyond what Okta accepts fails (ahead > 60 s, behind ≥ exp)",
        arguments: [
            (0.0, DoctorCheck.Status.pass), (30, .pass), (-30, .pass), (31, .warn), (-60, .warn), (-61, .fail),
            (ClientAssertion.defaultLifetime - 1, .warn), (ClientAssertion.defaultLifetime, .fail),
        ])
    func clock(offset: TimeInterval, expected: DoctorCheck.Status) {
        let check = DoctorRun.clockVerdict(offset: offset)
        #expect(check.status == expected)
        #expect(check.fix == (expected == .pass ? nil : .setClock))
    }

    @Test("a name that does not resolve, and a server that is not the org, each fail with their fix")
    func network() async throws {
        try await DevOrg.with { org in
            let unresolved = try await org.doctor(["OKTA_URL": "https://no-such-org.invalid"])
            #expect(unresolved[.network]?.fix == .checkDNS)
            #expect(unresolved[.clock]?.status == .skip)
            let path = try await org.doctor(["OKTA_URL": org.server.url + "/oauth2"])
            #expect(path[.network]?.status == .fail)
        }
    }
}
