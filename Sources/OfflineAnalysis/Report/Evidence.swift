public import MarkerTracker
import SessionStore

/// One measured fact behind a finding: a side's mean against a reference, against the other
/// side, against the flat stage, or one sign of a pattern, with the numbers and the threshold.
public struct Evidence: Sendable, Equatable, Codable {
    /// Which comparison produced it.
    public enum Rule: String, Sendable, Codable {
        /// The mean against the reference value of level running.
        case reference
        /// Left mean minus right mean against the 2D smallest detectable difference.
        case leftRight = "left-right"
        /// The change from flat to incline of one side against the other side's change.
        case stageChange = "stage-change"
        /// One sign of a pattern (over-striding) against its working threshold.
        case sign
        /// Shown beside the others to complete the picture; not a criterion.
        case context
    }

    public var rule: Rule
    /// `StrideMetric.column` of the metric.
    public var metric: String
    public var side: BodySide
    /// Stage directory ("flat", "incline", "flat-2"...).
    public var stage: String
    /// The side's mean (or the change, for `stageChange`).
    public var value: Double
    /// What it was compared with: the other side's mean, the reference limit, the other side's change.
    public var comparedWith: Double?
    /// The threshold it had to exceed (SDD, or a sign's limit), if any.
    public var threshold: Double?
    /// Strides behind `value` (and behind `comparedWith`, when that is a mean).
    public var strides: Int
    public var otherStrides: Int?
    /// The sentence shown in reports, e.g. "pelvic drop L 9.0 vs R 5.0 deg: difference 4.0 > SDD 2.8".
    public var text: String
    public var sources: [LiteratureSource]

    public init(rule: Rule, metric: StrideMetric, side: BodySide, stage: String, value: Double, comparedWith: Double? = nil,
                threshold: Double? = nil, strides: Int, otherStrides: Int? = nil, text: String, sources: [LiteratureSource]) {
        self.rule = rule
        self.metric = metric.column
        self.side = side
        self.stage = stage
        self.value = value
        self.comparedWith = comparedWith
        self.threshold = threshold
        self.strides = strides
        self.otherStrides = otherStrides
        self.text = text
        self.sources = sources
    }

    public var strideMetric: StrideMetric? { StrideMetric(column: metric) }
}
