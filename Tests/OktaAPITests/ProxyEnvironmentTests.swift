import Foundation
import OktaAPI
import Testing

@Suite("proxy selection from the environment (libcurl's rules)")
struct ProxyEnvironmentTests {
    private let https = URL(string: "https://example.okta.com/oauth2/v1/token")!
    private let http = URL(string: "http://127.0.0.1:8080/oauth2/v1/token")!

    private func proxy(_ variables: [String: String], _ url: URL? = nil) throws -> ProxyEnvironment.Proxy? {
        try ProxyEnvironment(variables).proxy(for: url ?? https)
    }

    @Test("https URLs: https_proxy before HTTPS_PROXY before all_proxy before ALL_PROXY") func httpsOrder() throws {
        #expect(try proxy(["HTTPS_PROXY": "http://upper:1", "https_proxy": "http://lower:2"])?.host == "lower")
        #expect(try proxy(["HTTPS_PROXY": "http://upper:1", "ALL_PROXY": "http://all:3"])?.host == "upper")
        #expect(try proxy(["all_proxy": "http://a:3", "ALL_PROXY": "http://b:4"])?.host == "a")
        #expect(try proxy(["https_proxy": "", "ALL_PROXY": "http://b:4"])?.host == "b", "an empty variable is unset")
        #expect(try proxy([:]) == nil)
    }

    @Test("http URLs: only lower-case http_proxy, never HTTP_PROXY (httpoxy)") func httpOrder() throws {
        #expect(try proxy(["HTTP_PROXY": "http://upper:1"], http) == nil)
        #expect(try proxy(["http_proxy": "http://lower:2"], http)?.host == "lower")
        #expect(try proxy(["HTTPS_PROXY": "http://s:2"], http) == nil, "an https proxy is not used for http")
    }

    @Test("no_proxy: exact host, subdomains, a leading dot, '*', lists with spaces") func bypass() throws {
        let set = ["HTTPS_PROXY": "http://p:3128"]
        #expect(try proxy(set.merging(["NO_PROXY": "example.okta.com"]) { $1 }) == nil)
        #expect(try proxy(set.merging(["NO_PROXY": "okta.com"]) { $1 }) == nil)
        #expect(try proxy(set.merging(["NO_PROXY": ".okta.com"]) { $1 }) == nil)
        #expect(try proxy(set.merging(["NO_PROXY": "*"]) { $1 }) == nil)
        #expect(try proxy(set.merging(["no_proxy": "localhost, EXAMPLE.okta.com"]) { $1 }) == nil)
        #expect(try proxy(set.merging(["NO_PROXY": "kta.com"]) { $1 })?.host == "p", "a suffix that is not a domain")
        #expect(
            try proxy(set.merging(["NO_PROXY": "other.com,*.okta.com"]) { $1 })?.host == "p", "wildcards are '*' alone")
        #expect(
            try proxy(set.merging(["no_proxy": "", "NO_PROXY": "okta.com"]) { $1 })?.host == "p",
            "no_proxy wins when set")
    }

    @Test("proxy values: scheme, credentials, default port 1080, IPv6, trailing slash") func values() throws {
        let full = try #require(try proxy(["HTTPS_PROXY": "http://user:p%40ss@proxy.corp:3128/"]))
        #expect(full == ProxyEnvironment.Proxy(host: "proxy.corp", port: 3128, user: "user", password: "p@ss"))
        #expect(try proxy(["HTTPS_PROXY": "proxy.corp"]) == ProxyEnvironment.Proxy(host: "proxy.corp", port: 1080))
        #expect(try proxy(["HTTPS_PROXY": "http://[::1]:8080"]) == ProxyEnvironment.Proxy(host: "::1", port: 8080))
        #expect(try proxy(["HTTPS_PROXY": "http://[::1]"]) == ProxyEnvironment.Proxy(host: "::1", port: 1080))
        #expect(try proxy(["HTTPS_PROXY": "HTTP://p:1"])?.port == 1)
    }

    @Test("only proxy variables are kept: an API token never shows in a description") func keepsOnlyProxyVariables() {
        let environment = ProxyEnvironment(["API_KEY": "00secret-token", "HTTPS_PROXY": "http://p:1"])
        #expect(!String(describing: environment).contains("00secret-token"))
        #expect(environment == ProxyEnvironment(["HTTPS_PROXY": "http://p:1"]))
    }

    @Test(
        "unusable proxies are an error naming the variable, never its value",
        arguments: [
            "socks5://p:1080", "https://p:443", "http://p:0", "http://p:65536", "http://p:port", "http://p:8080/path",
            "http://p?x", "http://", "http://user@:8080",
        ])
    func unusable(value: String) {
        #expect {
            try proxy(["HTTPS_PROXY": value])
        } throws: { error in
            guard case .connection(_, .unusableProxy(let variable, let reason), nil, nil) = error as? OktaAPIError
            else { return false }
            return variable == "HTTPS_PROXY" && !reason.contains(value)
        }
    }
}
