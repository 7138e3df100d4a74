// Loading the published vectors in vectors/ in their upstream formats.

import Foundation
import Testing

@testable import PrivateKeyJWT

enum Vectors {
    /// The repository's vectors/ folder, found from this source file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("vectors")

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }
    static func text(_ path: String) -> String { try! String(contentsOf: url(path), encoding: .utf8) }
    static func bytes(_ path: String) -> [UInt8] { [UInt8](try! Data(contentsOf: url(path))) }
    static func json(_ path: String) -> [String: Any] {
        try! JSONSerialization.jsonObject(with: Data(contentsOf: url(path))) as! [String: Any]
    }
}

/// One record of a NIST CAVS response file: its `name = value` lines, plus the values of the
/// section header (`[mod = 2048]`) and of the key lines that precede it (n, e, d).
struct CAVSRecord: CustomTestStringConvertible, Sendable {
    let file: String
    let index: Int
    let fields: [String: String]
    var testDescription: String {
        "\(file) #\(index)" + (fields["COUNT"].map { " COUNT=\($0)" } ?? "")
            + (fields["mod"].map { " mod=\($0)" } ?? "")
    }
    subscript(_ name: String) -> String? { fields[name] }
    func hex(_ name: String) -> [UInt8] { Hex.decode(fields[name]!) }
}

enum CAVS {
    /// Parses a CAVS file. Records are the groups of lines that contain `recordKey`; every
    /// earlier `name = value` (and `[name = value]`) line carries forward as context.
    static func records(_ path: String, recordKey: String) -> [CAVSRecord] {
        var context = [String: String](), current = [String: String]()
        var out = [CAVSRecord]()
        func flush() {
            if current[recordKey] != nil {
                out.append(CAVSRecord(file: path, index: out.count, fields: context.merging(current) { $1 }))
                context.merge(current) { $1 }
            } else {
                context.merge(current) { $1 }
            }
            current = [:]
        }
        for raw in Vectors.text(path).split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { flush(); continue }
            if line.hasPrefix("#") { continue }
            let body = line.hasPrefix("[") ? String(line.dropFirst().dropLast()) : line
            guard let eq = body.firstIndex(of: "=") else { continue }
            let name = body[..<eq].trimmingCharacters(in: .whitespaces)
            let value = body[body.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            // A key line (n = ...) after a record starts a new record group.
            if current[recordKey] != nil && current[name] != nil { flush() }
            current[name] = value
        }
        flush()
        return out
    }
}

enum Hex {
    static func decode(_ s: String) -> [UInt8] {
        let chars = Array(s.utf8)
        precondition(chars.count % 2 == 0, "odd-length hex")
        return stride(from: 0, to: chars.count, by: 2).map {
            UInt8(String(decoding: chars[$0..<$0 + 2], as: UTF8.self), radix: 16)!
        }
    }
    static func encode(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }
}

/// Runs a command and returns its exit status and standard output.
@discardableResult
func run(_ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String]? = nil) throws -> (
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

/// Expects `body` to throw a PrivateKeyJWTError whose description contains `message`.
func expectRefused(_ message: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("accepted; expected an error mentioning: \(message)", sourceLocation: sourceLocation)
    } catch let error as PrivateKeyJWTError {
        #expect(error.description.contains(message), "\(error.description)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

/// A JWK from a JSON object of a vector file.
func jwk(_ object: Any?) throws -> JWK {
    try JWK(jsonRepresentation: [UInt8](JSONSerialization.data(withJSONObject: try #require(object))))
}
