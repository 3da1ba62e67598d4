/// Per-side statistics of every stride metric over one stage (flat, incline): what the live
/// panel, the headless summary, the review console and the report show.
///
/// Strides of both cameras go in; each metric is summarised from the first of its `views` that
/// measured it (the rear camera for timing, so left and right come from the same camera). A mean
/// is only given once a side has `minimumSteps` strides (Dingenen et al. 2018: the mean of a 2D
/// running variable is stable after about six steps), and a left/right difference only when both
/// sides have one.
public struct StageSummary: Sendable {
    /// Strides a side needs before its mean is shown.
    public static let minimumSteps = 7

    /// [view][side][metric]
    private var table: [[[RunningStats]]]

    public init() {
        let metrics = [RunningStats](repeating: RunningStats(), count: StrideMetric.allCases.count)
        table = [[RunningStats]](repeating: [], count: 2).map { _ in
            [[RunningStats]](repeating: metrics, count: 2)
        }
    }

    private static func v(_ view: CameraView) -> Int { view == .side ? 0 : 1 }
    private static func s(_ side: BodySide) -> Int { side == .left ? 0 : 1 }

    public mutating func add(_ stride: StrideMetrics) {
        for (m, value) in stride.measured {
            table[Self.v(stride.view)][Self.s(stride.side)][m.rawValue].add(value)
        }
    }

    /// Adds one value of one stride (seen by `view`, of leg `side`).
    public mutating func add(_ metric: StrideMetric, _ value: Double, view: CameraView, side: BodySide) {
        table[Self.v(view)][Self.s(side)][metric.rawValue].add(value)
    }

    /// Adds every stride another summary holds (e.g. the other camera's).
    public mutating func merge(_ other: StageSummary) {
        for v in 0..<2 {
            for s in 0..<2 {
                for m in 0..<StrideMetric.allCases.count {
                    table[v][s][m] = table[v][s][m].merged(with: other.table[v][s][m])
                }
            }
        }
    }

    /// The view a metric is summarised from: the first of its views with any stride.
    public func source(_ metric: StrideMetric) -> CameraView? {
        metric.views.first { v in BodySide.allCases.contains { table[Self.v(v)][Self.s($0)][metric.rawValue].count > 0 } }
    }

    /// Count, mean, SD, min and max of a metric for one side (whatever the count).
    public func stats(_ metric: StrideMetric, _ side: BodySide) -> RunningStats {
        guard let view = source(metric) else { return RunningStats() }
        return table[Self.v(view)][Self.s(side)][metric.rawValue]
    }

    /// The same from one particular camera.
    public func stats(_ metric: StrideMetric, _ side: BodySide, view: CameraView) -> RunningStats {
        table[Self.v(view)][Self.s(side)][metric.rawValue]
    }

    /// The mean, once the side has at least `minimumSteps` strides with this metric.
    public func mean(_ metric: StrideMetric, _ side: BodySide) -> Double? {
        let st = stats(metric, side)
        return st.count >= Self.minimumSteps ? st.mean : nil
    }

    /// The standard deviation, under the same condition as the mean.
    public func standardDeviation(_ metric: StrideMetric, _ side: BodySide) -> Double? {
        let st = stats(metric, side)
        return st.count >= Self.minimumSteps ? st.standardDeviation : nil
    }

    /// Left mean minus right mean, when both sides have a mean.
    public func leftMinusRight(_ metric: StrideMetric) -> Double? {
        guard let l = mean(metric, .left), let r = mean(metric, .right) else { return nil }
        return l - r
    }

    /// Symmetry index, percent: 100 (L - R) / ((|L| + |R|) / 2); 0 is perfectly symmetric.
    /// Nil without both means or when both are near zero (a ratio of nothing means nothing).
    public func symmetryIndex(_ metric: StrideMetric) -> Double? {
        guard let l = mean(metric, .left), let r = mean(metric, .right) else { return nil }
        let scale = (abs(l) + abs(r)) / 2
        return scale > 1e-6 ? 100 * (l - r) / scale : nil
    }

    /// Strides counted for a side (the most any metric has).
    public func strides(_ side: BodySide) -> Int {
        StrideMetric.allCases.map { stats($0, side).count }.max() ?? 0
    }
}
