// The Okta SDKs' configuration file, okta.yaml (okta.client.*), read as the SDKs read it and written
// for them. YAML is parsed by Yams (libyaml), never by hand.
//
//   okta:
//     client:
//       orgUrl: "https://example.okta.com"
//       authorizationMode: "PrivateKey"      # SSWS (the default) or PrivateKey
//       clientId: "0oa…"
//       scopes: ["okta.users.read"]          # a list, or one comma- or space-separated string
//       privateKey: "/path/key.pem"          # a path, or the PEM or JWK itself
//       privateKeyId: "kid"                  # "kid" in the Python SDK
//       token: "00…"                         # an API token (SSWS mode)

import Foundation
import Yams

/// The settings an okta.yaml holds, under the names a .env gives them.
public struct OktaYAML: Sendable, Equatable {
    /// OKTA_URL, API_KEY, CLIENT_ID, SCOPES (space-separated), PRIVATE_KEY, KEY_ID: those present.
    public let settings: [String: String]

    /// The file the SDKs read first: `~/.okta/okta.yaml`.
    public static func globalPath(environment: [String: String]) -> String? {
        environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 + "/.okta/okta.yaml" : nil }
    }

    /// Parses an okta.yaml. The PrivateKey fields count only with `authorizationMode: PrivateKey`,
    /// as in the SDKs; other keys (cache, proxy, …) are the SDKs' business and are ignored.
    public init(bytes: [UInt8]) throws(OktaConfigError) {
        let root: Node?
        do { root = try Yams.compose(yaml: String(decoding: bytes, as: UTF8.self)) } catch {
            throw .oktaYAML(.notYAML(Self.reason(error)))
        }
        guard let root else { settings = [:]; return }
        guard root.mapping != nil else { throw .oktaYAML(.notAMapping) }
        guard let client = root["okta"]?["client"] else { settings = [:]; return }
        guard client.mapping != nil else { throw .oktaYAML(.clientNotAMapping) }
        var settings = [String: String]()
        func text(_ key: String) throws(OktaConfigError) -> String? {
            guard let node = client[key] else { return nil }
            guard let scalar = node.scalar else { throw .oktaYAML(.notASingleValue(key: key)) }
            return scalar.string.isEmpty ? nil : scalar.string
        }
        settings["OKTA_URL"] = try text("orgUrl")
        settings["API_KEY"] = try text("token")
        if try text("authorizationMode") == "PrivateKey" {
            settings["CLIENT_ID"] = try text("clientId")
            settings["PRIVATE_KEY"] = try text("privateKey")
            let keyID = try text("privateKeyId")
            let kid = try text("kid")
            settings["KEY_ID"] = keyID ?? kid
            if let scopes = client["scopes"] {
                if let list = scopes.sequence {
                    settings["SCOPES"] = list.compactMap(\.scalar?.string).joined(separator: " ")
                } else if let one = scopes.scalar?.string {
                    settings["SCOPES"] = one.split(whereSeparator: { $0 == "," || $0 == " " }).joined(separator: " ")
                } else {
                    throw .oktaYAML(.scopesShape)
                }
            }
        }
        self.settings = settings.filter { !$0.value.isEmpty }
    }

    /// libyaml's message with its position, without echoing the document (it may hold a key).
    private static func reason(_ error: Error) -> String? {
        guard let yaml = error as? YamlError else { return nil }
        switch yaml {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return "\(problem) at line \(mark.line), column \(mark.column)"
        default:
            return "unreadable"
        }
    }

    /// An okta.yaml for the SDKs' PrivateKey mode: org, client id, scopes, the key (a path, or the
    /// key itself) and its id under both names the SDKs use. Every value double-quoted, so none
    /// is read back as a number or a boolean.
    public static func document(orgURL: String, clientID: String, scopes: [String], privateKey: String, keyID: String)
        throws(OktaConfigError) -> [UInt8]
    {
        func quoted(_ text: String) -> Node { Node.scalar(Node.Scalar(text, .implicit, .doubleQuoted)) }
        func key(_ name: String) -> Node { Node.scalar(Node.Scalar(name, .implicit, .plain)) }
        let client: [(Node, Node)] = [
            (key("orgUrl"), quoted(orgURL)),
            (key("authorizationMode"), quoted("PrivateKey")),
            (key("clientId"), quoted(clientID)),
            (key("scopes"), Node.sequence(Node.Sequence(scopes.map(quoted)))),
            (key("privateKey"), quoted(privateKey)),
            (key("privateKeyId"), quoted(keyID)),
            (key("kid"), quoted(keyID)),
        ]
        let root = Node.mapping(
            Node.Mapping([
                (key("okta"), Node.mapping(Node.Mapping([(key("client"), Node.mapping(Node.Mapping(client)))])))
            ]))
        do {
            return Array(try Yams.serialize(node: root).utf8)
        } catch {
            throw .oktaYAML(.unserializable)
        }
    }
}
