import Foundation
import Testing

@testable import OktaDoctor

@Suite("The token and call checks", .serialized)
struct DoctorTokenChecksTests {
    @Test("a DPOP value that is no boolean fails the token check with its fix; the call is skipped")
    func dpopValue() async throws {
        try await DevOrg.with { org in
            let checks = try await org.doctor(["DPOP": "maybe"])
            #expect(checks[.token]?.fix == .fixDPoPSetting)
            #expect(checks[.call]?.status == .skip)
        }
    }

    @Test("the token's scopes and lifetime are in the details; the call answers 200")
    func passed() async throws {
        try await DevOrg.with { org in
            let checks = try await org.doctor()
            #expect(checks[.token]?.details.contains("scopes: okta.users.read") == true)
            #expect(checks[.call]?.saw == "GET /api/v1/users?limit=1 answered 200")
        }
    }
}
