import Testing

@testable import pkjwt

@Suite("pkjwt doctor's check lines and report")
struct DoctorCheckTests {
    @Test("a check's lines: the verdict column, details and the fix indented below")
    func lines() {
        var check = DoctorCheck.fail(
            .grants, "not granted: okta.groups.read", fix: "run 'pkjwt register'", details: ["granted: none"])
        check.milliseconds = 12
        #expect(
            check.lines == [
                "fail  grants         not granted: okta.groups.read (12 ms)", "      granted: none",
                "      fix: run 'pkjwt register'",
            ])
        #expect(DoctorReport(checks: [check, .pass(.key, "ok")]).exit_code == 1)
        #expect(DoctorReport(checks: [.warn(.clock, "40 s", fix: "NTP"), .skip(.app, "no API_KEY")]).exit_code == 0)
    }
}
