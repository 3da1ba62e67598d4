public import MarkerTracker

/// The reference value of every stride metric (healthy recreational runners, level running) with
/// its source, and the judgement gaitlive makes with it. docs/report.md explains each line.
public enum ReferenceValues {
    /// Typical peak ankle dorsiflexion in stance used for one-legged judgement (degrees). No 2D
    /// norm is accepted (Dingenen 2018); this working value is the peak of mean running curves and
    /// only a mean beyond it by more than the 2D SDD (4.8 deg) is a finding.
    public static let typicalPeakDorsiflexion = 20.0
    /// Typical knee flexion at initial contact in level running (degrees).
    public static let typicalKneeAtContact = 21.0
    /// Healthy mean peak contralateral pelvic drop (degrees); injured runners about 7.5.
    public static let healthyPelvicDrop = 5.5

    /// The reference of `metric`.
    public static func of(_ metric: StrideMetric) -> ReferenceValue {
        switch metric {
        case .cadence:
            ReferenceValue(metric: metric, text: "about 168-171 steps/min",
                           judgement: .notJudged(reason: "no cut-off; +5-10 % lowers knee load (Heiderscheit 2011)"),
                           sources: [.bramah2018, .heiderscheit2011])
        case .contactTime:
            ReferenceValue(metric: metric, text: "about 200-300 ms (falls with speed)",
                           judgement: .notJudged(reason: "often quoted, not a validated norm"), sources: [.padulo2012])
        case .flightTime:
            ReferenceValue(metric: metric, text: "no reference", judgement: .notJudged(reason: "no published reference"),
                           sources: [])
        case .kneeFlexionAtContact:
            ReferenceValue(metric: metric, text: "about 21 deg (level)",
                           judgement: .limits(low: typicalKneeAtContact - 3.8, high: nil),
                           rule: "below 21 - SDD 3.8: lands with the knee more extended (injured runners do)",
                           sources: [.bramah2018, .dingenen2018])
        case .peakKneeFlexion:
            ReferenceValue(metric: metric, text: "36-46 deg", judgement: .limits(low: 36, high: 46),
                           rule: "outside 36-46", sources: [.bramah2018, .heiderscheit2011])
        case .hipFlexionAtContact:
            ReferenceValue(metric: metric, text: "27-32 deg (3D, against the pelvis)",
                           judgement: .notJudged(reason: "the 2D angle is taken against the trunk line, so it includes trunk lean"),
                           sources: [.bramah2018])
        case .peakThighExtension:
            ReferenceValue(metric: metric, text: "about 10-15 deg (clinical sources; rises with speed)",
                           judgement: .notJudged(reason: "no validated reference"), sources: [])
        case .ankleDorsiflexionAtContact:
            ReferenceValue(metric: metric, text: "no accepted 2D norm",
                           judgement: .notJudged(reason: "judged against the other side and the flat stage only"),
                           sources: [.dingenen2018, .bramah2018])
        case .peakAnkleDorsiflexion:
            ReferenceValue(metric: metric, text: "no accepted 2D norm; typical peak about 20 deg",
                           judgement: .limits(low: nil, high: typicalPeakDorsiflexion + 4.8),
                           rule: "above 20 + SDD 4.8 (working value; the other side is the better comparison)",
                           sources: [.dingenen2018])
        case .tibiaAngleAtContact:
            ReferenceValue(metric: metric, text: "near vertical (0 deg) is the aim",
                           judgement: .notJudged(reason: "judged as a sign of over-striding"), sources: [.souza2016, .dingenen2018])
        case .footAngleAtContact:
            ReferenceValue(metric: metric, text: "higher means more braking (no published cut-off)",
                           judgement: .notJudged(reason: "judged as a sign of over-striding"), sources: [.souza2016, .wille2014])
        case .overstride:
            ReferenceValue(metric: metric, text: "heel-to-centre-of-mass distance predicts braking (no published cut-off)",
                           judgement: .notJudged(reason: "judged as a sign of over-striding"), sources: [.wille2014, .souza2016])
        case .verticalOscillation:
            ReferenceValue(metric: metric, text: "about 6-10 cm (often quoted, unverified)",
                           judgement: .notJudged(reason: "no validated reference"), sources: [.heiderscheit2011])
        case .trunkLean:
            ReferenceValue(metric: metric, text: "injured runners lean further forward",
                           judgement: .notJudged(reason: "no cut-off published"), sources: [.bramah2018])
        case .pelvicDrop:
            ReferenceValue(metric: metric, text: "healthy about 5.5 deg, injured about 7.5 (3D)",
                           judgement: .limits(low: nil, high: healthyPelvicDrop + 2.8),
                           rule: "above healthy 5.5 + SDD 2.8", sources: [.bramah2018, .dingenen2018])
        case .hipAdduction:
            ReferenceValue(metric: metric, text: "about 13 deg peak (3D)",
                           judgement: .notJudged(reason: "no 2D SDD published; shown as evidence of pelvic drop"),
                           sources: [.bramah2018])
        case .kneeFrontalProjection:
            ReferenceValue(metric: metric, text: "agrees poorly with 3D knee abduction",
                           judgement: .notJudged(reason: "report, do not over-interpret"), sources: [.straubPowers2022])
        case .stepWidth:
            ReferenceValue(metric: metric, text: "feet should not cross the midline (above 0 cm)",
                           judgement: .limits(low: 0, high: nil),
                           rule: "below 0: crossover (29.5 % of healthy runners cross over)",
                           sources: [.souza2016, .iskandar2023])
        }
    }
}
