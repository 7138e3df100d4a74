// pkjwt bench: keygen, sign, verify and SHA-256 timed in this process, optionally beside the
// openssl CLI in the same run.

import ArgumentParser
import Foundation
import PrivateKeyJWT

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time RSA-2048 keygen, sign, verify and SHA-256 on this machine.",
        discussion: """
            Keygen time has a long tail: look at p90, not one lucky number. --compare openssl runs \
            `openssl genpkey` and `openssl speed` in the same run and prints our/OpenSSL ratios \
            (openssl genpkey times include starting a process, about 2 ms). Sign and verify run on \
            AVX-512 IFMA and SHA-256 on the SHA extensions where the CPU has them (as pkjwt token \
            does); --engine portable times the portable code instead (for keygen too: IFMA rejects \
            composites two at a time). The engine is printed with the sign, verify and SHA-256 rows.
            """)

    @Option(name: .long, help: "Keys to generate.")
    var keys: Int = 20

    @Option(name: .long, help: "Seconds per sign, verify and SHA-256 measurement.")
    var seconds: Double = 2

    /// The peers whose CLI `--compare` runs the same work through.
    enum Peer: String, ExpressibleByArgument, CaseIterable {
        case openssl
    }

    @Option(name: .long, help: "Also run the same work through this peer's CLI.")
    var compare: Peer?

    /// Which code signs and verifies.
    enum Engine: String, ExpressibleByArgument, CaseIterable {
        case auto, portable
    }

    @Option(
        name: .long,
        help: "auto: AVX-512 IFMA and SHA extensions where the CPU has them, as pkjwt token; portable: portable code."
    )
    var engine: Engine = .auto

    @OptionGroup var output: JSONOption

    func validate() throws {
        guard keys >= 1, seconds > 0 else { throw ValidationError("--keys must be at least 1 and --seconds above 0") }
    }

    func run() throws {
        if engine == .portable { CPUPaths.preferPortableSHA256() }
        var rows = [BenchRow]()
        let generate = { () throws -> RSAPrivateKey in
            engine == .auto ? try CPUPaths.generatedKey(bits: 2048) : try RSAPrivateKey(generatingBits: 2048)
        }
        let keygen = try Measure.repeated(keys, label: "keygen") { _ = try generate() }
        rows.append(BenchRow(operation: "RSA-2048 keygen", samples: keygen))
        let generated = try RSAPrivateKey(generatingBits: 2048)
        let key = engine == .auto ? CPUPaths.fastest(generated) : generated
        let digest = SHA256.hash(data: Array("pkjwt bench".utf8))
        let signature = try key.signature(digest: digest)
        var sign = BenchRow(
            operation: "RSA-2048 sign", samples: try Measure.timed(seconds) { _ = try key.signature(digest: digest) })
        sign.engine = key.signingEngine
        rows.append(sign)
        var verify = BenchRow(
            operation: "RSA-2048 verify",
            samples: try Measure.timed(seconds) {
                guard key.publicKey.isValidSignature(signature, digest: digest) else {
                    throw CLIError("verification failed during the benchmark")
                }
            })
        verify.engine = key.publicKey.verifyingEngine
        rows.append(verify)
        let block = (0..<16384).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 8) }
        var sha = BenchRow(
            operation: "SHA-256 16 KiB", samples: try Measure.timed(seconds) { _ = SHA256.hash(data: block) })
        sha.megabytesPerSecond = sha.opsPerSecond * 16384 / 1e6
        sha.engine = SHA256.compressionName
        rows.append(sha)
        if compare == .openssl { try OpenSSLPeerCLI.compare(&rows, keys: keys, seconds: seconds) }
        if output.json { Output.json(rows) } else { BenchRow.printTable(rows) }
    }
}

/// One benchmark row: durations in seconds, and the peer's figures when compared.
struct BenchRow: Encodable {
    var operation: String
    var median: Double
    var p90: Double
    var opsPerSecond: Double
    var megabytesPerSecond: Double?
    var opensslOpsPerSecond: Double?
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

    enum CodingKeys: String, CodingKey {
        case operation, median, p90, opsPerSecond = "ops_per_second", megabytesPerSecond = "mb_per_second"
        case opensslOpsPerSecond = "openssl_ops_per_second", ratio = "ratio_to_openssl", engine
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

enum Measure {
    /// Runs `body` `count` times, with a live progress line on stderr.
    static func repeated(_ count: Int, label: String, _ body: () throws -> Void) throws -> [Double] {
        var samples = [Double]()
        for i in 1...count {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            Output.progress("\(label) \(i)/\(count)")
        }
        Output.progress(nil)
        return samples
    }

    /// Runs `body` repeatedly for about `seconds`, after a short warm-up.
    static func timed(_ seconds: Double, _ body: () throws -> Void) throws -> [Double] {
        for _ in 0..<3 { try body() }
        var samples = [Double]()
        let end = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        while samples.isEmpty || DispatchTime.now().uptimeNanoseconds < end {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return samples
    }
}

/// The same work through the openssl CLI, in the same run.
enum OpenSSLPeerCLI {
    static func compare(_ rows: inout [BenchRow], keys: Int, seconds: Double) throws {
        var keygen = [Double]()
        for i in 1...keys {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "/dev/null"])
            keygen.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            Output.progress("openssl genpkey \(i)/\(keys)")
        }
        Output.progress(nil)
        rows[0].opensslOpsPerSecond = Double(keygen.count) / keygen.reduce(0, +)
        let speed = try run(["speed", "-seconds", String(Int(max(1, seconds.rounded()))), "rsa2048"])
        // "rsa 2048 bits 0.000546s 0.000016s 1831.5 62500.0": sign/s and verify/s are the last two numbers.
        if let line = speed.split(separator: "\n").last(where: { $0.hasPrefix("rsa 2048 bits") }) {
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            if numbers.count >= 3 {
                rows[1].opensslOpsPerSecond = numbers[numbers.count - 2]
                rows[2].opensslOpsPerSecond = numbers[numbers.count - 1]
            }
        }
        rows[3].opensslOpsPerSecond = try sha256PerSecond(seconds: seconds)
        // The issue's yardstick for portable code: OpenSSL without its SHA-NI path (bit 29 of the
        // second OPENSSL_ia32cap word, CPUID.7.EBX.SHA), so its AVX2/BMI2 code runs instead.
        var masked = rows[3]
        masked.operation = "SHA-256 16 KiB, OpenSSL SHA-NI masked"
        masked.opensslOpsPerSecond = try sha256PerSecond(
            seconds: seconds, environment: ["OPENSSL_ia32cap": ":~0x20000000"])
        rows.append(masked)
    }

    /// 16 KiB SHA-256 hashes per second by `openssl speed`.
    private static func sha256PerSecond(seconds: Double, environment: [String: String] = [:]) throws -> Double? {
        let sha = try run(
            ["speed", "-seconds", String(Int(max(1, seconds.rounded()))), "-bytes", "16384", "sha256"],
            environment: environment)
        // "sha256   123456.78k": thousands of bytes per second.
        guard let line = sha.split(separator: "\n").last(where: { $0.hasPrefix("sha256") }),
            let kilobytes = line.split(separator: " ").last.flatMap({ Double($0.dropLast()) })
        else { return nil }
        return kilobytes * 1000 / 16384
    }

    private static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        // A child inherits the spawning thread's signal mask, and Dispatch's worker threads block
        // almost every signal. `openssl speed` stops each measurement with SIGALRM, so with it
        // blocked it never stops: unblock it on this thread while the child is spawned.
        var alarm = sigset_t(), previous = sigset_t()
        sigemptyset(&alarm)
        sigaddset(&alarm, SIGALRM)
        pthread_sigmask(SIG_UNBLOCK, &alarm, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        do { try process.run() } catch { throw CLIError("cannot run openssl: \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError("openssl \(arguments.joined(separator: " ")) failed")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
