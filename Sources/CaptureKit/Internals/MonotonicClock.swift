import CV4L2 // owns timespec in release builds: its headers pull <time.h> in first
import Glibc

/// CLOCK_MONOTONIC, the clock V4L2 buffer timestamps use (`clock_gettime(2)`).
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary boot-time origin.
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Seconds from `origin` to `nanoseconds` on this clock, negative when `nanoseconds` is
    /// earlier (wrapping subtraction read as signed): the session clock of tables and notes.
    public static func seconds(_ nanoseconds: UInt64, since origin: UInt64) -> Double {
        Double(Int64(bitPattern: nanoseconds &- origin)) / 1e9
    }
}
