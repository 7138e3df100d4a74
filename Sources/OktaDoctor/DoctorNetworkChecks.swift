// The look at the org before any credential: the name, the connection and TLS (with the trust roots
// and proxy in force), and the org's clock against this machine's.

import Foundation
import OktaAPI
import OktaConfig
import PrivateKeyJWT

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension DoctorRun {
    /// The org's discovery document fetched once, without credentials, and the route it took.
    mutating func networkCheck() async -> DoctorCheck {
        guard let configuration, configuration[.oktaURL] != nil else {
            return .skip(.network, "no OKTA_URL (see configuration)")
        }
        let organisation: OktaOrg
        do { organisation = try configuration.org() } catch { return .fail(.network, words(error), fix: .fixOrgURL) }
        org = organisation
        let trust = TrustRoots.from(caFile: inputs.caFile, environment: inputs.environment)
        var details = ["trust roots: " + Self.describe(trust, caFileOption: inputs.caFileOption)]
        let proxy: ProxyEnvironment.Proxy?
        do { proxy = try ProxyEnvironment(inputs.environment).proxy(for: organisation.baseURL) } catch {
            return .fail(.network, words(error), fix: .fixProxy)
        }
        let host = organisation.baseURL.host ?? ""
        if let proxy {
            details.append("proxy: \(proxy.host):\(proxy.port) (HTTPS_PROXY; the proxy resolves \(host))")
        } else {
            details.append("proxy: none")
            let start = Date()
            guard let address = Self.resolve(host) else {
                return .fail(.network, "the name \(host) does not resolve", fix: .checkDNS, details: details)
            }
            details.append("\(host) is \(address) (resolved in \(Self.milliseconds(since: start)) ms)")
        }
        let start = Date()
        do {
            probe = try await OrgProbe.run(organisation, http: http)
        } catch {
            return Self.timed(
                .fail(.network, words(error), fix: Self.networkFix(error), details: details), since: start)
        }
        return Self.timed(Self.judge(probe, org: organisation, details: details), since: start)
    }

    private static func judge(_ probe: OrgProbe?, org: OktaOrg, details: [String]) -> DoctorCheck {
        guard let probe, probe.status == 200 else {
            return .fail(
                .network,
                "GET /.well-known/openid-configuration answered \(probe?.status ?? 0): this is not an org URL",
                fix: .useOrgURLAlone, details: details)
        }
        guard probe.issuer == org.issuer else {
            return .fail(
                .network, "the server calls itself \(probe.issuer ?? "nothing"), not \(org.issuer)",
                fix: .useIssuer(probe.issuer), details: details)
        }
        let scheme = org.baseURL.scheme == "https" ? "HTTPS" : "plain HTTP (loopback only)"
        return .pass(.network, "\(org.issuer) answers over \(scheme)", details: details)
    }

    static func describe(_ trust: TrustRoots, caFileOption: String) -> String {
        switch (trust.caFile, trust.caDirectory) {
        case (nil, nil): "the system's"
        case (let file?, nil): "the CA file \(file) (\(caFileOption) or SSL_CERT_FILE)"
        case (nil, let directory?): "the CA directory \(directory) (SSL_CERT_DIR)"
        case (let file?, let directory?): "\(file) and \(directory) (SSL_CERT_FILE, SSL_CERT_DIR)"
        }
    }

    /// The first address `host` resolves to, as text; nil when it does not resolve.
    static func resolve(_ host: String) -> String? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(list) }
        var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard
            getnameinfo(
                first.pointee.ai_addr, first.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST)
                == 0
        else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// How far the org's clock (its Date header) is from this machine's, against what Okta accepts.
    func clockCheck() -> DoctorCheck {
        guard let probe else { return .skip(.clock, "the org did not answer (see network)") }
        guard let offset = probe.clockOffset else {
            return .skip(.clock, "the org's answer had no readable Date header")
        }
        return Self.clockVerdict(offset: offset)
    }

    /// The verdict on a clock `offset` seconds behind Okta's (negative: ahead).
    static func clockVerdict(offset: TimeInterval) -> DoctorCheck {
        let seconds = Int(abs(offset))
        let saw =
            seconds <= 1
            ? "this machine's clock agrees with Okta's (its Date header counts whole seconds)"
            : "this machine's clock is \(seconds) s \(offset > 0 ? "behind" : "ahead of") Okta's (its Date header)"
        // Ahead: iat lies in Okta's future beyond its leeway. Behind: the assertion has expired on arrival.
        if -offset > clockLeeway || offset >= ClientAssertion.defaultLifetime {
            return .fail(
                .clock, saw + ": Okta refuses the assertion's times", fix: .setClock,
                details: ["an assertion lives \(Int(ClientAssertion.defaultLifetime)) s from its iat"])
        }
        if abs(offset) > clockWarning { return .warn(.clock, saw, fix: .setClock) }
        return .pass(.clock, saw)
    }

    /// Seconds of clock difference worth a warning.
    static let clockWarning: TimeInterval = 30
    /// How far ahead an iat may be: Okta names no figure; the dev org's 60 s, the usual JWT leeway.
    static let clockLeeway: TimeInterval = 60
}
