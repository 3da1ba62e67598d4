import Foundation
import MarkerTracker
import SessionStore

/// The report for other software: one JSON document (schema in docs/report-format.md), keys
/// sorted, numbers as measured (not rounded), null where nothing was measured.
public enum JSONReport {
    public static let formatName = "gaitlive-report"
    public static let schemaVersion = 1

    struct Document: Encodable {
        var format = JSONReport.formatName
        var schemaVersion = JSONReport.schemaVersion
        var software: String
        var generated: String
        var session: Session
        var rules: Rules
        var findings: [Finding]
        var recommendations: [Recommendation]
        var stages: [Stage]
        var stageChanges: [StageChange]
        var references: [Reference]
        var sources: [Source]
        var notes: [String]
        var sessionNotes: [SessionNote]
        var exerciseLibrary: String?
    }

    struct Session: Encodable {
        var directory: String
        var athlete: String
        var legLengthCm: Double?
        var created: String
        var source: String
        var status: String
        var markerSide: BodySide
        var calibrated: Bool
        /// What the standing calibration changed, one item per calibrated number.
        var calibratedNumbers: [String]
        var simulation: SessionManifest.Simulation?
    }

    struct Rules: Encodable {
        var minimumSteps = MetricSummary.minimumSteps
        var minimumConfidence = MarkerTrust.minimumConfidence
        var strideDurationTolerance = StageStrides.durationTolerance
        var settleGradePercentPerSecond = SettlePeriod.gradePercentPerSecond
        var settleRunnerSeconds = SettlePeriod.runnerSeconds
        var overstriding: Overstriding
    }

    struct Overstriding: Encodable {
        var tibiaAngleAbove: Double
        var footAngleAbove: Double
        var kneeFlexionBelow: Double
        var heelAheadCmAbove: Double
        var signsRequired: Int
    }

    struct Stage: Encodable {
        var directory: String
        var kind: String
        var inclinePercent: Double
        var durationSeconds: Double?
        var strideSource: String
        var stridesLeftOut: LeftOut
        var settle: Settle?
        var sides: [String: Side]
        var leftMinusRight: [String: Double]
        var curves: [CycleCurve]
        var keyFrames: [KeyFrameInfo]
    }

    struct LeftOut: Encodable {
        var crossingStageLimits: Int
        var implausibleDuration: Int
        var settling: Int
    }

    struct Settle: Encodable {
        var switchedSeconds: Double
        var seconds: Double
        var endSeconds: Double
    }

    struct Side: Encodable {
        var strides: Int
        var metrics: [String: Metric]
    }

    struct Metric: Encodable {
        var view: CameraView
        var unit: String
        var count: Int
        var mean: Double?
        var sd: Double?
        var tooFew: Bool
        var unsureLeftOut: Int
        var values: [Double]
        var contactTimes: [Double]
    }

    struct KeyFrameInfo: Encodable {
        var view: CameraView
        var event: String
        var side: BodySide
        var frame: Int
        var seconds: Double
        var width: Int
        var height: Int
        var shows: String?
    }

    struct Reference: Encodable {
        var metric: String
        var text: String
        var low: Double?
        var high: Double?
        var judged: Bool
        var rule: String
        var levelRunningOnly = true
        var sdd: Double?
        var sddReported: String?
        var sources: [String]
    }

    struct Source: Encodable {
        var key: String
        var citation: String
    }

    /// The report as JSON text (ends with a newline).
    public static func render(_ r: GaitReport) throws -> String {
        let signs = OverstridingSigns()
        let doc = Document(
            software: r.manifest.software, generated: r.generated,
            session: Session(directory: r.directory, athlete: r.manifest.athlete.name, legLengthCm: r.manifest.athlete.legLengthCm,
                             created: r.manifest.created, source: r.manifest.source, status: r.manifest.status.rawValue,
                             markerSide: r.markerSide, calibrated: r.manifest.calibration != .none,
                             calibratedNumbers: r.manifest.calibration.calibratedItems,
                             simulation: r.manifest.simulation),
            rules: Rules(overstriding: Overstriding(tibiaAngleAbove: signs.tibiaAbove, footAngleAbove: signs.footAbove,
                                                    kneeFlexionBelow: signs.kneeBelow,
                                                    heelAheadCmAbove: signs.heelAheadCm(legLengthCm: r.manifest.athlete.legLengthCm),
                                                    signsRequired: signs.required)),
            findings: r.findings, recommendations: r.recommendations, stages: r.stages.map(stage),
            stageChanges: StageChange.all(r.stages.map(\.input)),
            references: StrideMetric.allCases.map(reference),
            sources: LiteratureSource.allCases.sorted().map { Source(key: $0.key, citation: $0.citation) },
            notes: r.notes, sessionNotes: r.sessionNotes, exerciseLibrary: r.libraryPath)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(doc)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func stage(_ s: GaitReport.Stage) -> Stage {
        var sides: [String: Side] = [:]
        for side in BodySide.allCases {
            var metrics: [String: Metric] = [:]
            for (m, sum) in s.strides.summaries[side] ?? [:] {
                metrics[m.column] = Metric(view: sum.view, unit: m.unit.rawValue, count: sum.count, mean: sum.mean,
                                           sd: sum.standardDeviation, tooFew: sum.isTooFew, unsureLeftOut: sum.unsure,
                                           values: sum.values, contactTimes: sum.contactTimes)
            }
            sides[side.rawValue] = Side(strides: s.strides.strideCount(side), metrics: metrics)
        }
        var lr: [String: Double] = [:]
        for m in StrideMetric.allCases {
            if let l = s.input.mean(m, .left), let r = s.input.mean(m, .right) { lr[m.column] = l.mean - r.mean }
        }
        return Stage(directory: s.info.directory, kind: s.info.kind, inclinePercent: s.info.inclinePercent,
                     durationSeconds: s.info.durationSeconds, strideSource: s.strideSource,
                     stridesLeftOut: LeftOut(crossingStageLimits: s.strides.partial, implausibleDuration: s.strides.implausible,
                                             settling: s.strides.settling),
                     settle: s.strides.settle.map { Settle(switchedSeconds: $0.start, seconds: $0.seconds, endSeconds: $0.end) },
                     sides: sides, leftMinusRight: lr, curves: s.curves,
                     keyFrames: s.keyFrames.map {
                         KeyFrameInfo(view: $0.view, event: $0.event.rawValue, side: $0.side, frame: $0.frame, seconds: $0.seconds,
                                      width: $0.width, height: $0.height, shows: $0.shows)
                     })
    }

    static func reference(_ m: StrideMetric) -> Reference {
        let ref = ReferenceValues.of(m)
        let sdd = SmallestDetectableDifference.of(m)
        var rule = ref.rule
        if case .notJudged(let reason) = ref.judgement { rule = reason }
        return Reference(metric: m.column, text: ref.text, low: ref.limits?.low, high: ref.limits?.high, judged: ref.limits != nil,
                         rule: rule, sdd: sdd?.value, sddReported: sdd?.reported, sources: ref.sources.map(\.key))
    }
}
