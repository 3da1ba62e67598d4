public import MarkerTracker
public import CaptureKit

/// Every stride of one camera in one live stage, kept compactly for `StrideAcceptance`: what the
/// rule judges (leg, contact time, duration, wholly recorded) and the values measured from sure
/// markers, without the unmeasured metrics.
///
/// The acceptance rule compares each stride's duration with the median of all of its leg's
/// strides in the stage, so a stride's verdict can change until the stage ends and every stride
/// has to be kept. A stride costs about 40 bytes plus 9 per measured value here, against about
/// 1.2 kB as two `StrideMetrics` (docs/performance.md, "Soak").
public struct StrideLedger: Sendable {
    /// What the rule sees of each stride, in the order they were added.
    public private(set) var candidates: [StrideAcceptance.Candidate] = []
    /// Stride `i`'s values are `metrics[starts[i]..<starts[i + 1]]` (the last runs to the end).
    private var starts: [UInt32] = []
    private var metrics: [UInt8] = []
    private var values: [Double] = []

    public init() {}

    public var count: Int { candidates.count }

    /// Adds a stride: how the rule sees it, and its sure values.
    public mutating func append(_ candidate: StrideAcceptance.Candidate, sure: StrideMetrics) {
        candidates.append(candidate)
        starts.append(UInt32(metrics.count))
        for (m, v) in sure.measured {
            metrics.append(UInt8(m.rawValue))
            values.append(v)
        }
    }

    /// Adds stride `i`'s sure values to `summary`.
    public func add(_ i: Int, to summary: inout StageSummary) {
        let c = candidates[i]
        let end = i + 1 < starts.count ? Int(starts[i + 1]) : metrics.count
        for k in Int(starts[i])..<end {
            guard let m = StrideMetric(rawValue: Int(metrics[k])) else { continue }
            summary.add(m, values[k], view: c.view, side: c.side)
        }
    }
}
