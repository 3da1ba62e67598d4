/// Learns a stream's frame interval from its timestamps and says how many frames a time step spans.
///
/// Frame rate is measured, never assumed: the median of the first `learningIntervals` intervals
/// between consecutive frames (robust to an early dropped frame), or the rate given up front
/// (a file's header) when there is one.
public struct FrameClock: Sendable {
    public let learningIntervals = 8
    /// Seconds between frames, once known.
    public private(set) var interval: Double?
    var lastTime: Double?
    var intervals: [Double] = []

    public init(framesPerSecond: Double? = nil) {
        if let f = framesPerSecond, f > 0 { interval = 1 / f }
        intervals.reserveCapacity(learningIntervals)
    }

    public var framesPerSecond: Double? { interval.map { 1 / $0 } }

    /// Records a frame at `time`; returns how many frames it advances over the previous one
    /// (1 normally, more after dropped frames, 0 for a repeated or out-of-order time).
    public mutating func advance(to time: Double) -> Int {
        defer { lastTime = time }
        guard let last = lastTime else { return 1 }
        let dt = time - last
        guard dt > 0 else { return 0 }
        guard let interval else {
            intervals.append(dt)
            if intervals.count >= learningIntervals {
                let s = intervals.sorted()
                self.interval = s[s.count / 2]
            }
            return 1
        }
        return max(1, Int((dt / interval).rounded()))
    }
}
