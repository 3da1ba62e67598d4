import CLinux
import Glibc

/// A Linux eventfd used to wake a thread blocked in poll(): the capture threads' stop signal
/// and the recorder's "work queued" doorbell. Wraps `eventfd(2)`, `write(2)` and `read(2)`.
public final class EventFD: Sendable {
    public let descriptor: Int32

    public init() throws(SystemError) {
        let fd = clinux_eventfd(0, CLINUX_EFD_CLOEXEC | CLINUX_EFD_NONBLOCK)
        guard fd >= 0 else { throw .current("cannot create eventfd", path: "eventfd") }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Makes the descriptor readable (wakes pollers). Safe from any thread.
    public func signal() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { write(descriptor, $0.baseAddress, 8) }
    }

    /// Clears the readable state; returns the accumulated count.
    @discardableResult
    public func drain() -> UInt64 {
        var value: UInt64 = 0
        let n = withUnsafeMutableBytes(of: &value) { read(descriptor, $0.baseAddress, 8) }
        return n == 8 ? value : 0
    }
}
