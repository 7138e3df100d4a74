import Testing

@testable import PKJWTConfig

@Suite("FileOwner: the name on an application's staging files and its staging variable")
struct FileOwnerTests {
    @Test(
        "names: lower-case letters, digits and '-', starting with a letter, at most 32",
        arguments: [
            ("pkjwt", true), ("my-tool2", true), ("a", true), (String(repeating: "a", count: 32), true),
            ("", false), ("Tool", false), ("2tool", false), ("-tool", false), ("to ol", false), ("tool/x", false),
            ("tööl", false), (String(repeating: "a", count: 33), false),
        ])
    func validity(name: String, valid: Bool) {
        #expect(FileOwner.isValid(name) == valid)
    }

    @Test("unset, the owner is 'app': staging files end .app-new, the variable is APP_SECRET_STAGING")
    func defaults() {
        // No test sets the owner: the executable does, once, before its first write (Main.swift).
        #expect(FileOwner.name == "app")
        #expect(FileOwner.stagingSuffix == ".app-new")
        #expect(FileOwner.stagingVariable == "APP_SECRET_STAGING")
        #expect(StagingFile.stagingPath(for: "/f/key.pem") == "/f/.key.pem.app-new")
    }
}
