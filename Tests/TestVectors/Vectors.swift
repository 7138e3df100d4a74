// Loading the published vectors in vectors/ in their upstream formats: a target of its own, so the
// core's tests and the fast paths' tests (which build only on x86-64) run the same records.

import Foundation
import Testing

public enum Vectors {
    /// The repository's vectors/ folder, found from this source file's path.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("vectors")

    public static func url(_ path: String) -> URL { root.appendingPathComponent(path) }
    public static func text(_ path: String) -> String { try! String(contentsOf: url(path), encoding: .utf8) }
    public static func bytes(_ path: String) -> [UInt8] { [UInt8](try! Data(contentsOf: url(path))) }
    /// `der` as a PEM document labelled `label` (RFC 7468: base64 in 64-character lines).
    public static func pem(_ label: String, _ der: [UInt8]) -> String {
        let body = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN \(label)-----\n\(body)\n-----END \(label)-----\n"
    }
    public static func json(_ path: String) -> [String: Any] {
        try! JSONSerialization.jsonObject(with: Data(contentsOf: url(path))) as! [String: Any]
    }
}

/// One record of a NIST CAVS response file: its `name = value` lines, plus the values of the
/// section header (`[mod = 2048]`) and of the key lines that precede it (n, e, d).
public struct CAVSRecord: CustomTestStringConvertible, Sendable {
    public let file: String
    public let index: Int
    public let fields: [String: String]
    public var testDescription: String {
        "\(file) #\(index)" + (fields["COUNT"].map { " COUNT=\($0)" } ?? "")
            + (fields["mod"].map { " mod=\($0)" } ?? "")
    }
    public subscript(_ name: String) -> String? { fields[name] }
    public func hex(_ name: String) -> [UInt8] { Hex.decode(fields[name]!) }
}

public enum CAVS {
    /// Parses a CAVS file. Records are the groups of lines that contain `recordKey`; every
    /// earlier `name = value` (and `[name = value]`) line carries forward as context.
    public static func records(_ path: String, recordKey: String) -> [CAVSRecord] {
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

public enum Hex {
    public static func decode(_ s: String) -> [UInt8] {
        let chars = Array(s.utf8)
        precondition(chars.count % 2 == 0, "odd-length hex")
        return stride(from: 0, to: chars.count, by: 2).map {
            UInt8(String(decoding: chars[$0..<$0 + 2], as: UTF8.self), radix: 16)!
        }
    }
    public static func encode(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }
}
