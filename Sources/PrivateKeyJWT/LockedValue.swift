// A value shared between threads behind a POSIX mutex (pthread_mutex_lock, POSIX.1-2017): the
// blinding pair a key keeps, the process-wide SHA-256 compression choice, the parallel prime
// search's results. Not Synchronization.Mutex: on Linux that is a futex ThreadSanitizer cannot see,
// so every correct access under it was reported as a race (Tests/ThreadSanitizer/run.sh);
// ThreadSanitizer intercepts pthread_mutex_lock, which costs the same when uncontended.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value every access to which holds one mutex.
/// - Timing: the lock's own time depends on contention only, never on the value.
final class LockedValue<Value>: @unchecked Sendable {  // unchecked: `value` is touched only under `mutex`
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value: Value

    init(_ value: Value) {
        self.value = value
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` on the value with the mutex held.
    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
