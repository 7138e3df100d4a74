// A strict DER reader and writer for the X.690 subset RSA and EC keys use: SEQUENCE, INTEGER, NULL,
// OBJECT IDENTIFIER, BIT STRING, OCTET STRING, and the explicit context tags [0] and [1] of RFC 5915.
//
// Every TLV is  tag (1 byte, low-tag-number form) || length (definite, minimal) || contents.

/// DER tags used by PKCS#1, PKCS#8, SubjectPublicKeyInfo (X.680 §8.4, universal class) and RFC 5915's
/// ECPrivateKey (constructed, context-specific [0] and [1]: X.690 §8.1.2).
enum DERTag: UInt8 {
    case integer = 0x02, bitString = 0x03, octetString = 0x04, null = 0x05, objectIdentifier = 0x06
    case sequence = 0x30
    case context0 = 0xA0, context1 = 0xA1
}

/// A cursor over DER bytes that refuses everything X.690 DER forbids.
///
/// - Timing: variable time in the lengths and structure, which are public; it copies contents
///   without branching on them, except INTEGER minimality (a leading-byte check, see `integer()`).
struct DERReader {
    private let bytes: [UInt8]
    private var offset: Int
    private let end: Int

    init(_ bytes: [UInt8]) { self.init(bytes, from: 0, to: bytes.count) }
    private init(_ bytes: [UInt8], from: Int, to: Int) { self.bytes = bytes; offset = from; end = to }

    var isAtEnd: Bool { offset == end }

    /// Reads one TLV with the expected tag and returns its contents.
    mutating func read(_ tag: DERTag, what: String) throws(PrivateKeyJWTError) -> ArraySlice<UInt8> {
        guard offset < end else { throw .invalidDER(field: what, rule: .missing) }
        let found = bytes[offset]
        // X.690 §8.1.2.4: tag numbers ≥ 31 use the high-tag form, which nothing here uses.
        guard found == tag.rawValue else {
            throw .invalidDER(field: what, rule: .unexpectedTag(expected: tag.rawValue, found: found))
        }
        return try readContents(what: what)
    }

    /// Reads one TLV whatever its tag and returns the tag (a shape check: KeyStructure.identify).
    mutating func skip(_ what: String) throws(PrivateKeyJWTError) -> UInt8 {
        guard offset < end else { throw .invalidDER(field: what, rule: .missing) }
        let found = bytes[offset]
        _ = try readContents(what: what)
        return found
    }

    /// Reads the length and contents that follow a tag.
    private mutating func readContents(what: String) throws(PrivateKeyJWTError) -> ArraySlice<UInt8> {
        offset += 1
        let length = try readLength(what: what)
        guard length <= end - offset else {
            throw .invalidDER(field: what, rule: .lengthPastEnd(length))
        }
        defer { offset += length }
        return bytes[offset..<offset + length]
    }

    /// Reads a SEQUENCE and returns a reader over its contents.
    mutating func sequence(_ what: String) throws(PrivateKeyJWTError) -> DERReader {
        let contents = try read(.sequence, what: what)
        return DERReader(bytes, from: contents.startIndex, to: contents.endIndex)
    }

    /// Reads an explicitly tagged element ([0] or [1]) and returns a reader over its contents.
    mutating func explicit(_ tag: DERTag, what: String) throws(PrivateKeyJWTError) -> DERReader {
        let contents = try read(tag, what: what)
        return DERReader(bytes, from: contents.startIndex, to: contents.endIndex)
    }

    /// Reads a non-negative INTEGER and returns its minimal big-endian magnitude (one 0x00 for zero).
    mutating func integer(_ what: String) throws(PrivateKeyJWTError) -> [UInt8] {
        let contents = try read(.integer, what: what)
        // X.690 §8.3.1: one or more octets.
        guard let first = contents.first else { throw .invalidDER(field: what, rule: .emptyInteger) }
        // X.690 §8.3.2: the first nine bits must not be all zeros or all ones.
        if contents.count > 1 {
            let second = contents[contents.startIndex + 1]
            if first == 0x00 && second & 0x80 == 0 {
                throw .invalidDER(field: what, rule: .nonMinimalInteger(leading: 0x00))
            }
            if first == 0xff && second & 0x80 != 0 {
                throw .invalidDER(field: what, rule: .nonMinimalInteger(leading: 0xff))
            }
        }
        guard first & 0x80 == 0 else { throw .invalidDER(field: what, rule: .negativeInteger) }
        return first == 0 && contents.count > 1 ? Array(contents.dropFirst()) : Array(contents)
    }

    /// Reads an INTEGER that must equal `expected` (a version field).
    mutating func integer(_ what: String, equals expected: UInt8) throws(PrivateKeyJWTError) {
        let value = try integer(what)
        guard value == [expected] else {
            let found = value.count <= 8 ? value.reduce(0) { $0 << 8 | UInt64($1) } : nil
            throw .invalidDER(field: what, rule: .unexpectedVersion(found: found, expected: expected))
        }
    }

    /// Reads a NULL, which X.690 §8.8.2 says has no contents.
    mutating func null(_ what: String) throws(PrivateKeyJWTError) {
        guard try read(.null, what: what).isEmpty else { throw .invalidDER(field: what, rule: .nullWithContents) }
    }

    /// Reads a BIT STRING with no unused bits (X.690 §8.6.2.2) and returns its octets.
    mutating func bitStringOctets(_ what: String) throws(PrivateKeyJWTError) -> [UInt8] {
        let contents = try read(.bitString, what: what)
        guard contents.first == 0 else { throw .invalidDER(field: what, rule: .unusedBits) }
        return Array(contents.dropFirst())
    }

    /// Fails unless every byte has been read.
    func finish(_ what: String) throws(PrivateKeyJWTError) {
        guard isAtEnd else { throw .invalidDER(field: what, rule: .trailingBytes(end - offset)) }
    }

    /// Peeks at the next tag without consuming it.
    var nextTag: UInt8? { offset < end ? bytes[offset] : nil }

    private mutating func readLength(what: String) throws(PrivateKeyJWTError) -> Int {
        guard offset < end else { throw .invalidDER(field: what, rule: .missingLength) }
        let first = bytes[offset]
        offset += 1
        // X.690 §8.1.3.4: short form for lengths up to 127.
        if first < 0x80 { return Int(first) }
        // X.690 §10.1: DER uses the definite form only; 0x80 is the indefinite form.
        guard first != 0x80 else { throw .invalidDER(field: what, rule: .indefiniteLength) }
        let count = Int(first & 0x7f)
        guard count <= 4 else { throw .invalidDER(field: what, rule: .lengthTooLarge(octets: count)) }
        guard count <= end - offset else { throw .invalidDER(field: what, rule: .truncatedLength) }
        var length = 0
        for _ in 0..<count { length = length << 8 | Int(bytes[offset]); offset += 1 }
        // X.690 §10.1: "the minimum number of octets shall be used": long form only for ≥ 128,
        // and no leading zero octet.
        guard length >= 0x80, length >> (8 * (count - 1)) != 0 else {
            throw .invalidDER(field: what, rule: .nonMinimalLength)
        }
        return length
    }
}

/// A DER writer producing the same subset.
enum DERWriter {
    /// One TLV.
    static func tlv(_ tag: DERTag, _ contents: [UInt8]) -> [UInt8] {
        [tag.rawValue] + length(contents.count) + contents
    }

    static func sequence(_ elements: [[UInt8]]) -> [UInt8] { tlv(.sequence, elements.flatMap { $0 }) }

    /// A non-negative INTEGER from its big-endian magnitude, minimal (X.690 §8.3.2).
    static func integer(_ magnitude: [UInt8]) -> [UInt8] {
        var body = Array(magnitude.drop { $0 == 0 })
        if body.isEmpty || body[0] & 0x80 != 0 { body.insert(0, at: 0) }
        return tlv(.integer, body)
    }

    static let null: [UInt8] = [DERTag.null.rawValue, 0]

    static func bitString(_ octets: [UInt8]) -> [UInt8] { tlv(.bitString, [0] + octets) }

    /// X.690 §10.1 minimal definite length.
    private static func length(_ n: Int) -> [UInt8] {
        if n < 0x80 { return [UInt8(n)] }
        var octets = [UInt8]()
        var rest = n
        while rest > 0 { octets.insert(UInt8(rest & 0xff), at: 0); rest >>= 8 }
        return [0x80 | UInt8(octets.count)] + octets
    }
}
