/// A second-order Butterworth low-pass section (a biquad), designed by the bilinear transform
/// with pre-warping.
///
/// `cutoffHz` is the -3 dB frequency of one pass. Running the section forward and then backward
/// (`ZeroLagLowPass`) squares its magnitude response; `twoPassCutoff(_:)` gives the per-pass
/// cut-off that puts the -3 dB point of the combined, zero-phase filter at the wanted frequency
/// (the correction factor (2^(1/2) - 1)^(1/4) = 0.802 of Winter, Biomechanics and Motor Control of
/// Human Movement, ch. 2). The cut-off is clamped below 0.45 of the sampling rate.
public struct Butterworth: Sendable, Hashable {
    public let b0: Double
    public let b1: Double
    public let b2: Double
    public let a1: Double
    public let a2: Double
    /// The cut-off actually used (after clamping), Hz.
    public let cutoffHz: Double

    public init(cutoffHz: Double, sampleRateHz: Double) {
        let fc = max(1e-6, min(cutoffHz, 0.45 * sampleRateHz))
        self.cutoffHz = fc
        let w = Double.pi * fc / sampleRateHz
        let k = Trig.sin(w) / Trig.cos(w)
        let r2 = 2.0.squareRoot()
        let norm = 1 / (1 + r2 * k + k * k)
        b0 = k * k * norm
        b1 = 2 * b0
        b2 = b0
        a1 = 2 * (k * k - 1) * norm
        a2 = (1 - r2 * k + k * k) * norm
    }

    /// The per-pass cut-off for a forward-backward run whose -3 dB point is `cutoffHz`.
    public static func twoPassCutoff(_ cutoffHz: Double) -> Double { cutoffHz / 0.802 }
}

/// The running state of one `Butterworth` section (direct form I).
struct BiquadState: Sendable {
    var x1 = 0.0, x2 = 0.0, y1 = 0.0, y2 = 0.0

    /// The state of a filter that has seen `value` forever (no start-up transient).
    init(steady value: Double) {
        x1 = value
        x2 = value
        y1 = value
        y2 = value
    }

    init() {}

    mutating func step(_ x: Double, _ f: Butterworth) -> Double {
        let y = f.b0 * x + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2
        x2 = x1
        x1 = x
        y2 = y1
        y1 = y
        return y
    }
}
