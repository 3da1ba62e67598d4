import CLinux
import CV4L2 // owns timespec in release builds: its headers pull <time.h> in first
import Glibc

/// A periodic CLOCK_MONOTONIC timer as a pollable descriptor: paces the simulated cameras the
/// way a sensor's frame clock paces a real one. Wraps `timerfd_create(2)` and `timerfd_settime(2)`.
public final class TimerFD {
    public let descriptor: Int32

    public init() throws(SystemError) {
        let fd = clinux_timerfd_create(CLOCK_MONOTONIC, CLINUX_TFD_CLOEXEC | CLINUX_TFD_NONBLOCK)
        guard fd >= 0 else { throw .current("cannot create timerfd", path: "timerfd") }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Fires first at absolute monotonic time `start` (ns), then every `interval` ns.
    public func arm(startNanoseconds start: UInt64, intervalNanoseconds interval: UInt64) throws(SystemError) {
        var spec = itimerspec(
            it_interval: timespec(tv_sec: Int(interval / 1_000_000_000), tv_nsec: Int(interval % 1_000_000_000)),
            it_value: timespec(tv_sec: Int(start / 1_000_000_000), tv_nsec: Int(start % 1_000_000_000)))
        guard clinux_timerfd_settime(descriptor, CLINUX_TFD_TIMER_ABSTIME, &spec) == 0 else {
            throw .current("cannot arm timerfd", path: "timerfd")
        }
    }

    /// Expirations since the last read (0 if none: a spurious wake-up).
    public func expirations() -> UInt64 {
        var value: UInt64 = 0
        let n = withUnsafeMutableBytes(of: &value) { read(descriptor, $0.baseAddress, 8) }
        return n == 8 ? value : 0
    }
}
