public import MarkerTracker
public import SessionStore

/// The strides of one recorded stage that the report may use, metric by metric.
///
/// A stride is left out entirely when it did not begin and end inside the stage's recording, or
/// when its duration differs from the median of its leg and camera by more than
/// `durationTolerance` (a missed or extra contact, not a stride). A single value is left out when
/// a marker it is measured from was unsure in the frames it is taken from (`MarkerTrust`).
public struct StageStrides: Sendable {
    /// Largest relative difference from the median stride time still taken for a stride.
    public static let durationTolerance = 0.15

    /// The strides kept, per camera.
    public let strides: [CameraView: [StrideRecord]]
    /// Strides left out whole: not wholly inside the stage.
    public let partial: Int
    /// Strides left out whole: implausible duration.
    public let implausible: Int
    /// Per side and metric.
    public let summaries: [BodySide: [StrideMetric: MetricSummary]]

    /// Filters `records` with the markers' trust of each view (`trust[view]`) at `framesPerSecond`.
    public init(records: [StrideRecord], trust: [CameraView: MarkerTrust], framesPerSecond: [CameraView: Double]) {
        let accepted = StageStrides.accepted(records)
        let kept = accepted.kept
        strides = kept
        partial = accepted.partial
        implausible = accepted.implausible

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
                    guard let ranges = deps.frames(of: stride, halfWidth: w), let t = trust[view],
                          ranges.allSatisfy({ t.allSure(deps.markers, in: $0) }) else {
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

    /// The stride acceptance rule, the one the report and review's chart and stride list use: per
    /// camera and leg, the strides wholly inside the stage whose duration is within
    /// `durationTolerance` of the median (a stride spanning a missed contact is about twice as
    /// long and is left out). Returns the strides kept per camera (by contact time) and the counts
    /// left out.
    public static func accepted(_ records: [StrideRecord])
        -> (kept: [CameraView: [StrideRecord]], partial: Int, implausible: Int) {
        var partial = 0, implausible = 0
        var kept: [CameraView: [StrideRecord]] = [:]
        for view in CameraView.allCases {
            for side in BodySide.allCases {
                let mine = records.filter { $0.view == view && $0.side == side }
                let whole = mine.filter(\.isWhollyRecorded)
                partial += mine.count - whole.count
                let durations = whole.map(\.duration).sorted()
                guard !durations.isEmpty else { continue }
                let median = durations[durations.count / 2]
                let plausible = whole.filter { abs($0.duration - median) <= StageStrides.durationTolerance * median }
                implausible += whole.count - plausible.count
                kept[view, default: []] += plausible
            }
            kept[view]?.sort { $0.contactTime < $1.contactTime }
        }
        return (kept, partial, implausible)
    }

    /// The summary of `metric` for `side`, if it was measured at all.
    public func summary(_ metric: StrideMetric, _ side: BodySide) -> MetricSummary? { summaries[side]?[metric] }

    /// Strides kept for a side (the most any metric has, counted before the trust check).
    public func strideCount(_ side: BodySide) -> Int {
        CameraView.allCases.map { v in strides[v]?.filter { $0.side == side }.count ?? 0 }.max() ?? 0
    }
}
