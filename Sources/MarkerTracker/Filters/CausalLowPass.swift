/// A causal low-pass filter for one angle or coordinate, one sample at a time (the live view).
///
/// A second-order Butterworth section: it only looks back, so it lags (about 1/(2 pi fc) * sqrt 2
/// seconds at low frequencies: 19 ms at 12 Hz). Angles are unwrapped first, so a value crossing
/// +-180 degrees never makes the output jump by 360. A missing sample (nil) resets the filter and
/// gives nil; the next sample restarts it at that value without a start-up transient.
public struct CausalLowPass: Sendable {
    public let section: Butterworth
    var state = BiquadState()
    var last: Double?
    var unwrapOffset = 0.0
    /// Whether values are angles in degrees (unwrapped) or plain numbers.
    public let isAngle: Bool

    public init(cutoffHz: Double, sampleRateHz: Double, isAngle: Bool = true) {
        section = Butterworth(cutoffHz: cutoffHz, sampleRateHz: sampleRateHz)
        self.isAngle = isAngle
    }

    public mutating func reset() {
        last = nil
        unwrapOffset = 0
    }

    /// Filters one sample; nil in, nil out (and a reset).
    public mutating func callAsFunction(_ x: Double?) -> Double? {
        guard let x, x.isFinite else {
            reset()
            return nil
        }
        var v = x + unwrapOffset
        if isAngle, let last {
            while v - last > 180 { v -= 360; unwrapOffset -= 360 }
            while v - last < -180 { v += 360; unwrapOffset += 360 }
        }
        if last == nil { state = BiquadState(steady: v) }
        last = v
        return state.step(v, section)
    }
}
