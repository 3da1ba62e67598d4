public import MarkerTracker
import SessionStore

/// The per-stage figures as rows of text cells, shared by the Markdown, HTML and console views:
/// metric, left, right, left minus right, reference, sources.
public struct ReportTable: Sendable {
    /// One metric's row.
    public struct Row: Sendable, Equatable {
        public var metric: StrideMetric
        /// "cadence (steps/min)".
        public var label: String
        public var left: String
        public var right: String
        public var leftMinusRight: String
        public var reference: String
        public var sources: String
        /// Whether a finding of this stage names this metric.
        public var flagged: Bool
    }

    public var stage: String
    public var rows: [Row]

    /// "cadence (steps/min)"; pelvic drop says that its left and right are the stance leg's and
    /// the other side drops.
    public static func label(_ m: StrideMetric) -> String {
        m == .pelvicDrop ? "\(m.title) (\(m.unit.rawValue)), by stance leg: the other side drops"
                         : "\(m.title) (\(m.unit.rawValue))"
    }

    /// The rows of one stage; `markerSide` is the leg the side camera films.
    public init(_ s: GaitReport.Stage, findings: [Finding], markerSide: BodySide) {
        stage = s.info.directory
        let named = Set(findings.filter { $0.stage == s.info.directory }.flatMap { f in [f.metric] + f.evidence.map(\.metric) })
        rows = StrideMetric.allCases.map { m in
            func cell(_ side: BodySide) -> String {
                guard let sum = s.strides.summary(m, side) else {
                    return m.views == [.side] && side != markerSide ? "not filmed" : "-"
                }
                if let mean = sum.mean, let sd = sum.standardDeviation {
                    return "\(ReportNumber.plain(mean, m)) ± \(ReportNumber.plain(sd, m)) (\(sum.count))"
                }
                return "too few (\(sum.count))"
            }
            var lr = "-"
            if let l = s.input.mean(m, .left), let r = s.input.mean(m, .right) { lr = ReportNumber.signed(l.mean - r.mean, m) }
            let ref = ReferenceValues.of(m)
            return Row(metric: m, label: ReportTable.label(m), left: cell(.left), right: cell(.right),
                       leftMinusRight: lr, reference: ref.text, sources: ref.sources.map(\.key).joined(separator: "; "),
                       flagged: named.contains(m.column))
        }
    }
}
