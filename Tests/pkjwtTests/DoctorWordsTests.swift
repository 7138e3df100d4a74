import OktaAPI
import OktaDoctor
import Testing

@testable import pkjwt

@Suite("pkjwt doctor's words for OktaDoctor's fixes")
struct DoctorWordsTests {
    @Test("a fix pkjwt has a command for names the command")
    func commands() {
        #expect(DoctorWords.fix(.makeKey) == "run 'pkjwt keygen'")
        #expect(DoctorWords.fix(.addKeyToApp).contains("'pkjwt register'"))
        #expect(DoctorWords.fix(.largerKey).contains("'pkjwt keygen --force'"))
        #expect(DoctorWords.fix(.assignAdminRole).contains("'pkjwt register --admin-role READ_ONLY_ADMIN'"))
        #expect(DoctorWords.fix(.restrictKeyFile(path: "/tmp/k.pem")) == "chmod 600 '/tmp/k.pem'")
    }

    @Test("a traced refusal: Okta's hint in pkjwt's words, then how to see more, then the console step")
    func traced() {
        let words = DoctorWords.fix(.readWithAPIKey(.grants, refusal: .grantScopes))
        #expect(words.hasPrefix(OktaWords.hint(.grantScopes) + "; to see the app's settings, set API_KEY"))
        #expect(words.hasSuffix(DoctorWords.consoleStep[.grants] ?? "-"))
    }
}
