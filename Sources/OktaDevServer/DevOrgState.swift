// The dev org's memory: apps, their keys, grants and roles, used assertion ids, and fault switches.

import Foundation
import PrivateKeyJWT

/// The lifecycle state of a key, grant, role or user, spelled as Okta spells it.
enum DevStatus: String, Codable, Sendable {
    case active = "ACTIVE", inactive = "INACTIVE"
}

/// One registered key of an app, as the Apps API shows it.
struct DevKey: Codable, Sendable {
    var id: String
    var status: DevStatus
    var kid: String?
    var kty = "RSA"
    /// RSA's members, or EC's (P-256) curve and point.
    var n: String?, e: String?
    var crv: String?, x: String?, y: String?
    var alg: String?
    var use: String?
    var created: String
    var lastUpdated: String
}

struct DevGrant: Codable, Sendable {
    var id: String
    var status = DevStatus.active
    var scopeId: String
    var issuer: String
    var clientID: String
    var created: String
}

struct DevRole: Codable, Sendable {
    var id: String
    var type: String
    var status = DevStatus.active
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
    /// settings.oauthClient.dpop_bound_access_tokens: token requests need a DPoP proof.
    var dpopRequired = false
    /// The app's lifecycle state: a deactivated app gets no tokens.
    var status = DevStatus.active
    /// credentials.oauthClient.token_endpoint_auth_method: only private_key_jwt takes an assertion.
    var authMethod = "private_key_jwt"
    /// settings.oauthClient.grant_types: the token endpoint refuses a grant the app does not list.
    var grantTypes = ["client_credentials"]

    /// True when the app holds an active admin role: what most management calls need besides the scope.
    var hasAdminRole: Bool { roles.contains { $0.status == .active } }
}

/// What the dev org remembers. Everything lives in memory and dies with the process.
actor DevOrgState {
    private(set) var orgURL = ""
    private var apps: [String: DevApp] = [:]
    /// jti → exp: a jti is refused until its assertion has expired.
    private var usedAssertionIDs: [String: TimeInterval] = [:]
    /// path → queued faults, consumed one per matching request.
    private var faults: [String: [DevFault]] = [:]

    /// Token requests per minute, or nil (see `OktaDevServer.Configuration.tokenRateLimit`).
    let tokenRateLimit: Int?
    private var rateWindow: (start: TimeInterval, count: Int) = (0, 0)
    /// Whether resource calls with DPoP need a nonce too.
    let resourceNonce: Bool
    /// The DPoP nonces handed out: the current one and the one before it, both accepted, so a
    /// client that fetched one just before it changed is not refused (RFC 9449 §8 leaves the
    /// policy to the server). Changed every `nonceLifetime` seconds.
    private var nonces: (current: String, previous: String?, since: TimeInterval) = (
        DevIDs.make("n-"), nil, Date().timeIntervalSince1970
    )
    static let nonceLifetime: TimeInterval = 300
    /// DPoP proof jti → iat: a jti is refused while its proof could still be accepted.
    private var usedProofIDs: [String: TimeInterval] = [:]

    /// Seconds an access token lives.
    let tokenLifetime: TimeInterval

    /// Seconds the org's clock is ahead of the host's (`Configuration.clockOffset`).
    let clockOffset: TimeInterval

    init(
        tokenRateLimit: Int? = nil, resourceNonce: Bool = false, tokenLifetime: TimeInterval = 3600,
        clockOffset: TimeInterval = 0
    ) {
        self.clockOffset = clockOffset
        self.tokenRateLimit = tokenRateLimit
        self.resourceNonce = resourceNonce
        self.tokenLifetime = tokenLifetime
    }

    func setOrgURL(_ url: String) { orgURL = url }

    /// Counts a token request against the per-minute limit; nil when admitted, else the epoch
    /// second the window resets.
    func admitTokenRequest(now: TimeInterval) -> Int? {
        guard let limit = tokenRateLimit else { return nil }
        if now - rateWindow.start >= 60 { rateWindow = (now.rounded(.down), 0) }
        guard rateWindow.count < limit else { return Int(rateWindow.start) + 60 }
        rateWindow.count += 1
        return nil
    }

    /// The nonce to hand out now.
    func currentNonce(now: TimeInterval) -> String {
        if now - nonces.since >= Self.nonceLifetime { nonces = (DevIDs.make("n-"), nonces.current, now) }
        return nonces.current
    }

    func acceptsNonce(_ nonce: String?, now: TimeInterval) -> Bool {
        let current = currentNonce(now: now)
        return nonce != nil && (nonce == current || nonce == nonces.previous)
    }

    /// Records a proof's jti; false when it was seen before (RFC 9449 §11.1).
    func useProofID(_ jti: String, issuedAt: TimeInterval, now: TimeInterval) -> Bool {
        usedProofIDs = usedProofIDs.filter { now - $0.value <= 300 }
        guard usedProofIDs[jti] == nil else { return false }
        usedProofIDs[jti] = issuedAt
        return true
    }

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

    func queueFaults(_ list: [DevFault], for path: String) { faults[path, default: []] += list }

    func nextFault(for path: String) -> DevFault? {
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
