import Foundation
public import MarkerTracker
import CaptureKit
import SessionStore

/// Something the report tells the athlete: a pattern or a value worth working on, on one side in
/// one stage, with every measured fact behind it.
///
/// A finding exists only when each side involved has at least `MetricSummary.minimumSteps` strides
/// measured from markers the tracker was sure of, and only when the difference is larger than the
/// measurement can produce by itself (docs/report.md, "Findings").
public struct Finding: Sendable, Equatable, Codable {
    /// What kind of finding it is; the exercise library is keyed by these names.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Contralateral pelvic drop in one leg's stance: beyond the other leg's or above healthy.
        case pelvicDrop = "pelvic-drop"
        /// Landing ahead of the body: tibia forward, foot up, knee straight, heel ahead of the hip.
        case overstriding
        /// More ankle dorsiflexion in stance than the other side or than typical.
        case ankleDorsiflexion = "ankle-dorsiflexion"
        /// Peak knee flexion in stance outside the usual range.
        case kneeFlexionInStance = "knee-flexion-stance"
        /// Landing with the knee straighter than healthy runners do.
        case kneeExtendedAtContact = "knee-extended-contact"
        /// The feet cross the midline.
        case crossover
        /// Another left/right difference beyond the smallest detectable difference.
        case asymmetry
        /// One side changes from flat to incline differently from the other.
        case inclineChange = "incline-change"
        /// The hamstrings rather than the glutes extend the hip (clinician's observation; no
        /// validated 2D threshold, so never raised automatically).
        case hamstringDominant = "hamstring-dominant"
    }

    public var kind: Kind
    /// Stage directory and kind.
    public var stage: String
    public var stageKind: String
    public var side: BodySide
    /// One line, e.g. "Pelvic drop in left stance".
    public var title: String
    /// The metric the finding is measured by and the side's mean of it.
    public var metric: String
    public var value: Double
    public var unit: String
    /// The facts behind it, criteria first.
    public var evidence: [Evidence]
    /// Added by the clinician (`gaitlive report --observe`), not measured against a threshold.
    public var observed = false

    public init(kind: Kind, stage: String, stageKind: String, side: BodySide, title: String, metric: StrideMetric,
                value: Double, evidence: [Evidence]) {
        self.kind = kind
        self.stage = stage
        self.stageKind = stageKind
        self.side = side
        self.title = title
        self.metric = metric.column
        self.value = value
        unit = metric.unit.rawValue
        self.evidence = evidence
    }

    /// A clinician's observation of `kind` on `side` in `stage` (for patterns without a validated
    /// 2D threshold, such as hamstring-dominant hip extension): shown as observed, with the
    /// related measured values as context.
    public static func observation(_ kind: Kind, side: BodySide, stage: StageInput) -> Finding {
        let metric: StrideMetric = switch kind {
        case .pelvicDrop: .pelvicDrop
        case .overstriding: .overstride
        case .ankleDorsiflexion: .peakAnkleDorsiflexion
        case .kneeFlexionInStance: .peakKneeFlexion
        case .kneeExtendedAtContact: .kneeFlexionAtContact
        case .crossover: .stepWidth
        case .asymmetry, .inclineChange, .hamstringDominant: .peakThighExtension
        }
        let summary = stage.strides.summary(metric, side)
        let value = summary?.provisionalMean ?? 0
        var text = "observed by the clinician in review"
        if let m = summary?.provisionalMean, let n = summary?.count {
            text += "; \(FindingRules.name(metric)) \(side.letter) \(ReportNumber.value(m, metric)) (\(n) strides)"
        }
        let title = kind == .hamstringDominant ? "Hamstring-dominant hip extension (\(side.rawValue) leg), observed"
            : "\(kind.rawValue.capitalizedFirst.replacingOccurrences(of: "-", with: " ")) (\(side.rawValue)), observed"
        var f = Finding(kind: kind, stage: stage.info.directory, stageKind: stage.info.kind, side: side, title: title,
                        metric: metric, value: value,
                        evidence: [Evidence(rule: .context, metric: metric, side: side, stage: stage.info.directory, value: value,
                                            strides: summary?.count ?? 0, text: text, sources: [])])
        f.observed = true
        return f
    }

    /// Every source behind the evidence, once each.
    public var sources: [LiteratureSource] { Array(Set(evidence.flatMap(\.sources))).sorted() }
}
