// PEM textual encoding, RFC 7468: one labelled Base64 block; text outside the block is ignored.
//
//   -----BEGIN <label>-----
//   <standard Base64, lines of at most 64 characters>
//   -----END <label>-----

/// A PEM document: its label and the DER bytes it carries.
public struct PEMDocument: Sendable, Equatable {
    /// The type label, e.g. "PRIVATE KEY".
    public let label: String
    /// The decoded contents.
    public let der: [UInt8]

    public init(label: String, der: [UInt8]) {
        self.label = label
        self.der = der
    }

    /// Parses the first PEM block in `text`.
    /// - Timing: variable time in the text layout; decoding indexes a table by data bits (see Base64).
    public init(pemRepresentation text: String) throws(PrivateKeyJWTError) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.trimmingTrailingWhitespace() }
        // RFC 7468 §2: "Parsers MUST ignore" text before the encapsulation boundary.
        guard let begin = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") }) else {
            throw .invalidPEM(.noBeginLine)
        }
        guard let label = Self.label(of: lines[begin], marker: "BEGIN") else {
            // Never quote the line: a key pasted with literal "\\n" sits on it whole.
            throw .invalidPEM(.malformedBeginLine)
        }
        guard let end = lines[(begin + 1)...].firstIndex(where: { $0.hasPrefix("-----END ") }) else {
            throw .invalidPEM(.noEndLine(label: label))
        }
        // RFC 7468 §2: the END label must match the BEGIN label.
        guard Self.label(of: lines[end], marker: "END") == label else {
            throw .invalidPEM(.endLabelMismatch(label: label))
        }
        let body = lines[(begin + 1)..<end]
        // RFC 1421-style headers mean an encrypted key, which this module does not read.
        if body.contains(where: { $0.contains(":") }) {
            throw .invalidPEM(.encrypted)
        }
        // RFC 7468 §3 (strict form): whitespace is allowed only as line breaks.
        let base64 = body.map { $0.trimmingLeadingWhitespace() }.joined()
        do {
            der = try Base64.decode(base64)
        } catch {
            guard case .invalidBase64(let rule) = error else { throw error }
            throw .invalidPEM(.damagedBody(label: label, rule))
        }
        guard !der.isEmpty else { throw .invalidPEM(.emptyBlock(label: label)) }
        self.label = label
    }

    /// The PEM text, with 64-character lines (RFC 7468 §2) and a final newline.
    public var pemRepresentation: String {
        let base64 = Array(Base64.encode(der))
        var out = "-----BEGIN \(label)-----\n"
        var i = 0
        while i < base64.count {
            out += String(base64[i..<min(i + 64, base64.count)]) + "\n"
            i += 64
        }
        return out + "-----END \(label)-----\n"
    }

    private static func label(of line: String, marker: String) -> String? {
        let prefix = "-----\(marker) ", suffix = "-----"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix), line.count > prefix.count + suffix.count else {
            return nil
        }
        let label = String(line.dropFirst(prefix.count).dropLast(suffix.count))
        return isValidLabel(label) ? label : nil
    }

    /// RFC 7468 §3: label = [ labelchar *( ["-" / SP] labelchar ) ], labelchar = %x21-2C / %x2E-7E.
    /// Labels longer than 64 bytes are refused too: every real one is short, and a label is quoted
    /// in messages, where key material must never appear.
    private static func isValidLabel(_ label: String) -> Bool {
        guard label.utf8.count <= 64 else { return false }
        var previousWasSeparator = true
        for byte in label.utf8 {
            let isSeparator = byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ")
            if isSeparator {
                if previousWasSeparator { return false }
            } else if !(0x21...0x7e).contains(byte) {
                return false
            }
            previousWasSeparator = isSeparator
        }
        return !previousWasSeparator
    }
}

extension Substring {
    func trimmingTrailingWhitespace() -> String {
        String(self[..<(lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? startIndex)])
    }
}

extension String {
    func trimmingLeadingWhitespace() -> String { String(drop { $0 == " " || $0 == "\t" }) }
}
