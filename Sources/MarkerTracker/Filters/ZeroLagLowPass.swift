/// A zero-lag low-pass filter for whole series (review, offline analysis, stride metrics).
///
/// The Butterworth section runs forward and then backward over each unbroken run of samples, so
/// the phase lags cancel: peaks stay where they are and events keep their frames. The series is
/// extended at both ends by point reflection (2 x0 - x[k]) before filtering, which keeps the ends
/// free of start-up transients. Missing samples (nil) split the series into runs that are filtered
/// separately and stay missing; runs shorter than `minimumRun` are returned unfiltered. Angles are
/// unwrapped within a run first, so the output is continuous.
public struct ZeroLagLowPass: Sendable {
    public let section: Butterworth
    /// Samples of reflection added at each end (up to the run's length - 1).
    public let padding: Int
    public let minimumRun: Int
    public let isAngle: Bool

    /// `cutoffHz` is the -3 dB point of the combined (forward + backward) filter.
    public init(cutoffHz: Double, sampleRateHz: Double, isAngle: Bool = true) {
        section = Butterworth(cutoffHz: Butterworth.twoPassCutoff(cutoffHz), sampleRateHz: sampleRateHz)
        padding = max(6, Int((0.2 * sampleRateHz).rounded()))
        minimumRun = 4
        self.isAngle = isAngle
    }

    /// The filtered series.
    public func callAsFunction(_ input: [Double?]) -> [Double?] {
        var out = [Double?](repeating: nil, count: input.count)
        var scratch: [Double] = []
        var i = 0
        while i < input.count {
            guard input[i] != nil else { i += 1; continue }
            var j = i
            while j < input.count, let v = input[j], v.isFinite { j += 1 }
            let run = input[i..<j].map { $0! }
            if run.count < minimumRun {
                for k in i..<j { out[k] = input[k] }
            } else {
                let f = filter(run, scratch: &scratch)
                for k in 0..<f.count { out[i + k] = f[k] }
            }
            i = j
        }
        return out
    }

    /// Filters one unbroken run (no missing values); `scratch` is reused between calls.
    public func filter(_ run: [Double], scratch: inout [Double]) -> [Double] {
        var x = run
        if isAngle { AngleUnwrap.unwrap(&x) }
        let n = x.count
        guard n >= 2 else { return x }
        let p = min(padding, n - 1)
        scratch.removeAll(keepingCapacity: true)
        scratch.reserveCapacity(n + 2 * p)
        for k in stride(from: p, through: 1, by: -1) { scratch.append(2 * x[0] - x[k]) }
        scratch.append(contentsOf: x)
        for k in 1...p { scratch.append(2 * x[n - 1] - x[n - 1 - k]) }
        var s = BiquadState(steady: scratch[0])
        for k in 0..<scratch.count { scratch[k] = s.step(scratch[k], section) }
        s = BiquadState(steady: scratch[scratch.count - 1])
        for k in stride(from: scratch.count - 1, through: 0, by: -1) { scratch[k] = s.step(scratch[k], section) }
        return Array(scratch[p..<(p + n)])
    }
}
