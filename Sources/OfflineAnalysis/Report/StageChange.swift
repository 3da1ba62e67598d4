public import MarkerTracker
import SessionStore

/// How one side's mean of one metric changed from a flat stage to the incline stage after it.
public struct StageChange: Sendable, Equatable, Codable {
    public var metric: String
    public var side: BodySide
    public var fromStage: String
    public var toStage: String
    public var from: Double
    public var to: Double
    public var change: Double
    /// The metric's SDD, if it has one.
    public var sdd: Double?
    /// Whether the change exceeds the SDD (not a finding by itself: see `FindingRules`).
    public var beyondSDD: Bool

    /// Every change with a mean on both stages, for each incline stage against the flat stage
    /// before it (or the first flat stage).
    public static func all(_ stages: [StageInput]) -> [StageChange] {
        var out: [StageChange] = []
        var lastFlat: StageInput?
        for st in stages {
            if st.isLevel { lastFlat = st; continue }
            guard let flat = lastFlat ?? stages.first(where: \.isLevel) else { continue }
            for m in StrideMetric.allCases {
                for side in BodySide.allCases {
                    guard let a = flat.mean(m, side), let b = st.mean(m, side) else { continue }
                    let sdd = SmallestDetectableDifference.of(m)?.value
                    let d = b.mean - a.mean
                    out.append(StageChange(metric: m.column, side: side, fromStage: flat.info.directory, toStage: st.info.directory,
                                           from: a.mean, to: b.mean, change: d, sdd: sdd, beyondSDD: sdd.map { abs(d) > $0 } ?? false))
                }
            }
        }
        return out
    }
}
