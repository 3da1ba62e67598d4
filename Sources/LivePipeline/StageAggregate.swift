public import MarkerTracker
public import CaptureKit

/// Running figures of one camera over one stage, while recording: every angle's distribution
/// over tracked frames, the stage's cadence, how many events were seen, and the per-side stride
/// summary (`figures`, what the screen is handed). Frames seen while not recording are not
/// counted, the strides go through the report's own rule (`StrideAcceptance`: wholly recorded,
/// not begun in the settle period after a stage change, a plausible duration), and a stride's
/// value is left out when a marker it is measured from was unsure around where it is taken
/// (`MarkerTrust`, `MetricDependencies`), so the live stage means are the report's.
///
/// Memory: the strides are kept compactly (`StrideLedger`, about 0.2 kB each) and the marker
/// trust only for the last `trustWindow` frames, so a 30-minute stage holds about 2 MB.
public struct StageAggregate: Sendable {
    /// What the screen shows of this stage.
    public private(set) var figures = StageFigures()
    /// Every stride completed while recording, compactly, with its sure values.
    public private(set) var ledger = StrideLedger()
    /// What `StrideAcceptance` made of each stride of the ledger.
    public private(set) var verdicts: [StrideAcceptance.Verdict] = []
    /// The stage's settle period (nil for the first stage).
    public var settle: SettlePeriod?
    /// Which markers were sure in each of the last frames (numbered as the strides' events are);
    /// frames not recorded, or older than `trustWindow`, are unsure.
    public private(set) var trust = MarkerTrust(frames: [])
    /// Frames of marker trust kept: a stride is complete a few frames after its last contact, so
    /// 8,192 frames (68 s at 120 fps, 16 kB) is far more than the longest stride needs.
    public static let trustWindow = 8192

    public init(settle: SettlePeriod? = nil) {
        self.settle = settle
    }

    public var angles: [AngleKind: RunningStats] { figures.angles }
    public var cadence: CadenceMeter { figures.cadence }
    public var events: [GaitEvent.Kind: Int] { figures.events }
    public var frames: Int { figures.frames }
    public var summary: StageSummary { figures.summary }
    public var recentStrides: [StrideMetrics] { figures.recentStrides }
    /// Strides left out of the means because they began in the settle period.
    public var settling: Int { figures.settling }
    /// Strides completed while recording.
    public var strideCount: Int { ledger.count }

    /// Adds one frame. `recording`: whether the frame is recorded (only recorded frames count);
    /// `whollyRecorded[i]`: whether both contacts of `p.strides[i]` were recorded in this stage
    /// (nil: all were).
    public mutating func add(_ p: ProcessedFrame, recording: Bool = true, whollyRecorded: [Bool]? = nil) {
        trust.add(recording ? p.tracked.markers : nil, frame: p.streamIndex)
        if trust.frameCount >= 2 * Self.trustWindow { trust.forget(before: trust.firstFrame + trust.frameCount - Self.trustWindow) }
        guard recording else { return }
        figures.frames += 1
        for (k, v) in p.angles.present(in: p.frame.view) { figures.angles[k, default: RunningStats()].add(v) }
        for e in p.events {
            figures.cadence.add(e)
            figures.events[e.kind, default: 0] += 1
        }
        for (i, s) in p.strides.enumerated() {
            // A stride is complete once its frames are in: its sure values are known for good.
            let wholly = whollyRecorded.map { i < $0.count ? $0[i] : true } ?? true
            ledger.append(.init(view: s.view, side: s.side, contactTime: s.contact.time, duration: s.duration, wholly: wholly),
                          sure: sureValues(of: s))
            figures.recentStrides.append(s)
        }
        if figures.recentStrides.count > StageFigures.recentStrideLimit {
            figures.recentStrides.removeFirst(figures.recentStrides.count - StageFigures.recentStrideLimit)
        }
        if !p.strides.isEmpty { summarise() }
    }

    /// The summary of the strides `StrideAcceptance` keeps. When the verdicts on the strides
    /// already summarised stand, only the new strides are added; otherwise (a leg's median moved
    /// a stride across the tolerance) the summary is made again from the ledger.
    mutating func summarise() {
        let new = StrideAcceptance.judge(ledger.candidates, settle: settle)
        let old = verdicts.count
        var s: StageSummary
        let from: Int
        if new.count >= old, new[..<old].elementsEqual(verdicts) {
            s = figures.summary
            from = old
        } else {
            s = StageSummary()
            from = 0
        }
        for i in from..<new.count where new[i] == .kept { ledger.add(i, to: &s) }
        verdicts = new
        figures.summary = s
        figures.settling = new.reduce(0) { $0 + ($1 == .settling ? 1 : 0) }
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
        StageFigures.combinedSummary(aggregates.map(\.figures))
    }
}
