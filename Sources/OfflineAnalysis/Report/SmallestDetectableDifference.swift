public import MarkerTracker

/// The smallest difference a 2D video measurement of a variable can tell from measurement error
/// (SDD): below it, a left/right difference or a change between stages is not a finding.
///
/// Where studies report a range (different raters, days, set-ups), gaitlive uses its upper end,
/// so that a difference it calls real is real for every rater studied. Variables with no published
/// 2D SDD are shown but never judged by difference.
public struct SmallestDetectableDifference: Sendable, Equatable {
    /// The threshold used, in the metric's unit.
    public var value: Double
    /// What the sources report, e.g. "2.2-4.8 deg".
    public var reported: String
    public var sources: [LiteratureSource]

    public init(value: Double, reported: String, sources: [LiteratureSource]) {
        self.value = value
        self.reported = reported
        self.sources = sources
    }

    /// The SDD of a stride metric, or nil when none is published for 2D running analysis.
    public static func of(_ metric: StrideMetric) -> SmallestDetectableDifference? {
        switch metric {
        case .pelvicDrop:
            SmallestDetectableDifference(value: 2.8, reported: "2.7-2.8 deg", sources: [.dingenen2018])
        case .ankleDorsiflexionAtContact, .peakAnkleDorsiflexion, .tibiaAngleAtContact:
            SmallestDetectableDifference(value: 4.8, reported: "2.2-4.8 deg", sources: [.dingenen2018])
        case .kneeFlexionAtContact, .peakKneeFlexion:
            SmallestDetectableDifference(value: 3.8, reported: "2.3-3.8 deg", sources: [.dingenen2018])
        case .footAngleAtContact:
            SmallestDetectableDifference(value: 2.3, reported: "1.3-2.3 deg", sources: [.dingenen2018])
        default:
            nil
        }
    }
}
