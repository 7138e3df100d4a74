import Foundation
import Testing

@testable import pkjwt

@Suite("pkjwt doctor: the configuration and key checks against pkjwt serve")
struct DoctorLocalChecksEndToEndTests {
    @Test("configuration: no CLIENT_ID fails with 'pkjwt register'; a misspelled key is named")
    func configuration() throws {
        let s = try Scratch()
        try s.write(".env", DoctorTests.server.env() + "OKTA_CLIENT_ID=0oa1\n")
        #expect(try s.pkjwt("keygen").status == 0)
        let (run, checks) = try DoctorTests.doctor(s)
        #expect(run.status == 1)
        DoctorTests.expect(checks, "configuration", "fail", fix: "pkjwt register")
        let details = checks["configuration"]?["details"] as? [String] ?? []
        #expect(details.contains("OKTA_CLIENT_ID in .env is not read: did you mean CLIENT_ID?"), "\(details)")
        #expect(details.contains("OKTA_URL=\(DoctorTests.server.url) (from .env)"), "\(details)")
        #expect(details.contains("API_KEY is set (from .env)"), "\(details)")
        DoctorTests.expect(checks, "token", "skip")
        // A setting from the environment is said to come from there.
        let (_, overridden) = try DoctorTests.doctor(s, environment: ["SCOPES": "okta.groups.read"])
        let said = overridden["configuration"]?["details"] as? [String] ?? []
        #expect(said.contains("SCOPES=okta.groups.read (from the environment)"), "\(said)")
    }

    @Test("key: a key file others can read warns; a missing one fails with 'pkjwt keygen'")
    func key() throws {
        let s = try DoctorTests.registered()
        #expect(chmod(s.path("private_key.pem"), 0o644) == 0)
        let (readable, warned) = try DoctorTests.doctor(s)
        #expect(readable.status == 0)
        DoctorTests.expect(warned, "key", "warn", fix: "chmod 600")
        // A key pasted where its path belongs is neither shown nor used.
        let pem = try s.read("private_key.pem")
        let (pasted, refused) = try DoctorTests.doctor(s, environment: ["PRIVATE_KEY_FILE": pem])
        #expect(pasted.status == 1)
        DoctorTests.expect(refused, "key", "fail")
        let line = String(pem.split(separator: "\n")[1])
        #expect(!pasted.stdout.contains(line) && !pasted.stderr.contains(line))
        try FileManager.default.removeItem(atPath: s.path("private_key.pem"))
        let (missing, failed) = try DoctorTests.doctor(s)
        #expect(missing.status == 1)
        DoctorTests.expect(failed, "key", "fail", fix: "pkjwt keygen")
    }
}
