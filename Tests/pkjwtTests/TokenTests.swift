import Testing

/// pkjwt token's own rules on its flags, refused before anything is read or sent.
@Suite("pkjwt token: flags")
struct TokenTests {
    @Test(
        "--lifetime outside 1…3540 and --cache-margin outside 0…3599 are refused in one line",
        arguments: [
            (
                ["--lifetime", "3600"],
                "--lifetime must be between 1 and 3540 seconds: Okta refuses an exp more than an hour ahead"
            ),
            (["--lifetime", "0"], "--lifetime must be between 1 and 3540 seconds"),
            (["--cache-margin", "3600"], "--cache-margin must be between 0 and 3599 seconds"),
        ])
    func bounds(arguments: [String], message: String) throws {
        let s = try Scratch()
        let run = try s.run(["token"] + arguments)
        #expect(run.status == 1)
        #expect(run.stderrLines.count == 1 && run.stderr.contains(message), "\(run.stderr)")
    }
}
