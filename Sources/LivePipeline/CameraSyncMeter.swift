public import MarkerTracker
public import CaptureKit
public import SessionStore

/// Measures how far apart in time two free-running cameras expose, from their kernel timestamps.
///
/// On every side frame: offset = side timestamp - nearest rear exposure, where the nearest is the
/// last rear timestamp moved by whole rear frame periods (so it lies within half a period).
/// Jitter is the standard deviation of the offset within each one-second window (the offset is
/// unwrapped inside a window so a slow drift across half a period does not count as a jump).
/// A value owned under a lock by `LiveSession`; fed from both capture threads.
public struct CameraSyncMeter: Sendable {
    var lastRear: UInt64?
    var rearPeriod: Double?
    // The current one-second window.
    var windowStart: UInt64?
    var windowFirst: Double?
    var windowN = 0
    var windowSum = 0.0
    var windowSumSq = 0.0
    var previousOffset: Double?
    /// The newest offset and the last complete window's jitter, ms.
    public private(set) var offsetMs: Double?
    public private(set) var jitterMs: Double?
    // Whole session.
    var count = 0
    var sum = 0.0
    var minimum = Double.infinity
    var maximum = -Double.infinity
    var windows = 0
    var jitterSum = 0.0

    public init() {}

    /// Feeds one frame of either camera.
    public mutating func add(_ frame: Frame) {
        if frame.view == .rear { rear(frame.timestampNanoseconds) } else { side(frame.timestampNanoseconds) }
    }

    /// A rear frame's timestamp (ns).
    public mutating func rear(_ ts: UInt64) {
        if let last = lastRear, ts > last {
            let d = Double(ts - last)
            // Median-like smoothing that ignores single dropped frames (gaps of 2+ periods).
            if let p = rearPeriod {
                if d < 1.5 * p { rearPeriod = 0.9 * p + 0.1 * d }
            } else {
                rearPeriod = d
            }
        }
        lastRear = ts
    }

    /// A side frame's timestamp (ns): measures one offset.
    public mutating func side(_ ts: UInt64) {
        guard let r = lastRear, let p = rearPeriod, p > 0 else { return }
        var d = Double(Int64(bitPattern: ts &- r))
        d -= (d / p).rounded() * p
        let ms = d / 1e6
        offsetMs = ms
        count += 1
        sum += ms
        minimum = min(minimum, ms)
        maximum = max(maximum, ms)
        // Unwrap against the previous offset inside the window.
        var u = ms
        if let prev = previousOffset {
            let half = p / 2e6
            while u - prev > half { u -= p / 1e6 }
            while prev - u > half { u += p / 1e6 }
        }
        previousOffset = u
        if windowStart == nil { windowStart = ts }
        let first = windowFirst ?? u
        windowFirst = first
        windowN += 1
        windowSum += u - first
        windowSumSq += (u - first) * (u - first)
        if let start = windowStart, ts &- start >= 1_000_000_000, windowN >= 5 {
            let mean = windowSum / Double(windowN)
            let sd = max(0, windowSumSq / Double(windowN) - mean * mean).squareRoot()
            jitterMs = sd
            windows += 1
            jitterSum += sd
            windowStart = ts
            windowFirst = nil
            windowN = 0
            windowSum = 0
            windowSumSq = 0
        }
    }

    /// The session's figures for the manifest (nil until a side frame was measured).
    public var summary: SessionManifest.CameraSync? {
        guard count > 0 else { return nil }
        return SessionManifest.CameraSync(meanOffsetMs: sum / Double(count),
                                          jitterMs: windows > 0 ? jitterSum / Double(windows) : (jitterMs ?? 0),
                                          minimumMs: minimum, maximumMs: maximum, samples: count)
    }
}
