public import MarkerTracker

/// One stride metric of one side over one stage: the values that count and what was left out.
///
/// `mean` and `standardDeviation` are given only once `count` reaches `minimumSteps` (Dingenen
/// et al. 2018: a 2D running variable's mean is stable after about six steps); below that the
/// metric is "too few" and nothing is judged from it.
public struct MetricSummary: Sendable, Equatable, Codable {
    public static let minimumSteps = StageSummary.minimumSteps

    public var metric: StrideMetric
    public var side: BodySide
    /// The camera the values come from.
    public var view: CameraView
    /// The values that count, one per stride, in stride order.
    public var values: [Double]
    /// Contact times (seconds, session clock) of those strides.
    public var contactTimes: [Double]
    /// Strides whose value was measured from markers the tracker was unsure of.
    public var unsure: Int

    public init(metric: StrideMetric, side: BodySide, view: CameraView, values: [Double] = [], contactTimes: [Double] = [],
                unsure: Int = 0) {
        self.metric = metric
        self.side = side
        self.view = view
        self.values = values
        self.contactTimes = contactTimes
        self.unsure = unsure
    }

    public var count: Int { values.count }
    public var isTooFew: Bool { count < MetricSummary.minimumSteps }
    var stats: RunningStats { RunningStats(values) }

    /// The mean over the strides, once there are enough.
    public var mean: Double? { isTooFew ? nil : stats.mean }
    /// The sample standard deviation, under the same condition.
    public var standardDeviation: Double? { isTooFew ? nil : stats.standardDeviation }
    /// The mean whatever the count (for display beside "too few").
    public var provisionalMean: Double? { stats.meanIfAny }
}
