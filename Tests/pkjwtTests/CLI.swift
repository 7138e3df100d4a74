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

    /// Runs `process` to its end with `stdin` (nothing when nil) and collects what it wrote.
    static func collect(_ process: Process, stdin: String? = nil) throws -> RunResult {
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
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

func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}
