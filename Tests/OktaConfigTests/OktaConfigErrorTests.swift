import PKJWTConfig
import Testing

@testable import OktaConfig

@Suite("OktaConfigError: descriptions name settings and files, never a value or a command")
struct OktaConfigErrorTests {
    @Test("each case's words")
    func descriptions() {
        #expect(
            OktaConfigError.oktaYAMLFile(path: "/h/.okta/okta.yaml", .oktaYAML(.scopesShape)).description
                == "cannot read '/h/.okta/okta.yaml': okta.client.scopes is neither a list nor a string (the Okta SDKs' "
                + "configuration; fix or move it)")
        #expect(OktaConfigError.dpopValue("maybe").description == "DPOP must be true or false, not 'maybe'")
        #expect(
            OktaConfigError.config(.alreadyExists(path: "/k")).description
                == ConfigError.alreadyExists(path: "/k").description)
        let all: [OktaConfigError] = [
            .noPrivateKey, .dpopKeyFileNotAPath, .noPlaceForDPoPKey, .dpopKeyIsAssertionKey, .oktaYAML(.notAMapping),
        ]
        for error in all {
            #expect(!error.description.isEmpty && !error.description.contains("pkjwt "), "\(error)")
        }
    }
}
