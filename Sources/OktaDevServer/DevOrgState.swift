// The dev org's memory: apps, their keys, grants and roles, used assertion ids, and fault switches.

import Foundation
import PrivateKeyJWT

/// One registered key of an app, as the Apps API shows it.
struct DevKey: Codable, Sendable {
    var id: String
    var status: String
    var kid: String?
    var kty = "RSA"
    var n: String
    var e: String
    var alg: String?
    var use: String?
    var created: String
    var lastUpdated: String
}

struct DevGrant: Codable, Sendable {
    var id: String
    var status = "ACTIVE"
    var scopeId: String
    var issuer: String
    var clientID: String
    var created: String
}

struct DevRole: Codable, Sendable {
    var id: String
    var type: String
    var status = "ACTIVE"
    var assignmentType = "CLIENT"
    var created: String
}

/// An OAuth service app of the dev org; its id is also its client_id.
struct DevApp: Sendable {
    var id: String
    var label: String
    var created: String
    var keys: [DevKey]
    var grants: [DevGrant] = []
    var roles: [DevRole] = []
}

/// What the dev org remembers. Everything lives in memory and dies with the process.
actor DevOrgState {
    private(set) var orgURL = ""
    private var apps: [String: DevApp] = [:]
    /// jti → exp: a jti is refused until its assertion has expired.
    private var usedAssertionIDs: [String: TimeInterval] = [:]
    /// path → queued faults, consumed one per matching request.
    private var faults: [String: [String]] = [:]

    func setOrgURL(_ url: String) { orgURL = url }

    /// Token requests received, whatever their outcome.
    private(set) var tokenRequests = 0
    func countTokenRequest() { tokenRequests += 1 }

    func app(_ id: String) -> DevApp? { apps[id] }

    func save(_ app: DevApp) { apps[app.id] = app }

    /// Apps whose label starts with `prefix` (Okta's `q`), oldest first.
    func apps(labelStartingWith prefix: String) -> [DevApp] {
        apps.values.filter { $0.label.lowercased().hasPrefix(prefix.lowercased()) }.sorted { $0.created < $1.created }
    }

    /// Records a jti; false when it was already used (RFC 7523 §3 item 7: single use).
    func useAssertionID(_ jti: String, expiresAt exp: TimeInterval, now: TimeInterval) -> Bool {
        usedAssertionIDs = usedAssertionIDs.filter { $0.value > now }
        guard usedAssertionIDs[jti] == nil else { return false }
        usedAssertionIDs[jti] = exp
        return true
    }

    func queueFaults(_ list: [String], for path: String) { faults[path, default: []] += list }

    func nextFault(for path: String) -> String? {
        guard var queue = faults[path], !queue.isEmpty else { return nil }
        let fault = queue.removeFirst()
        faults[path] = queue
        return fault
    }
}

enum DevIDs {
    /// An Okta-looking id: a three-letter prefix and 17 random characters.
    static func make(_ prefix: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return prefix + String((0..<17).map { _ in alphabet.randomElement()! })
    }

    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
