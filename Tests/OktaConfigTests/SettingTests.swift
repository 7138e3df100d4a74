import Testing

@testable import OktaConfig

@Suite("Setting: .env names and the Okta SDKs' aliases")
struct SettingTests {
    @Test("every alias is the SDKs' OKTA_CLIENT_ name, and no two settings share a name")
    func aliases() {
        let aliases = Setting.allCases.compactMap(\.sdkAlias)
        #expect(aliases.count == 6 && aliases.allSatisfy { $0.hasPrefix("OKTA_CLIENT_") })
        let names = Setting.allCases.map(\.rawValue) + aliases
        #expect(Set(names).count == names.count)
        #expect(Setting.namesAndAliases.count == Setting.allCases.count)
        #expect(Setting.privateKey.sdkAlias == "OKTA_CLIENT_PRIVATEKEY" && Setting.privateKeyFile.sdkAlias == nil)
    }
}
