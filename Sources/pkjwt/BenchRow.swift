// One row of `pkjwt bench`: an operation's median, p90 and rate, the peer's rate beside it when
// compared, as JSON or as a line of the table.

import Foundation

/// One benchmark row: durations in seconds, and the peer's figures when compared.
struct BenchRow: Encodable {
    var operation: String
    var median: Double
    var p90: Double
    var opsPerSecond: Double
    var megabytesPerSecond: Double?
    var opensslOpsPerSecond: Double?
    /// The peer's version text, when compared.
    var peer: String?
    /// Which code ran (sign, verify and SHA-256 rows).
    var engine: String?
    /// ours / openssl in operations per second (> 1: we are faster).
    var ratio: Double? { opensslOpsPerSecond.map { opsPerSecond / $0 } }

    init(operation: String, samples: [Double]) {
        self.operation = operation
        let sorted = samples.sorted()
        median = sorted[sorted.count / 2]
        p90 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.9).rounded(.up)) - 1)]
        opsPerSecond = Double(samples.count) / samples.reduce(0, +)
    }

    /// Our samples, and the peer's when there is one.
    init(_ operation: String, _ samples: (ours: [Double], peer: [Double]?)) {
        self.init(operation: operation, samples: samples.ours)
        opensslOpsPerSecond = samples.peer.map { Double($0.count) / $0.reduce(0, +) }
    }

    enum CodingKeys: String, CodingKey {
        case operation, median, p90, opsPerSecond = "ops_per_second", megabytesPerSecond = "mb_per_second"
        case opensslOpsPerSecond = "openssl_ops_per_second", ratio = "ratio_to_openssl", engine, peer
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(operation, forKey: .operation)
        try c.encode(median, forKey: .median)
        try c.encode(p90, forKey: .p90)
        try c.encode(opsPerSecond, forKey: .opsPerSecond)
        try c.encodeIfPresent(megabytesPerSecond, forKey: .megabytesPerSecond)
        try c.encodeIfPresent(opensslOpsPerSecond, forKey: .opensslOpsPerSecond)
        try c.encodeIfPresent(ratio, forKey: .ratio)
        try c.encodeIfPresent(engine, forKey: .engine)
        try c.encodeIfPresent(peer, forKey: .peer)
    }

    static func printTable(_ rows: [BenchRow]) {
        let compared = rows.contains { $0.opensslOpsPerSecond != nil }
        var lines = [["operation", "median", "p90", "ops/s"] + (compared ? ["openssl ops/s", "ours/openssl"] : [])]
        for row in rows {
            var cells = [
                row.operation + (row.engine.map { " (\($0))" } ?? ""), format(row.median), format(row.p90),
                String(format: "%.1f", row.opsPerSecond)
                    + (row.megabytesPerSecond.map { String(format: " (%.0f MB/s)", $0) } ?? ""),
            ]
            if compared {
                cells += [
                    row.opensslOpsPerSecond.map { String(format: "%.1f", $0) } ?? "-",
                    row.ratio.map { String(format: "%.2f×", $0) } ?? "-",
                ]
            }
            lines.append(cells)
        }
        let widths = (0..<lines[0].count).map { column in lines.map { $0[column].count }.max()! }
        for line in lines {
            print(
                zip(line, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds >= 1e-3 ? String(format: "%.2f ms", seconds * 1e3) : String(format: "%.1f µs", seconds * 1e6)
    }
}
