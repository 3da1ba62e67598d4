public import Foundation
public import MarkerTracker
public import CaptureKit
public import SessionStore

/// Everything a report says about one session: per stage and side every stride metric (mean
/// and SD over the strides that count), the findings with their evidence, what to work on, and
/// for the HTML the angle curves over the gait cycle and key frames.
///
/// Built from the session on disk alone (`strides.csv` and the marker tables); rendered by
/// `MarkdownReport`, `HTMLReport` and `JSONReport`. docs/report.md describes the rules.
public struct GaitReport: Sendable {
    /// One stage.
    public struct Stage: Sendable {
        public var info: SessionManifest.Stage
        public var strides: StageStrides
        /// Angle curves over the gait cycle (empty unless asked for).
        public var curves: [CycleCurve]
        /// Pictures at the events of a typical stride (empty unless asked for).
        public var keyFrames: [KeyFrame]
        /// "recorded" (strides.csv as recorded) or "measured again" (from the stored markers).
        public var strideSource: String

        public var input: StageInput { StageInput(info: info, strides: strides) }
    }

    /// What to include besides the numbers.
    public struct Options: Sendable {
        public var curves = true
        public var keyFrames = true
        /// Clinician's observations to add as findings: kind, side, and stage directory (nil: every stage).
        public var observations: [(kind: Finding.Kind, side: BodySide, stage: String?)] = []
        public init(curves: Bool = true, keyFrames: Bool = true,
                    observations: [(kind: Finding.Kind, side: BodySide, stage: String?)] = []) {
            self.curves = curves
            self.keyFrames = keyFrames
            self.observations = observations
        }
    }

    public var directory: String
    public var manifest: SessionManifest
    public var stages: [Stage]
    public var findings: [Finding]
    public var recommendations: [Recommendation]
    /// Caveats a reader must know: too few strides, values left out, missing tables.
    public var notes: [String]
    /// The clinician's notes made in the session (live `m`, review `a`), in time order.
    public var sessionNotes: [SessionNote] = []
    /// The exercise library file used (nil: the built-in one).
    public var libraryPath: String?
    /// ISO 8601 UTC time the report was made.
    public var generated: String

    /// The camera-side leg of the side view.
    public var markerSide: BodySide { manifest.camera(.side)?.markerSide ?? .right }

    /// Reads the session's strides and markers and applies the rules.
    public static func build(session: RecordedSession, library: ExerciseLibrary, libraryPath: String? = nil,
                             options: Options = Options(), now: Date = Date()) throws -> GaitReport {
        let manifest = session.manifest
        var stages: [Stage] = []
        var notes: [String] = []
        var correctedViews: [[CameraView: CorrectedView]] = []
        for recorded in session.stages {
            let measured = try StageMeasurement(session: session, stage: recorded)
            let (corrections, analyses, trust, fps, strides) = (measured.corrections, measured.analyses, measured.trust,
                                                                measured.framesPerSecond, measured.strides)
            var source = "recorded"
            if measured.measuredAgain {
                source = "measured again from the stored markers"
                notes.append("\(recorded.info.directory): " + (corrections.isEmpty
                    ? "strides measured from the stored markers (the session has no strides table)"
                    : "strides touching a frame corrected in review measured again from the corrected markers; the others as recorded"))
            }
            var stage = Stage(info: recorded.info, strides: strides, curves: [], keyFrames: [], strideSource: source)
            correctedViews.append(measured.correctedViews(recorded))
            if options.curves { stage.curves = curves(recorded, strides: strides, trust: trust, fps: fps, manifest: manifest) }
            notes += stageNotes(stage, markerSide: manifest.camera(.side)?.markerSide ?? .right)
            for view in CameraView.allCases {
                guard let analysis = analyses[view] else { continue }
                notes += leftOutNotes(analysis.leftOut, stage: recorded.info.directory, view: view)
            }
            stages.append(stage)
        }
        let rules = FindingRules(legLengthCm: manifest.athlete.legLengthCm)
        var findings = rules.evaluate(stages.map(\.input))
        for o in options.observations {
            let chosen = stages.filter { o.stage == nil || $0.info.directory == o.stage }
            if chosen.isEmpty { throw ObservationError(stage: o.stage ?? "", known: stages.map(\.info.directory)) }
            for s in chosen { findings.append(.observation(o.kind, side: o.side, stage: s.input)) }
        }
        if options.keyFrames {
            // The pictures where each finding shows (after the findings are known).
            for (i, recorded) in session.stages.enumerated() {
                let mine = findings.filter { $0.stage == recorded.info.directory }
                stages[i].keyFrames = keyFrames(recorded, strides: stages[i].strides, manifest: manifest, findings: mine,
                                                corrected: correctedViews[i])
            }
        }
        let cadence = stages.first(where: \.input.isLevel).flatMap { s -> Double? in
            let means = BodySide.allCases.compactMap { s.strides.summary(.cadence, $0)?.provisionalMean }
            return means.isEmpty ? nil : means.reduce(0, +) / Double(means.count)
        }
        let (recommendations, missing) = Recommendation.make(for: findings, library: library, cadence: cadence)
        for m in missing { notes.append("the exercise library has no entry for '\(m)'") }
        if let i = manifest.interruption {
            notes.append("the recording ended early (\(i.reason)): the report covers what was saved")
        }
        if manifest.calibration == .none {
            notes.append("no standing calibration: ankle dorsiflexion and foot angle are measured from the markers as placed "
                         + "(marker placement shifts them by a few degrees); left/right and flat/incline comparisons are unaffected")
        } else if !manifest.calibration.calibratedItems.isEmpty {
            let c = manifest.calibration
            let when = c.standingAt.map { " (standing at \(($0 * 10).rounded() / 10) s" + (c.recalibrated ? ", calibrated after the recording)" : ")") } ?? ""
            notes.append("standing calibration\(when): " + c.calibratedItems.joined(separator: "; "))
        }
        var report = GaitReport(directory: session.directory, manifest: manifest, stages: stages, findings: findings,
                                recommendations: recommendations, notes: notes, libraryPath: libraryPath,
                                generated: ISO8601DateFormatter().string(from: now))
        report.sessionNotes = manifest.notes.map { SessionNote($0, stages: manifest.stages) }
            .sorted { ($0.seconds ?? -.infinity) < ($1.seconds ?? -.infinity) }
        return report
    }

    /// An observation names a stage the session does not have.
    public struct ObservationError: Error, CustomStringConvertible {
        public var stage: String
        public var known: [String]
        public var description: String { "--observe: no stage '\(stage)' (the session has: \(known.joined(separator: ", ")))" }
    }

    /// Why strides of a stage were left out, one note per camera and side: "flat, side camera,
    /// right: 2 strides left out: 1 a contact was missed ..., 1 stride time ...".
    static func leftOutNotes(_ out: [LeftOutStride], stage: String, view: CameraView) -> [String] {
        var notes: [String] = []
        for side in BodySide.allCases {
            let mine = out.filter { $0.side == side }
            guard !mine.isEmpty else { continue }
            let parts = LeftOutStride.Reason.allCases.compactMap { r -> String? in
                let n = mine.filter { $0.reason == r }.count
                return n == 0 ? nil : "\(n) \(r.explanation)"
            }
            notes.append("\(stage), \(view.rawValue) camera, \(side.rawValue): \(mine.count) stride\(mine.count == 1 ? "" : "s") "
                         + "left out (not measured): " + parts.joined(separator: "; "))
        }
        return notes
    }

    static func stageNotes(_ s: Stage, markerSide: BodySide) -> [String] {
        var notes: [String] = []
        let name = s.info.directory
        for side in BodySide.allCases {
            let n = s.strides.strideCount(side)
            if n < MetricSummary.minimumSteps {
                notes.append("\(name), \(side.rawValue): \(n) stride\(n == 1 ? "" : "s") (at least \(MetricSummary.minimumSteps) "
                             + "needed): too few strides, nothing judged on this side")
            }
            let unsure = (s.strides.summaries[side] ?? [:]).values.filter { $0.unsure > 0 }
            if let worst = unsure.max(by: { $0.unsure < $1.unsure }) {
                notes.append("\(name), \(side.rawValue): up to \(worst.unsure) stride value\(worst.unsure == 1 ? "" : "s") per metric "
                             + "left out (a marker the tracker was unsure of: predicted, low confidence or missing)")
            }
        }
        if let settle = s.strides.settle {
            let n = s.strides.settling
            notes.append("\(name): settle period \(ReportNumber.format(settle.seconds, decimals: 0)) s after the stage change "
                         + "(the belt changing grade at \(ReportNumber.format(SettlePeriod.gradePercentPerSecond, decimals: 0)) % per second, "
                         + "then \(ReportNumber.format(SettlePeriod.runnerSeconds, decimals: 0)) s for the runner): "
                         + "\(n) stride\(n == 1 ? "" : "s") begun in it left out (\(LeftOutStride.Reason.settling.rawValue))")
        }
        if s.strides.partial + s.strides.implausible > 0 {
            notes.append("\(name): \(s.strides.partial) stride\(s.strides.partial == 1 ? "" : "s") crossing the stage's start or end "
                         + "and \(s.strides.implausible) with an implausible duration (a missed or extra contact) left out")
        }
        return notes
    }

    static func curves(_ recorded: RecordedSession.Stage, strides: StageStrides, trust: [CameraView: MarkerTrust],
                       fps: [CameraView: Double], manifest: SessionManifest) -> [CycleCurve] {
        var out: [CycleCurve] = []
        let markerSide = manifest.camera(.side)?.markerSide ?? .right
        for view in CameraView.allCases {
            guard let rv = recorded.views[view], let t = trust[view] else { continue }
            let filtered = CycleCurve.filteredAngles(rv, framesPerSecond: fps[view] ?? 120)
            let times = Array(rv.times)
            for variable in CycleVariable.allCases where variable.view == view {
                for side in BodySide.allCases where view == .rear || side == markerSide {
                    let mine = (strides.strides[view] ?? []).filter { $0.side == side }
                    let c = CycleCurve(variable: variable, side: side, stage: recorded.info.directory, strides: mine, times: times,
                                       filtered: filtered, trust: t)
                    if !c.isEmpty { out.append(c) }
                }
            }
        }
        return out
    }

    /// The pictures of one stage: where each finding shows (`KeyFrameChoice.forFindings`: both
    /// legs at the event for a rear-camera finding, the filmed leg with the rear view at the same
    /// instant for a side-camera one), or, with no finding, the camera-side leg's typical stride at
    /// contact, midstance and toe-off. Each picture is of the stride nearest the middle of the
    /// stage that has the event.
    static func keyFrames(_ recorded: RecordedSession.Stage, strides: StageStrides, manifest: SessionManifest,
                          findings: [Finding] = [], corrected: [CameraView: CorrectedView] = [:]) -> [KeyFrame] {
        let markerSide = manifest.camera(.side)?.markerSide ?? .right
        var choices = KeyFrameChoice.forFindings(findings, markerSide: markerSide)
        if choices.isEmpty { choices = KeyFrameChoice.typical(markerSide: markerSide) }
        var out: [KeyFrame] = []
        let stage = recorded.info.directory
        func eventCode(_ k: GaitEvent.Kind) -> String { k.rawValue }
        for c in choices {
            guard let rv = recorded.views[c.view] else { continue }
            let candidates = (strides.strides[c.view] ?? []).filter { $0.side == c.side && frame(of: $0, c.event) != nil }
            guard !candidates.isEmpty, let n = frame(of: candidates[candidates.count / 2], c.event), n < rv.frameCount else { continue }
            let title = "\(recorded.info.kind) \(c.view.rawValue) \(c.side.letter) \(eventCode(c.event))".uppercased()
            if let k = try? KeyFrame.render(rv, frame: n, stage: stage, event: c.event, side: c.side, title: title,
                                            corrected: corrected[c.view], shows: c.shows) {
                out.append(k)
            }
            // A side-view picture comes with the rear view at the same instant (both legs).
            if c.view == .side, let rear = recorded.views[.rear], let r = rear.nearestFrame(toTimestamp: rv.timestamps[n]) {
                let rt = "\(recorded.info.kind) rear at \(c.side.letter) \(eventCode(c.event))".uppercased()
                if let k = try? KeyFrame.render(rear, frame: r, stage: stage, event: c.event, side: c.side, title: rt,
                                                corrected: corrected[.rear], shows: c.shows) {
                    out.append(k)
                }
            }
        }
        return out
    }

    /// The recorded frame of `event` in `stride`.
    static func frame(of stride: StrideRecord, _ event: GaitEvent.Kind) -> Int? {
        switch event {
        case .initialContact: stride.contactFrame
        case .midstance: stride.midstanceFrame
        case .toeOff: stride.toeOffFrame
        }
    }
}
