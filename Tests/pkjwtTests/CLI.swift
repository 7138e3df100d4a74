// Running the built pkjwt binary in a scratch folder.

import Foundation
import Testing

/// The pkjwt binary SwiftPM built next to this test bundle.
let pkjwtBinary: URL = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if folder.lastPathComponent == "MacOS" {
        folder = folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    return folder.appendingPathComponent("pkjwt")
}()

/// The result of one pkjwt run.
struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
    /// True when the child outlived its deadline and was killed (Scratch.collect).
    var killedAtDeadline = false
    var stderrLines: [Substring] { stderr.split(separator: "\n") }
}

/// A fresh temporary folder per test, with helpers to run pkjwt inside it.
final class Scratch {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pkjwt-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @discardableResult
    func pkjwt(_ arguments: String..., stdin: String? = nil) throws -> RunResult { try run(arguments, stdin: stdin) }

    /// Runs pkjwt here with a clean environment (no OKTA_*, API_KEY, ... from the caller) plus `environment`.
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> RunResult {
        let process = Process()
        process.executableURL = pkjwtBinary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let inherited = ProcessInfo.processInfo.environment.filter { key, _ in
            ["PATH", "TMPDIR", "LANG", "PKJWT_SECRET_STAGING", "TSAN_OPTIONS"].contains(key)
        }
        // The token cache and HOME (~/.okta/okta.yaml) live in this scratch folder: tests never share
        // them, nor touch the user's.
        let cache = ["XDG_CACHE_HOME": folder.appendingPathComponent(".cache").path, "HOME": folder.path]
        process.environment = inherited.merging(cache) { $1 }.merging(environment) { $1 }
        return try Self.collect(process, stdin: stdin)
    }

    /// Runs `process` to its end with `stdin` (nothing when nil) and collects what it wrote. A child
    /// still running after `seconds` is killed and its test fails, instead of the whole run waiting.
    static func collect(
        _ process: Process, stdin: String? = nil, seconds: Double = 300,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let result = try collectBounded(process, stdin: stdin, seconds: seconds)
        if result.killedAtDeadline {
            let name = ([process.executableURL?.lastPathComponent ?? "?"] + (process.arguments ?? [])).joined(
                separator: " ")
            Issue.record(
                "\(name) was still running after \(Int(seconds)) s and was killed", sourceLocation: sourceLocation)
        }
        return result
    }

    /// `collect` without the test issue: what the child wrote, and whether its deadline killed it.
    static func collectBounded(_ process: Process, stdin: String?, seconds: Double) throws -> RunResult {
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let watchdog = Watchdog(process, seconds: seconds)
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // stderr is read on another thread: a child that fills one pipe while this side waits on the
        // other would otherwise stall both.
        nonisolated(unsafe) var stderrData = Data()
        let stderrRead = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stderrData = err.fileHandleForReading.readDataToEndOfFile()
            stderrRead.signal()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        stderrRead.wait()
        process.waitUntilExit()
        return RunResult(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self), killedAtDeadline: watchdog.end())
    }

    func write(_ name: String, _ contents: String) throws {
        try Data(contents.utf8).write(to: folder.appendingPathComponent(name))
    }
    func write(_ name: String, bytes: [UInt8]) throws { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
    func read(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }
    func mode(_ name: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path(name))[.posixPermissions] as! NSNumber).intValue
    }
    func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }
}

/// An explained failure: exit 1, exactly one line on stderr naming the problem, nothing on stdout.
func expectExplainedFailure(
    _ result: RunResult, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(result.status == 1, "exit status", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
    #expect(result.stderrLines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.hasPrefix("pkjwt: error: "), sourceLocation: sourceLocation)
    #expect(result.stderr.contains(text), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
}

/// Ends a child: SIGTERM, then SIGKILL if it is still running after `graceSeconds`, then waits for it.
func end(_ process: Process, graceSeconds: Double) {
    guard process.isRunning else { return }
    process.terminate()
    let deadline = Date().addingTimeInterval(graceSeconds)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
}

/// Kills a child process that outlives its deadline (SIGKILL), so that a hung child fails its own
/// test with a message rather than holding every test after it until CI's time runs out.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var expired = false, ended = false

    init(_ process: Process, seconds: Double) {
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            lock.withLock {
                // Once ended, the child has been waited for and its pid may belong to another process.
                guard !ended, process.isRunning else { return }
                expired = true
                kill(pid, SIGKILL)
            }
        }
    }

    /// Called once the child has been waited for: whether the deadline killed it.
    func end() -> Bool {
        lock.withLock {
            ended = true
            return expired
        }
    }
}

func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// The bounds above, on children that do not end by themselves.
@Suite("test children are bounded in time")
struct ChildProcessBoundsTests {
    @Test("a child still running at its deadline is killed, and the run says so") func watchdog() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = ["60"]
        let started = Date()
        let result = try Scratch.collectBounded(process, stdin: nil, seconds: 1)
        #expect(result.killedAtDeadline)
        #expect(Date().timeIntervalSince(started) < 50, "killed, not waited for")
    }

    @Test("a child that ignores SIGTERM is ended by SIGKILL after its grace") func endIgnoringTerm() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' TERM; while :; do sleep 0.1; done"]
        try process.run()
        Thread.sleep(forTimeInterval: 0.2)  // lets the shell set its trap before the signal
        end(process, graceSeconds: 0.5)
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
    }
}
