public import MarkerTracker
import SessionStore

/// Two sessions of one athlete before and after (`gaitlive report DIR --compare OTHER`): per
/// stage kind (flat, incline), side and metric the change of the mean with `RealChange`'s rule,
/// and the findings that appeared, persisted or resolved (or could not be judged in the other
/// session: too few strides of that side and stage there). Both sessions are measured by their
/// reports (`GaitReport`); the earlier one (by creation time) is "before".
public struct SessionComparison: Sendable {
    /// One metric of one side on one stage kind.
    public struct Row: Sendable {
        public var stage: String
        public var side: BodySide
        public var metric: StrideMetric
        public var before: MetricSummary?
        public var after: MetricSummary?
        /// Nil unless both have a mean.
        public var change: RealChange?
    }

    /// What happened to a finding between the sessions.
    public enum FindingFate: String, Sendable, Codable, CaseIterable {
        case appeared, persisted, resolved
        /// Found in one session; the other has too few strides of that side and stage to judge it.
        case untold
    }

    /// A finding and its fate; `before`/`after` are the finding in each session (nil where absent).
    public struct FindingChange: Sendable {
        public var fate: FindingFate
        public var before: Finding?
        public var after: Finding?
        public var title: String { (after ?? before)?.title ?? "" }
        public var stageKind: String { (after ?? before)?.stageKind ?? "" }
    }

    public var before: GaitReport
    public var after: GaitReport
    public var rows: [Row]
    public var findings: [FindingChange]

    /// Compares `a` and `b`, whichever order they come in.
    public init(_ a: GaitReport, _ b: GaitReport) {
        let (before, after) = (a.manifest.created, a.directory) <= (b.manifest.created, b.directory) ? (a, b) : (b, a)
        self.before = before
        self.after = after
        let fb = SessionFigures(report: before), fa = SessionFigures(report: after)
        var rows: [Row] = []
        for stage in AthleteProgress.stageKinds {
            for side in BodySide.allCases {
                for metric in StrideMetric.allCases {
                    let x = fb.summary(stage, side, metric), y = fa.summary(stage, side, metric)
                    guard x != nil || y != nil else { continue }
                    let change = x.flatMap { x in y.flatMap { RealChange.judge(metric, from: x, to: $0) } }
                    rows.append(Row(stage: stage, side: side, metric: metric, before: x, after: y, change: change))
                }
            }
        }
        self.rows = rows
        // A finding is the same finding when its kind, side and stage kind are.
        func key(_ f: Finding) -> String { "\(f.kind.rawValue) \(f.side.rawValue) \(f.stageKind)" }
        // Appeared or resolved only where the other session could judge it: a mean of the
        // finding's metric on that side and stage kind.
        func judged(_ f: Finding, in figures: SessionFigures) -> Bool {
            guard let m = StrideMetric.allCases.first(where: { $0.column == f.metric }) else { return true }
            return figures.summary(f.stageKind, f.side, m)?.mean != nil
        }
        var changes: [FindingChange] = []
        for f in after.findings {
            let old = before.findings.first { key($0) == key(f) }
            let fate: FindingFate = old != nil ? .persisted : judged(f, in: fb) ? .appeared : .untold
            changes.append(FindingChange(fate: fate, before: old, after: f))
        }
        for f in before.findings where !after.findings.contains(where: { key($0) == key(f) }) {
            changes.append(FindingChange(fate: judged(f, in: fa) ? .resolved : .untold, before: f, after: nil))
        }
        findings = changes.sorted { ($0.fate.rawValue, $0.title) < ($1.fate.rawValue, $1.title) }
    }
}
