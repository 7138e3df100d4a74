import Foundation
import Testing

@testable import PrivateKeyJWT

/// The lock the core shares values under. Under ThreadSanitizer (Tests/ThreadSanitizer/run.sh) these
/// also show that the sanitizer sees the lock: with Synchronization.Mutex the same accesses were
/// reported as races.
@Suite("LockedValue: a value behind a POSIX mutex")
struct LockedValueTests {
    /// Runs `body(0)` and `body(1)` on two threads of their own (not a dispatch pool, which may run
    /// both on one thread), and returns when both are done.
    static func onTwoThreads(_ body: @escaping @Sendable (Int) -> Void) {
        let done = DispatchSemaphore(value: 0)
        for worker in 0..<2 {
            Thread {
                body(worker)
                done.signal()
            }.start()
        }
        done.wait()
        done.wait()
    }

    @Test("two threads adding 100,000 times each lose no update") func noLostUpdate() {
        let counter = LockedValue(0)
        Self.onTwoThreads { _ in
            for _ in 0..<100_000 { counter.withLock { $0 += 1 } }
        }
        #expect(counter.withLock { $0 } == 200_000)
    }

    @Test("two threads appending to one array keep every element") func arrays() {
        let verdicts = LockedValue<[Int]>([])
        Self.onTwoThreads { worker in
            for i in 0..<20_000 { verdicts.withLock { $0.append(worker * 20_000 + i) } }
        }
        #expect(verdicts.withLock { $0.sorted() } == Array(0..<40_000))
    }

    /// A thrown error leaves the lock free: the next access does not wait forever.
    struct Refusal: Error, Equatable {}

    @Test("an error thrown under the lock propagates, and the lock is released") func throwing() {
        let value = LockedValue("kept")
        #expect(throws: Refusal()) { try value.withLock { (_: inout String) throws(Refusal) in throw Refusal() } }
        #expect(value.withLock { $0 } == "kept")
    }
}
