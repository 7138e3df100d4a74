import Foundation
import Testing

@testable import OktaDoctor

@Suite("The app and grants checks: each finding with its typed fix", .serialized)
struct DoctorAppChecksTests {
    @Test("a scope not granted fails grants; no admin role with an okta.* scope fails grants and the call")
    func grants() async throws {
        try await DevOrg.with(granted: []) { org in
            let checks = try await org.doctor()
            #expect(checks[.app]?.status == .pass)
            #expect(checks[.grants]?.fix == .grantScopes)
        }
        try await DevOrg.with(role: false) { org in
            let checks = try await org.doctor()
            #expect(checks[.grants]?.fix == .assignAdminRole)
            #expect(checks[.token]?.status == .pass)
            #expect(checks[.call]?.fix == .assignAdminRole)
        }
    }

    @Test("a CLIENT_ID the org does not know fails the app check with Okta's hint")
    func unknownApp() async throws {
        try await DevOrg.with { org in
            let checks = try await org.doctor(["CLIENT_ID": "0oanothere"])
            #expect(checks[.app]?.status == .fail)
            #expect(checks[.grants]?.status == .skip)
            if case .okta = checks[.app]?.fix {} else { Issue.record("\(String(describing: checks[.app]))") }
        }
    }
}
