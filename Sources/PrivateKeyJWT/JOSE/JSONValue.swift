// A JSON value for JOSE headers and JWT claims: parsed strictly, printed deterministically.

import Foundation

/// Any JSON value (RFC 8259). Objects print with sorted keys, so output is stable.
public enum JSONValue: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            // Integral values print without a fraction, as JWT NumericDates are written.
            if value == value.rounded(), abs(value) < 9.0e15 {
                try container.encode(Int64(value))
            } else {
                try container.encode(value)
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses any UTF-8 JSON text strictly (RFC 8259; duplicate member names refused at any depth).
    public static func parse(_ bytes: [UInt8]) throws(PrivateKeyJWTError) -> JSONValue { try JSONReader.parse(bytes) }

    /// Parses UTF-8 JSON text that must be a single JSON object.
    /// Duplicate member names are refused (RFC 7515 §5.2), at any depth.
    public static func parseObject(_ bytes: [UInt8], what: String) throws(PrivateKeyJWTError) -> [String: JSONValue] {
        let value: JSONValue
        do { value = try JSONReader.parse(bytes) } catch {
            guard case .invalidJSON(let failure) = error else { throw error }
            throw .invalidJWS(.notJSONObject(what: what, failure))
        }
        guard case .object(let object) = value else { throw .invalidJWS(.notJSONObject(what: what, nil)) }
        return object
    }

    /// Compact JSON with sorted keys and unescaped slashes.
    public var compactJSON: [UInt8] { sortedJSON(self) }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var numberValue: Double? { if case .number(let n) = self { n } else { nil } }
    /// The strings of an array value (non-strings skipped).
    public var stringArray: [String]? {
        if case .array(let list) = self { list.compactMap(\.stringValue) } else { nil }
    }
}

/// JSON with sorted keys and unescaped slashes, compact unless `pretty`: the one JSON writer, for
/// JOSE objects here and for whatever the modules built on this one write.
public func sortedJSON(_ value: some Encodable, pretty: Bool = false) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
        pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    // JSON has no NaN or infinity (RFC 8259 §6); a caller-built JSONValue may hold one, and gets a
    // string rather than a trap. Parsed JSON never does (JSONReader refuses such numbers).
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    // With that strategy, values made of strings, numbers, arrays and objects always encode.
    return (try? encoder.encode(value)).map { [UInt8]($0) } ?? Array("null".utf8)
}
