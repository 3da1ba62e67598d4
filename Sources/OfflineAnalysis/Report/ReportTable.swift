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

    /// The cut-offs the findings use for `m`, after the reference text: "; finding above 8.3 deg",
    /// "; over-striding sign above 18.0 cm" (empty when no rule judges the metric).
    public static func cutOffs(_ m: StrideMetric, legLengthCm: Double?) -> String {
        var parts: [String] = []
        if let limits = ReferenceValues.of(m).limits {
            if let low = limits.low { parts.append("finding below \(ReportNumber.value(low, m))") }
            if let high = limits.high { parts.append("finding above \(ReportNumber.value(high, m))") }
        }
        if let sign = OverstridingSigns().signs(legLengthCm: legLengthCm).first(where: { $0.metric == m }) {
            parts.append("over-striding sign \(sign.above ? "above" : "below") \(ReportNumber.value(sign.threshold, m))")
        }
        return parts.isEmpty ? "" : "; " + parts.joined(separator: "; ")
    }

    /// "cadence (steps/min)"; pelvic drop says that its left and right are the stance leg's and
    /// the other side drops.
    public static func label(_ m: StrideMetric) -> String {
        m == .pelvicDrop ? "\(m.title) (\(m.unit.rawValue)), by stance leg: the other side drops"
                         : "\(m.title) (\(m.unit.rawValue))"
    }

    /// The rows of one stage; `markerSide` is the leg the side camera films, `legLengthCm` the
    /// athlete's (for the over-striding heel cut-off).
    public init(_ s: GaitReport.Stage, findings: [Finding], markerSide: BodySide, legLengthCm: Double? = nil) {
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
                       leftMinusRight: lr, reference: ref.text + ReportTable.cutOffs(m, legLengthCm: legLengthCm), sources: ref.sources.map(\.key).joined(separator: "; "),
                       flagged: named.contains(m.column))
        }
    }
}
