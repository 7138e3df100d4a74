// GMP allocation hooks (GMP manual §13 "Custom Allocation") that wipe every block GMP frees or moves.

import CGMP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Installs the wiping allocator exactly once, before the first GMP call of the process.
///
/// Every `BigNum` initialiser reads `GMPMemory.installed`; Swift runs a global's initialiser once,
/// thread-safely, on first use, so no GMP integer can exist before the hooks are in place.
enum GMPMemory {
    static let installed: Bool = {
        // gmp.h #defines mp_set_memory_functions to this linker name.
        __gmp_set_memory_functions(gmpAllocate, gmpReallocate, gmpFree)
        return true
    }()

    /// True when GMP's current allocation functions are the wiping ones above. Reads them only: it
    /// does not install them, so a test can see whether making a BigNum did.
    static var hooksAreCurrent: Bool {
        var allocate: (@convention(c) (Int) -> UnsafeMutableRawPointer?)?
        var reallocate: (@convention(c) (UnsafeMutableRawPointer?, Int, Int) -> UnsafeMutableRawPointer?)?
        var release: (@convention(c) (UnsafeMutableRawPointer?, Int) -> Void)?
        __gmp_get_memory_functions(&allocate, &reallocate, &release)
        func address<F>(_ f: F?) -> UnsafeRawPointer? { f.map { unsafeBitCast($0, to: UnsafeRawPointer.self) } }
        return address(allocate) == address(gmpAllocate as @convention(c) (Int) -> UnsafeMutableRawPointer?)
            && address(reallocate)
                == address(
                    gmpReallocate as @convention(c) (UnsafeMutableRawPointer?, Int, Int) -> UnsafeMutableRawPointer?)
            && address(release) == address(gmpFree as @convention(c) (UnsafeMutableRawPointer?, Int) -> Void)
    }

    /// Overwrites `count` bytes with zeros in a way the compiler may not elide.
    /// - Timing: depends on `count` only.
    static func wipe(_ pointer: UnsafeMutableRawPointer?, _ count: Int) {
        guard let pointer, count > 0 else { return }
        explicit_bzero(pointer, count)
    }
}

private func gmpAllocate(_ size: Int) -> UnsafeMutableRawPointer? {
    guard let block = malloc(size) else { fatalError("GMP: out of memory allocating \(size) bytes") }
    return block
}

// GMP passes the old size, so the old block is wiped before it is released (GMP manual §13).
private func gmpReallocate(_ old: UnsafeMutableRawPointer?, _ oldSize: Int, _ newSize: Int) -> UnsafeMutableRawPointer?
{
    guard let fresh = malloc(newSize) else { fatalError("GMP: out of memory allocating \(newSize) bytes") }
    if let old {
        memcpy(fresh, old, min(oldSize, newSize))
        GMPMemory.wipe(old, oldSize)
        free(old)
    }
    return fresh
}

private func gmpFree(_ block: UnsafeMutableRawPointer?, _ size: Int) {
    GMPMemory.wipe(block, size)
    free(block)
}
