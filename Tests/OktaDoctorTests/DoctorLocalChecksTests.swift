import Foundation
import Testing

@testable import OktaDoctor

@Suite("The configuration and key checks: each finding with its typed fix", .serialized)
struct DoctorLocalChecksTests {
    @Test("a missing setting fails the configuration check with its own fix, and nothing after it asks Okta")
    func missingSettings() async throws {
        try await DevOrg.with { org in
            let cases: [(String, DoctorFix)] = [
                ("OKTA_URL", .setOktaURL), ("PRIVATE_KEY_FILE", .makeKey), ("CLIENT_ID", .registerApp),
                ("SCOPES", .setScopes),
            ]
            for (setting, fix) in cases {
                let checks = try await org.doctor([setting: nil])
                #expect(checks[.configuration]?.status == .fail, "\(setting)")
                #expect(checks[.configuration]?.fix == fix, "\(setting)")
                #expect(checks[.token]?.status == .skip, "\(setting)")
            }
        }
    }

    @Test("a misspelt .env key warns and is named in the details")
    func misspelt() async throws {
        try await DevOrg.with { org in
            let checks = try await org.doctor(["OKTA_CLIENT_ID": "0oa1"])
            #expect(checks[.configuration]?.status == .warn)
            #expect(checks[.configuration]?.fix == .renameSettings)
            #expect(
                checks[.configuration]?.details.contains("OKTA_CLIENT_ID in .env is not read: did you mean CLIENT_ID?")
                    == true)
        }
    }

    @Test("the key: a file others can read warns, a missing one fails, KEY_ID not its thumbprint warns")
    func key() async throws {
        try await DevOrg.with { org in
            let path = org.folder + "/key.pem"
            #expect(chmod(path, 0o644) == 0)
            #expect(try await org.doctor()[.key]?.fix == .restrictKeyFile(path: path))
            #expect(chmod(path, 0o600) == 0)
            let thumbprint = try DevOrg.key.get().publicKey.thumbprint
            let other = try await org.doctor(["KEY_ID": "other"])
            #expect(other[.key]?.fix == .setKeyID(thumbprint: thumbprint, current: "other"))
            #expect(other[.app]?.fix == .useRegisteredKID(thumbprint))
            let missing = try await org.doctor(["PRIVATE_KEY_FILE": org.folder + "/nothing.pem"])
            #expect(missing[.key]?.status == .fail)
            #expect(missing[.key]?.fix == .makeOrPointAtKey)
        }
    }
}
