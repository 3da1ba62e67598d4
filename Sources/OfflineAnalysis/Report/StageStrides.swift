public import MarkerTracker
public import SessionStore

/// The strides of one recorded stage that the report may use, metric by metric.
///
/// A stride is left out entirely by `StrideAcceptance` (the rule review and the live panel share):
/// when it did not begin and end inside the stage's recording, when it began in the settle period
/// after a stage change, or when its duration differs from the median of its leg and camera by
/// more than `durationTolerance` (a missed or extra contact, not a stride). A single value is left out when
/// a marker it is measured from was unsure in the frames it is taken from (`MarkerTrust`).
public struct StageStrides: Sendable {
    /// Largest relative difference from the median stride time still taken for a stride.
    public static let durationTolerance = StrideAcceptance.durationTolerance

    /// The strides kept, per camera.
    public let strides: [CameraView: [StrideRecord]]
    /// Strides left out whole: not wholly inside the stage.
    public let partial: Int
    /// Strides left out whole: implausible duration.
    public let implausible: Int
    /// Strides left out whole: begun in the settle period after the stage change.
    public let settlingStrides: [StrideRecord]
    /// The stage's settle period (nil for the session's first stage).
    public let settle: SettlePeriod?
    /// Per side and metric.
    public let summaries: [BodySide: [StrideMetric: MetricSummary]]

    /// Strides left out whole: begun in the settle period after the stage change.
    public var settling: Int { settlingStrides.count }

    /// Filters `records` with the markers' trust of each view (`trust[view]`) at `framesPerSecond`,
    /// leaving out the strides begun in `settle` (`StrideAcceptance`).
    public init(records: [StrideRecord], trust: [CameraView: MarkerTrust], framesPerSecond: [CameraView: Double],
                settle: SettlePeriod? = nil) {
        let verdicts = StrideAcceptance.judge(records.map(StageStrides.candidate), settle: settle)
        var kept: [CameraView: [StrideRecord]] = [:]
        var settling: [StrideRecord] = []
        for (r, v) in zip(records, verdicts) {
            switch v {
            case .kept: kept[r.view, default: []].append(r)
            case .settling: settling.append(r)
            case .partial, .implausibleDuration: break
            }
        }
        for view in kept.keys { kept[view]?.sort { $0.contactTime < $1.contactTime } }
        strides = kept
        partial = verdicts.filter { $0 == .partial }.count
        implausible = verdicts.filter { $0 == .implausibleDuration }.count
        settlingStrides = settling.sorted { $0.contactTime < $1.contactTime }
        self.settle = settle

        var summaries: [BodySide: [StrideMetric: MetricSummary]] = [:]
        for metric in StrideMetric.allCases {
            // The first camera (preferred first) that measured the metric in this stage.
            guard let view = metric.views.first(where: { v in kept[v]?.contains { $0.values[metric] != nil } ?? false }) else {
                continue
            }
            let w = MetricDependencies.halfWidth(framesPerSecond: framesPerSecond[view] ?? 120)
            for side in BodySide.allCases {
                var s = MetricSummary(metric: metric, side: side, view: view)
                let deps = MetricDependencies.of(metric, view: view, side: side)
                for stride in kept[view] ?? [] where stride.side == side {
                    guard let value = stride.values[metric] else { continue }
                    guard let t = trust[view], deps.isSure(.init(stride), trust: t, halfWidth: w) else {
                        s.unsure += 1
                        continue
                    }
                    s.values.append(value)
                    s.contactTimes.append(stride.contactTime)
                }
                if s.count > 0 || s.unsure > 0 { summaries[side, default: [:]][metric] = s }
            }
        }
        self.summaries = summaries
    }

    /// The strides the report keeps, per camera in time order, and how many were left out and
    /// why: `StrideAcceptance`, the one rule the report, review's chart and stride list and the
    /// live panel use (wholly inside the stage, not begun in `settle`, duration near its leg's median).
    public static func accepted(_ records: [StrideRecord], settle: SettlePeriod? = nil)
        -> (kept: [CameraView: [StrideRecord]], partial: Int, implausible: Int, settling: Int) {
        let verdicts = StrideAcceptance.judge(records.map(StageStrides.candidate), settle: settle)
        var kept: [CameraView: [StrideRecord]] = [:]
        var partial = 0, implausible = 0, settling = 0
        for (r, v) in zip(records, verdicts) {
            switch v {
            case .kept: kept[r.view, default: []].append(r)
            case .settling: settling += 1
            case .partial: partial += 1
            case .implausibleDuration: implausible += 1
            }
        }
        for view in kept.keys { kept[view]?.sort { $0.contactTime < $1.contactTime } }
        return (kept, partial, implausible, settling)
    }

    /// The summary of `metric` for `side`, if it was measured at all.
    public func summary(_ metric: StrideMetric, _ side: BodySide) -> MetricSummary? { summaries[side]?[metric] }

    /// Strides kept for a side (the most any metric has, counted before the trust check).
    public func strideCount(_ side: BodySide) -> Int {
        CameraView.allCases.map { v in strides[v]?.filter { $0.side == side }.count ?? 0 }.max() ?? 0
    }
}

extension StageStrides {
    /// A stride as `StrideAcceptance` sees it.
    public static func candidate(_ r: StrideRecord) -> StrideAcceptance.Candidate {
        StrideAcceptance.Candidate(view: r.view, side: r.side, contactTime: r.contactTime, duration: r.duration,
                                   wholly: r.isWhollyRecorded)
    }

    /// The settle period of stage `index` of a session (`manifest.stages[index]`): from the
    /// stage change (stored as `switchedSeconds`; in sessions recorded before it was, the first
    /// recorded frame of every stage but the first) over the grade change from the stage before.
    /// None for the session's first stage.
    public static func settlePeriod(_ manifest: SessionManifest, stage index: Int) -> SettlePeriod? {
        guard index >= 0, index < manifest.stages.count else { return nil }
        let stage = manifest.stages[index]
        let switched = stage.switchedSeconds ?? (index > 0 ? stage.startSeconds : nil)
        let from = stage.previousInclinePercent ?? (index > 0 ? manifest.stages[index - 1].inclinePercent : stage.inclinePercent)
        return SettlePeriod(switchedAt: switched, fromPercent: from, toPercent: stage.inclinePercent)
    }
}
