public import MarkerTracker
public import CaptureKit

/// Running figures of one camera over one stage, while recording: every angle's distribution
/// over tracked frames, the stage's cadence, how many events were seen, and the per-side stride
/// summary. Frames seen while not recording are not counted, the strides go through the
/// report's own rule (`StrideAcceptance`: wholly recorded, not begun in the settle period after
/// a stage change, a plausible duration), and a stride's value is left out when a marker it is
/// measured from was unsure around where it is taken (`MarkerTrust`, `MetricDependencies`), so
/// the live stage means are the report's.
public struct StageAggregate: Sendable {
    public var angles: [AngleKind: RunningStats] = [:]
    public var cadence = CadenceMeter()
    public var events: [GaitEvent.Kind: Int] = [:]
    public var frames = 0
    /// Per-side statistics of the stride metrics of this camera's accepted strides in the stage.
    public private(set) var summary = StageSummary()
    /// Every stride completed while recording, with whether both its contacts were recorded.
    public private(set) var strides: [(stride: StrideMetrics, wholly: Bool)] = []
    /// Each of `strides` with the values measured from unsure markers left out.
    var sure: [StrideMetrics] = []
    /// What `StrideAcceptance` made of each of `strides`.
    public private(set) var verdicts: [StrideAcceptance.Verdict] = []
    /// The stage's settle period (nil for the first stage).
    public var settle: SettlePeriod?
    /// Which markers were sure in each frame (numbered as the strides' events are); frames not
    /// recorded are unsure.
    public private(set) var trust = MarkerTrust(frames: [])
    /// The last strides completed (newest last, at most `recentStrideLimit`).
    public var recentStrides: [StrideMetrics] = []
    public static let recentStrideLimit = 16

    public init(settle: SettlePeriod? = nil) {
        self.settle = settle
    }

    /// Strides left out of the means because they began in the settle period.
    public var settling: Int { verdicts.filter { $0 == .settling }.count }

    /// Adds one frame. `recording`: whether the frame is recorded (only recorded frames count);
    /// `whollyRecorded[i]`: whether both contacts of `p.strides[i]` were recorded in this stage
    /// (nil: all were).
    public mutating func add(_ p: ProcessedFrame, recording: Bool = true, whollyRecorded: [Bool]? = nil) {
        trust.add(recording ? p.tracked.markers : nil, frame: p.streamIndex)
        guard recording else { return }
        frames += 1
        for (k, v) in p.angles.present(in: p.frame.view) { angles[k, default: RunningStats()].add(v) }
        for e in p.events {
            cadence.add(e)
            events[e.kind, default: 0] += 1
        }
        for (i, s) in p.strides.enumerated() {
            // A stride is complete once its frames are in: its sure values are known for good.
            strides.append((s, whollyRecorded.map { i < $0.count ? $0[i] : true } ?? true))
            sure.append(sureValues(of: s))
            recentStrides.append(s)
        }
        if recentStrides.count > StageAggregate.recentStrideLimit {
            recentStrides.removeFirst(recentStrides.count - StageAggregate.recentStrideLimit)
        }
        if !p.strides.isEmpty { summarise() }
    }

    /// The summary of the strides `StrideAcceptance` keeps.
    mutating func summarise() {
        verdicts = StrideAcceptance.judge(strides.map {
            StrideAcceptance.Candidate(view: $0.stride.view, side: $0.stride.side, contactTime: $0.stride.contact.time,
                                       duration: $0.stride.duration, wholly: $0.wholly)
        }, settle: settle)
        var s = StageSummary()
        for (x, v) in zip(sure, verdicts) where v == .kept { s.add(x) }
        summary = s
    }

    /// `stride` with the values measured from unsure markers left out (as the report does).
    func sureValues(of stride: StrideMetrics) -> StrideMetrics {
        var out = stride
        let frames = MetricDependencies.EventFrames(stride)
        // The frame rate from the stride itself (its frames and times are the camera's).
        let fps = stride.duration > 0 ? Double(stride.nextContact.frame - stride.contact.frame) / stride.duration : 120
        let w = MetricDependencies.halfWidth(framesPerSecond: fps)
        for (m, _) in stride.measured
        where !MetricDependencies.of(m, view: stride.view, side: stride.side).isSure(frames, trust: trust, halfWidth: w) {
            out[m] = nil
        }
        return out
    }

    /// Both cameras' stride summaries of one stage together (side-view metrics from the side
    /// camera, frontal ones from the rear, timing from the rear when it has any).
    public static func combinedSummary(_ aggregates: [StageAggregate]) -> StageSummary {
        var s = StageSummary()
        for a in aggregates { s.merge(a.summary) }
        return s
    }
}
