public import MarkerTracker
public import CaptureKit

/// Running figures of one camera over one stage: every angle's distribution over tracked frames,
/// the stage's cadence, how many events were seen, and the per-side stride summary.
public struct StageAggregate: Sendable {
    public var angles: [AngleKind: RunningStats] = [:]
    public var cadence = CadenceMeter()
    public var events: [GaitEvent.Kind: Int] = [:]
    public var frames = 0
    /// Per-side statistics of the stride metrics of this camera's strides in the stage.
    public var summary = StageSummary()
    /// The last strides completed (newest last, at most `recentStrideLimit`).
    public var recentStrides: [StrideMetrics] = []
    public static let recentStrideLimit = 16

    public init() {}

    public mutating func add(_ p: ProcessedFrame) {
        frames += 1
        for (k, v) in p.angles.present(in: p.frame.view) { angles[k, default: RunningStats()].add(v) }
        for e in p.events {
            cadence.add(e)
            events[e.kind, default: 0] += 1
        }
        for s in p.strides {
            summary.add(s)
            recentStrides.append(s)
        }
        if recentStrides.count > StageAggregate.recentStrideLimit {
            recentStrides.removeFirst(recentStrides.count - StageAggregate.recentStrideLimit)
        }
    }

    /// Both cameras' stride summaries of one stage together (side-view metrics from the side
    /// camera, frontal ones from the rear, timing from the rear when it has any).
    public static func combinedSummary(_ aggregates: [StageAggregate]) -> StageSummary {
        var s = StageSummary()
        for a in aggregates { s.merge(a.summary) }
        return s
    }
}
