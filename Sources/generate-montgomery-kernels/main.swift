// Writes Sources/PrivateKeyJWT/BigNum/Generated/MontgomeryKernels.swift: the Montgomery multiplication and
// squaring of MontgomeryModulus.swift for the prime widths of RSA-2048, -3072 and -4096 keys (16, 24
// and 32 limbs) with every loop unrolled. Run from the repository root:
//
//   swift run generate-montgomery-kernels > Sources/PrivateKeyJWT/BigNum/Generated/MontgomeryKernels.swift
//
// CI regenerates the file and fails on any difference. Why generate: with every index a constant the
// kernel has no loop exit to mispredict and no index arithmetic; a 16-limb multiplication took 370–400
// ns unrolled against 620–930 ns as loops (BENCHMARKS.md, session 5). The loop version stays as the
// reference and for other widths, and tests compare the two. (The 16-limb kernels also serve n's
// domain for RSA-1024 public keys, and the 32-limb ones RSA-2048's n.)

let widths = [16, 24, 32]
let maximumLine = 120

/// Statements joined into lines of at most `maximumLine` characters, each line indented.
func wrapped(_ statements: [String], indent: String) -> [String] {
    var lines: [String] = [], line = ""
    for statement in statements {
        if !line.isEmpty && indent.count + line.count + 2 + statement.count > maximumLine {
            lines.append(indent + line)
            line = ""
        }
        line += (line.isEmpty ? "" : "; ") + statement
    }
    if !line.isEmpty { lines.append(indent + line) }
    return lines
}

/// The j with 0 ≤ j < k and 0 ≤ i − j < k: the pairs of limbs in column i (none in column 2k − 1).
func pairs(column i: Int, width k: Int) -> [Int] {
    Array(stride(from: max(0, i - k + 1), through: min(i, k - 1), by: 1))
}

/// The a-side terms of column `i`: a_j·b_(i−j) over the pairs that exist.
func productTerms(column i: Int, width k: Int) -> [String] {
    pairs(column: i, width: k).map { ".adding(a[\($0)], b[\(i - $0)])" }
}

/// The a-side terms of column `i` of a square: the pairs below the diagonal summed apart (h), added
/// doubled, then the square on the diagonal (HAC 14.16). Returns h's definition and the terms.
func squareTerms(column i: Int, width k: Int) -> (half: [String], terms: [String]) {
    let below = pairs(column: i, width: k).filter { $0 < i - $0 }
    var half: [String] = [], terms: [String] = []
    if !below.isEmpty {
        half = ["let h\(i) = ColumnSum()"] + below.map { ".adding(a[\($0)], a[\(i - $0)])" }
        terms.append(".adding(h\(i).doubled)")
    }
    if i % 2 == 0 { terms.append(".adding(a[\(i / 2)], a[\(i / 2)])") }
    return (half, terms)
}

/// The reduction terms of column `i`: u_j·m_(i−j) for the quotient digits chosen so far.
func reductionTerms(column i: Int, width k: Int) -> [String] {
    pairs(column: i, width: k).filter { $0 < i }.map { ".adding(u\($0), m[\(i - $0)])" }
}

/// `let name = start.term.term…`, wrapped at `indent` + 4 after the first line.
func chain(_ first: String, _ terms: [String], indent: String) -> [String] {
    var lines: [String] = [], line = indent + first
    for term in terms {
        if line.count + term.count > maximumLine {
            lines.append(line)
            line = indent + "    "
        }
        line += term
    }
    return lines + [line]
}

/// One kernel: columns 0..<2k in the order of MontgomeryModulus.multiply and .square. Every sum is a
/// new constant (s_i after column i, c_i within it): with one variable mutated thousands of times
/// the compiler's SIL optimiser took minutes per kernel; with constants, seconds.
func kernel(_ name: String, width k: Int, square: Bool) -> [String] {
    let operands = square ? "_ a: UnsafePointer<UInt>," : "_ a: UnsafePointer<UInt>, _ b: UnsafePointer<UInt>,"
    let indent = "        "
    var lines = [
        "    @inline(never)",
        "    static func \(name)\(k)(",
        "        _ r: UnsafeMutablePointer<UInt>, \(operands)",
        "        _ m: UnsafePointer<UInt>, _ m0: UInt",
        "    ) {",
    ]
    for i in 0..<(2 * k) {
        let previous = i == 0 ? "ColumnSum()" : "s\(i - 1)"
        var terms: [String]
        lines.append("\(indent)// column \(i)")
        if square {
            let (half, squareTerms) = squareTerms(column: i, width: k)
            if !half.isEmpty { lines += chain(half[0], Array(half.dropFirst()), indent: indent) }
            terms = squareTerms
        } else {
            terms = productTerms(column: i, width: k)
        }
        terms += reductionTerms(column: i, width: k)
        lines += chain("let c\(i) = \(previous)", terms, indent: indent)
        if i < k {
            lines.append("\(indent)let u\(i) = c\(i).low &* m0, s\(i) = c\(i).adding(u\(i), m[0]).shifted")
        } else {
            lines.append("\(indent)let t\(i - k) = c\(i).low, s\(i) = c\(i).shifted")
        }
    }
    // t + carry·R < 2m: subtract m, keep the difference when t + carry·R ≥ m, through a mask. The
    // result is stored only at the end, after every load (r may alias a or b).
    lines.append("\(indent)// t + carry·R − m, kept through a mask when t + carry·R ≥ m")
    lines += wrapped(
        (0..<k).map {
            "let (d\($0), w\($0)) = subtractingWithBorrow(t\($0), m[\($0)], \($0 == 0 ? "0" : "w\($0 - 1)"))"
        }, indent: indent)
    lines.append("\(indent)let keep = differenceMask(carry: s\(2 * k - 1).low, borrow: w\(k - 1))")
    lines += wrapped((0..<k).map { "r[\($0)] = choose(keep, d\($0), t\($0))" }, indent: indent)
    lines.append("    }")
    return lines
}

var output = [
    // The line Go's tools, GitHub and most linters recognise as marking a generated file.
    "// Code generated by generate-montgomery-kernels. DO NOT EDIT.",
    "//",
    "// Sources/generate-montgomery-kernels/main.swift writes this file; CI regenerates it and compares.",
    "//",
    "// MontgomeryModulus.multiply and .square for 16, 24 and 32 limbs with every loop unrolled: the same",
    "// columns, terms and order as the loops in MontgomeryModulus.swift (Koç, Acar, Kaliski 1996, \"FIPS\";",
    "// HAC 14.16 for squares), each index a constant, and the same masked final subtraction: r = a·b·R⁻¹ mod m",
    "// (or a²·R⁻¹ mod m). r may alias a or b.",
    "//",
    "// - Timing: straight-line code; no branch and no index depends on anything, the operands included.",
    "",
    "extension MontgomeryModulus {",
]
for (index, k) in widths.enumerated() {
    if index > 0 { output.append("") }
    output += kernel("multiply", width: k, square: false)
    output.append("")
    output += kernel("square", width: k, square: true)
}
output.append("}")
print(output.joined(separator: "\n"))
