import Synchronization

/// A byte budget shared by the files of one session, standing in for a small disk in tests:
/// a write that does not fit writes what fits and then fails with `ENOSPC`, as a full disk does.
///
/// Production code passes no limit; the real full-disk check runs on a small tmpfs
/// (Tests/GaitliveEndToEndTests/DiskFullTests.swift).
public final class WriteLimit: Sendable {
    public let capacity: UInt64
    private let used = Mutex<UInt64>(0)

    public init(bytes: UInt64) { capacity = bytes }

    /// Takes up to `count` bytes of the budget; returns how many were granted.
    func take(_ count: Int) -> Int {
        used.withLock { u in
            let granted = Int(min(UInt64(count), capacity - min(capacity, u)))
            u += UInt64(granted)
            return granted
        }
    }

    /// Gives bytes back (a file was removed).
    func release(_ count: UInt64) {
        used.withLock { $0 -= min($0, count) }
    }

    public var bytesUsed: UInt64 { used.withLock { $0 } }
}
