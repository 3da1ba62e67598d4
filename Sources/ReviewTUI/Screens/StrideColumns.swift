public import MarkerTracker

/// The metric columns of review's stride list: which metrics, in what order, their short
/// headings and how their values are written.
public enum StrideColumns {
    /// Characters per metric column (value, outlier mark, space).
    public static let width = 7

    /// The metrics in the order a therapist looks for them (the live panel's order).
    public static var metrics: [StrideMetric] { StridePanel.metrics }

    /// A heading of at most six characters.
    public static func heading(_ m: StrideMetric) -> String {
        switch m {
        case .cadence: "cad"
        case .contactTime: "GCT ms"
        case .flightTime: "flight"
        case .kneeFlexionAtContact: "kneeIC"
        case .peakKneeFlexion: "kneePk"
        case .hipFlexionAtContact: "hipIC"
        case .peakThighExtension: "thExt"
        case .ankleDorsiflexionAtContact: "DF IC"
        case .peakAnkleDorsiflexion: "DF pk"
        case .tibiaAngleAtContact: "tibIC"
        case .footAngleAtContact: "footIC"
        case .overstride: "ovr cm"
        case .verticalOscillation: "VO cm"
        case .trunkLean: "trunk"
        case .pelvicDrop: "pdrop"
        case .hipAdduction: "hipAdd"
        case .kneeFrontalProjection: "FPPA"
        case .stepWidth: "stepW"
        }
    }

    /// A value as the list writes it: steps/min and ms whole, degrees and cm to a tenth.
    public static func format(_ v: Double, _ m: StrideMetric) -> String {
        m.unit == .stepsPerMinute || m.unit == .milliseconds ? TextFormat.fixed(v, 0) : TextFormat.fixed(v, 1)
    }
}
