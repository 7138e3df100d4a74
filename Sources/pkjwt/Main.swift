// Entry point: runs the command and maps every outcome to the documented exit codes.

import ArgumentParser
import Dispatch
import OktaAPI
import OktaConfig
import PKJWTConfig
import PrivateKeyJWT

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Exit codes: 0 success, 1 any failure, bad input and usage errors included, explained on one
/// stderr line. One code for every refusal: a script tests `$? -ne 0`, and a usage error is bad input.
@main
enum Main {
    /// Synchronous on purpose: a cached token is printed before the concurrency runtime starts its
    /// threads or ArgumentParser looks at a single command (CachedToken.swift); everything else runs
    /// as a task, with this thread serving the main queue as an `async` main would.
    static func main() {
        FileOwner.set(PKJWTFiles.owner)
        // Every digest (JWTs, signatures, thumbprints) on the SHA extensions where the CPU has them.
        CPUPaths.preferFastSHA256()
        if let token = CachedToken.hit(arguments: CommandLine.arguments.dropFirst()) {
            Output.unbuffered(token + "\n")
            exit(0)
        }
        Task {
            await run()
            exit(0)
        }
        dispatchMain()
    }

    static func run() async {
        do {
            var command = try PKJWT.parseAsRoot()
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIError {
            Output.fail(failure.message)
        } catch let failure as PrivateKeyJWTError {
            Output.fail(failure.description)
        } catch let failure as ConfigError {
            Output.fail(failure.description)
        } catch let failure as OktaConfigError {
            Output.fail(ConfigWords.describe(failure))
        } catch let failure as OktaAPIError {
            Output.fail(OktaWords.describe(failure))
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            // --help and --version arrive here as a clean exit; everything else is a usage error.
            if PKJWT.exitCode(for: error) == .success {
                print(PKJWT.fullMessage(for: error))
                exit(0)
            }
            Output.fail("\(PKJWT.message(for: error)) (run 'pkjwt help' for usage)")
        }
    }
}

// Every command spells out its commandName: ArgumentParser would otherwise derive it from the type
// name by reflection at every start, which showed in `perf` on `pkjwt token`.
struct PKJWT: AsyncParsableCommand {
    /// pkjwt's version: `pkjwt --version`, and the User-Agent of every Okta call ("pkjwt/VERSION").
    static let version = "0.3.0"

    static let configuration = CommandConfiguration(
        commandName: "pkjwt",
        abstract: "RSA keys and RS256 JWTs for Okta's Private Key JWT flow, on crypto of its own.",
        version: PKJWT.version,
        subcommands: [
            Quickstart.self, Keygen.self, Register.self, Token.self, API.self, Proof.self, Rotate.self, Export.self,
            Doctor.self, Serve.self, Inspect.self, Sign.self, Verify.self, Bench.self,
        ]
    )
}
