import Foundation
import OktaAPI
import Testing

@testable import OktaDoctor

@Suite("DoctorRun: every check in order, against an in-process dev org", .serialized)
struct DoctorRunTests {
    @Test("a registered, granted app with a role: every check passes, in the order a token depends on them")
    func allPass() async throws {
        try await DevOrg.with { org in
            let checks = try await org.doctor()
            for name in DoctorCheck.Name.allCases {
                #expect(checks[name]?.status == .pass, "\(name): \(String(describing: checks[name]))")
                #expect(checks[name]?.fix == nil)
            }
            #expect(checks[.token]?.milliseconds != nil)
        }
    }

    @Test("without API_KEY, a refused token request is traced to the check it points at")
    func traced() async throws {
        try await DevOrg.with(granted: []) { org in
            let checks = try await org.doctor(["API_KEY": nil])
            #expect(checks[.app]?.status == .skip)
            #expect(checks[.token]?.fix == .okta(.grantScopes))
            #expect(checks[.grants]?.status == .fail)
            #expect(checks[.grants]?.fix == .readWithAPIKey(.grants, refusal: .grantScopes))
            #expect(checks[.call]?.status == .skip)
        }
    }

    @Test("the check a hint points at, among those read only with API_KEY")
    func pointedAt() {
        #expect(DoctorRun.check(pointedAtBy: .registerKey) == .app)
        #expect(DoctorRun.check(pointedAtBy: .turnOnDPoP) == .app)
        #expect(DoctorRun.check(pointedAtBy: .grantScopes) == .grants)
        #expect(DoctorRun.check(pointedAtBy: .grantAdminRole) == .grants)
        #expect(DoctorRun.check(pointedAtBy: .checkClock) == nil)
    }
}
