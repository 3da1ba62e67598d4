public import MarkerTracker
public import CaptureKit

/// What the live screen shows of one camera over one stage: every angle's distribution over the
/// recorded frames, the cadence, the events seen, the per-side stride summary and the last
/// strides. Small and of fixed size, so the capture thread can hand a copy to the screen with
/// every frame (`LiveViewSnapshot`) while the growing part of the stage (`StageAggregate`'s
/// stride ledger and marker trust) stays with the capture thread.
public struct StageFigures: Sendable {
    public var angles: [AngleKind: RunningStats] = [:]
    public var cadence = CadenceMeter()
    public var events: [GaitEvent.Kind: Int] = [:]
    /// Recorded frames counted.
    public var frames = 0
    /// Per-side statistics of the stride metrics of this camera's accepted strides in the stage.
    public internal(set) var summary = StageSummary()
    /// Strides left out of the means because they began in the settle period.
    public internal(set) var settling = 0
    /// The last strides completed (newest last, at most `recentStrideLimit`).
    public var recentStrides: [StrideMetrics] = []
    public static let recentStrideLimit = 16

    public init() {}

    /// Both cameras' stride summaries of one stage together (side-view metrics from the side
    /// camera, frontal ones from the rear, timing from the rear when it has any).
    public static func combinedSummary(_ figures: [StageFigures]) -> StageSummary {
        var s = StageSummary()
        for f in figures { s.merge(f.summary) }
        return s
    }
}
