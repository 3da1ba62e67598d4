/// Zero-lag filtering of whole angle series (review and offline analysis).
///
/// A second-order Butterworth run forward and backward, -3 dB at `cutoffHz` (12 Hz by default:
/// see docs/angles.md), over each unbroken run of each angle.
public struct AngleSeriesFilter: Sendable {
    /// Default cut-off of the zero-lag filter, Hz.
    public static let reviewCutoffHz = 12.0

    public let filter: ZeroLagLowPass

    public init(sampleRateHz: Double, cutoffHz: Double = AngleSeriesFilter.reviewCutoffHz) {
        filter = ZeroLagLowPass(cutoffHz: cutoffHz, sampleRateHz: sampleRateHz)
    }

    /// The filtered angles of every frame, same length and order as `frames`.
    public func callAsFunction(_ frames: [AngleSet]) -> [AngleSet] {
        var out = [AngleSet](repeating: AngleSet(), count: frames.count)
        for k in AngleKind.allCases {
            let series = frames.map { $0[k] }
            guard series.contains(where: { $0 != nil }) else { continue }
            let f = filter(series)
            for i in 0..<frames.count { out[i][k] = f[i] }
        }
        return out
    }
}
