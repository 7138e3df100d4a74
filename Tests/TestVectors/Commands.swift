// Running a reference tool (the openssl CLI) from a test: the core's and the fast paths' tests
// compare against the same one.

import Foundation

/// Runs a command and returns its exit status and standard output.
@discardableResult
public func run(_ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String]? = nil) throws -> (
    status: Int32, stdout: [UInt8], stderr: String
) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
    try input.fileHandleForWriting.close()
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, [UInt8](stdoutData), String(decoding: stderrData, as: UTF8.self))
}
