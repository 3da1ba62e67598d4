public import MarkerTracker

/// What the literature says a stride metric should be in healthy recreational runners, and
/// whether (and how) the report judges an athlete's mean against it.
///
/// Reference values come from level running: they judge flat stages only (on an incline the
/// kinematics change by design, Vernillo 2017). Where a study gives a range, a mean outside the
/// range is a finding; where it gives a typical value, a mean beyond it by more than the 2D
/// smallest detectable difference is (closer than that, the difference may be measurement error).
public struct ReferenceValue: Sendable, Equatable {
    /// How a mean is judged against the reference.
    public enum Judgement: Sendable, Equatable {
        /// Findings below `low` or above `high` (either may be absent).
        case limits(low: Double?, high: Double?)
        /// Shown for orientation, never judged; `reason` says why.
        case notJudged(reason: String)
    }

    public var metric: StrideMetric
    /// The reference as shown in the tables, e.g. "36-46 deg".
    public var text: String
    public var judgement: Judgement
    /// How the limits follow from the literature, e.g. "healthy 5.5 + SDD 2.8".
    public var rule: String
    public var sources: [LiteratureSource]

    public init(metric: StrideMetric, text: String, judgement: Judgement, rule: String = "", sources: [LiteratureSource]) {
        self.metric = metric
        self.text = text
        self.judgement = judgement
        self.rule = rule
        self.sources = sources
    }

    /// The limits, when judged.
    public var limits: (low: Double?, high: Double?)? {
        if case .limits(let low, let high) = judgement { return (low, high) }
        return nil
    }

    /// How far `mean` lies outside the limits (negative below `low`, positive above `high`),
    /// or nil when it lies within them or the metric is not judged.
    public func excess(_ mean: Double) -> Double? {
        guard let (low, high) = limits else { return nil }
        if let low, mean < low { return mean - low }
        if let high, mean > high { return mean - high }
        return nil
    }
}
