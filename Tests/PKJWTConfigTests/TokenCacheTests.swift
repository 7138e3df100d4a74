import Foundation
import PrivateKeyJWT
import Testing

@testable import PKJWTConfig

@Suite("token cache")
struct TokenCacheTests {
    static let key = TokenCache.Key(
        orgURL: "https://example.okta.com", authorizationServer: nil, clientID: "0oa1", kid: "k1",
        scopes: ["okta.users.read", "okta.apps.read"])
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func withCache(_ body: (TokenCache) throws -> Void) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("pkjwt-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let cache = TokenCache(directory: base.path + "/nested/pkjwt")
        try cache.prepare()
        try body(cache)
    }

    @Test("reused until the margin before expiry (injected clock); scopes in any order are one key") func margin()
        throws
    {
        try Self.withCache { cache in
            try cache.write(
                Self.key, accessToken: "at", tokenType: "Bearer", expiresIn: 3600,
                response: ["access_token": .string("at")], now: Self.now)
            var reordered = Self.key
            reordered.scopes = ["okta.apps.read", "okta.users.read", "okta.apps.read"]
            #expect(cache.read(reordered, now: Self.now.addingTimeInterval(3539), margin: 60)?.accessToken == "at")
            #expect(
                cache.read(Self.key, now: Self.now.addingTimeInterval(3540), margin: 60) == nil, "inside the margin")
            #expect(cache.read(Self.key, now: Self.now.addingTimeInterval(3599), margin: 0)?.accessToken == "at")
        }
    }

    @Test("another org, server, client, kid, scope set or DPoP key is another token") func keyParts() throws {
        try Self.withCache { cache in
            try cache.write(
                Self.key, accessToken: "at", tokenType: "Bearer", expiresIn: 3600, response: [:], now: Self.now)
            var others = [TokenCache.Key](repeating: Self.key, count: 6)
            others[0].orgURL = "https://other.okta.com"
            others[1].authorizationServer = "default"
            others[2].clientID = "0oa2"
            others[3].kid = "k2"
            others[4].scopes = ["okta.users.read"]
            others[5].dpopThumbprint = "abc"
            for other in others { #expect(cache.read(other, now: Self.now, margin: 60) == nil, "\(other)") }
        }
    }

    @Test("a corrupt file, or one holding another key's token, is a miss and is replaced") func corruptAndForeign()
        throws
    {
        try Self.withCache { cache in
            let path = cache.path(for: Self.key)
            try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
            #expect(cache.read(Self.key, now: Self.now, margin: 60) == nil)
            var other = Self.key
            other.clientID = "0oa9"
            try cache.write(
                other, accessToken: "foreign", tokenType: "Bearer", expiresIn: 3600, response: [:], now: Self.now)
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.copyItem(atPath: cache.path(for: other), toPath: path)
            #expect(cache.read(Self.key, now: Self.now, margin: 60) == nil, "never trusted beyond its key")
            try cache.write(
                Self.key, accessToken: "mine", tokenType: "Bearer", expiresIn: 3600, response: [:], now: Self.now)
            #expect(cache.read(Self.key, now: Self.now, margin: 60)?.accessToken == "mine")
        }
    }

    @Test("the directory is 0700, files 0600; clear removes every token") func permissionsAndClear() throws {
        try Self.withCache { cache in
            try cache.write(
                Self.key, accessToken: "at", tokenType: "Bearer", expiresIn: 3600, response: [:], now: Self.now)
            let directoryMode =
                (try FileManager.default.attributesOfItem(atPath: cache.directory)[.posixPermissions] as? NSNumber)?
                .intValue
            let fileMode =
                (try FileManager.default.attributesOfItem(atPath: cache.path(for: Self.key))[.posixPermissions]
                as? NSNumber)?.intValue
            #expect(directoryMode == 0o700 && fileMode == 0o600)
            chmod(cache.directory, 0o755)
            try cache.prepare()
            #expect(
                (try FileManager.default.attributesOfItem(atPath: cache.directory)[.posixPermissions] as? NSNumber)?
                    .intValue == 0o700)
            // What a write killed on a file system without O_TMPFILE leaves (StagingFile.swift).
            let staged =
                cache.directory + "/." + (cache.path(for: Self.key) as NSString).lastPathComponent + ".app-new"
            FileManager.default.createFile(atPath: staged, contents: Data("{\"accessToken\":".utf8))
            #expect(cache.clear() == 1)
            #expect(cache.read(Self.key, now: Self.now, margin: 0) == nil)
            #expect((try FileManager.default.contentsOfDirectory(atPath: cache.directory)).isEmpty)
        }
    }

    @Test("the default directory follows XDG, else HOME") func defaultDirectory() {
        func folder(_ environment: [String: String]) -> String? {
            TokenCache.defaultDirectory(environment: environment, application: "tool")
        }
        #expect(folder(["XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/x/tool")
        #expect(folder(["XDG_CACHE_HOME": "relative", "HOME": "/h"]) == "/h/.cache/tool")
        #expect(folder(["HOME": "relative"]) == nil)
        #expect(folder([:]) == nil)
    }

    @Test("a clock offset is kept per org, read back, forgotten with nil, and cleared with the tokens")
    func clockOffsets() throws {
        try Self.withCache { cache in
            #expect(cache.clockOffset(for: "https://example.okta.com") == nil)
            try cache.keepClockOffset(-4000, for: "https://example.okta.com")
            try cache.keepClockOffset(37, for: "https://other.okta.com")
            #expect(cache.clockOffset(for: "https://example.okta.com") == -4000)
            #expect(cache.clockOffset(for: "https://other.okta.com") == 37)
            try cache.keepClockOffset(nil, for: "https://other.okta.com")
            #expect(cache.clockOffset(for: "https://other.okta.com") == nil)
            #expect(cache.clear() == 0, "clock offsets are not tokens")
            #expect(cache.clockOffset(for: "https://example.okta.com") == nil)
        }
    }

    @Test(
        "a clock offset file is read strictly: anything else is no offset",
        arguments: [
            "", "12", "12\n\n", "+12\n", " 12\n", "1.5\n", "-\n", "0x10\n", "1234567890\n", "315360001\n", "--5\n",
        ])
    func clockOffsetRefusals(text: String) throws {
        try Self.withCache { cache in
            try cache.keepClockOffset(1, for: "https://example.okta.com")
            let name = try #require(
                try FileManager.default.contentsOfDirectory(atPath: cache.directory).first { $0.hasPrefix("clock-") })
            try Data(text.utf8).write(to: URL(fileURLWithPath: cache.directory + "/" + name))
            #expect(cache.clockOffset(for: "https://example.okta.com") == nil)
        }
    }

    @Test("the largest offset kept is ten years either way") func clockOffsetBounds() throws {
        try Self.withCache { cache in
            try cache.keepClockOffset(-315_360_000, for: "https://example.okta.com")
            #expect(cache.clockOffset(for: "https://example.okta.com") == -315_360_000)
            try cache.keepClockOffset(315_360_001, for: "https://example.okta.com")
            #expect(cache.clockOffset(for: "https://example.okta.com") == nil, "out of range: forgotten")
        }
    }
}
