// The clocks of `pkjwt bench`: one operation and, when compared, its peer, timed in turns so that a
// machine that slows down slows both alike.

import Foundation

enum Measure {
    /// `ours` and, when there is one, `peer`, one call each in turn, `count` times each.
    static func alternating(_ count: Int, label: String, _ ours: () throws -> Void, _ peer: (() throws -> Void)?)
        throws -> (ours: [Double], peer: [Double]?)
    {
        var mine = [Double](), theirs = [Double]()
        for i in 1...count {
            mine.append(try once(ours))
            if let peer { theirs.append(try once(peer)) }
            Output.progress("\(label) \(i)/\(count)")
        }
        Output.progress(nil)
        return (mine, peer == nil ? nil : theirs)
    }

    /// `ours` and, when there is one, `peer` for about `seconds` each, in eight slices taken in turn
    /// (ours first, then theirs first, ...), so a machine that slows down slows both alike.
    static func interleaved(_ seconds: Double, _ ours: () throws -> Void, _ peer: (() throws -> Void)?)
        throws -> (ours: [Double], peer: [Double]?)
    {
        guard let peer else { return (try timed(seconds, ours), nil) }
        var mine = [Double](), theirs = [Double]()
        for slice in 0..<8 {
            let first = try timed(seconds / 8, slice % 2 == 0 ? ours : peer)
            let second = try timed(seconds / 8, slice % 2 == 0 ? peer : ours)
            mine += slice % 2 == 0 ? first : second
            theirs += slice % 2 == 0 ? second : first
        }
        return (mine, theirs)
    }

    private static func once(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Runs `body` repeatedly for about `seconds`, after a short warm-up.
    static func timed(_ seconds: Double, _ body: () throws -> Void) throws -> [Double] {
        for _ in 0..<3 { try body() }
        var samples = [Double]()
        let end = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        while samples.isEmpty || DispatchTime.now().uptimeNanoseconds < end {
            samples.append(try once(body))
        }
        return samples
    }
}
