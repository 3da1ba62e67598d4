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
        for recorded in session.stages {
            let stageDir = session.directory + "/" + recorded.info.directory
            var corrections: [CameraView: MarkerCorrections] = [:]
            for view in recorded.views.keys {
                if let c = try? MarkerCorrections(stageDirectory: stageDir, view: view), !c.isEmpty { corrections[view] = c }
            }
            // The stored markers through the one analysis path, once per view: the strides left
            // out (and why) for the notes, and the strides when they must be measured again.
            let analyses = recorded.views.mapValues { rv in
                RecordedAnalysis(view: rv, corrections: corrections[rv.view], manifest: manifest, stage: recorded.info)
            }
            var records = try StrideFile.read(stageDirectory: stageDir)
            var source = "recorded"
            if records == nil {
                // No table (an older session): measure from the stored markers.
                records = CameraView.allCases.compactMap { analyses[$0] }.flatMap(\.strides)
                source = "measured again from the stored markers"
                notes.append("\(recorded.info.directory): strides measured from the stored markers (the session has no strides table)")
            } else if let table = records, !corrections.isEmpty {
                // Markers corrected since: only the strides touching a corrected frame are
                // measured again (`CorrectionScope`, as review does); the rest stay as recorded.
                records = CameraView.allCases.flatMap { view -> [StrideRecord] in
                    let mine = table.filter { $0.view == view }
                    guard let c = corrections[view], let a = analyses[view], let rv = recorded.views[view] else { return mine }
                    let times = rv.times
                    return CorrectionScope(recordedEvents: recorded.events.filter { $0.view == view }, recordedStrides: mine,
                                           analysis: a, correctedTimes: c.byFrame.keys.filter { $0 < times.count }.map { times[$0] }).records
                }
                source = "measured again from the stored markers"
                notes.append("\(recorded.info.directory): strides touching a frame corrected in review measured again "
                             + "from the corrected markers; the others as recorded")
            }
            var trust: [CameraView: MarkerTrust] = [:]
            var fps: [CameraView: Double] = [:]
            for (view, rv) in recorded.views {
                trust[view] = MarkerTrust(view: rv, corrections: corrections[view])
                fps[view] = manifest.camera(view).map { $0.measuredFps ?? $0.nominalFps } ?? 120
            }
            let strides = StageStrides(records: records ?? [], trust: trust, framesPerSecond: fps)
            var stage = Stage(info: recorded.info, strides: strides, curves: [], keyFrames: [], strideSource: source)
            if options.curves { stage.curves = curves(recorded, strides: strides, trust: trust, fps: fps, manifest: manifest) }
            if options.keyFrames { stage.keyFrames = keyFrames(recorded, strides: strides, manifest: manifest) }
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
        }
        return GaitReport(directory: session.directory, manifest: manifest, stages: stages, findings: findings,
                          recommendations: recommendations, notes: notes, libraryPath: libraryPath,
                          generated: ISO8601DateFormatter().string(from: now))
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

    /// Side and rear pictures at contact, midstance and toe-off of the camera-side leg's stride
    /// nearest the middle of the stage.
    static func keyFrames(_ recorded: RecordedSession.Stage, strides: StageStrides, manifest: SessionManifest) -> [KeyFrame] {
        let markerSide = manifest.camera(.side)?.markerSide ?? .right
        guard let side = recorded.views[.side] else { return [] }
        let candidates = (strides.strides[.side] ?? []).filter {
            $0.side == markerSide && $0.contactFrame != nil && $0.midstanceFrame != nil && $0.toeOffFrame != nil
        }
        guard !candidates.isEmpty else { return [] }
        let middle = candidates[candidates.count / 2]
        var out: [KeyFrame] = []
        let events: [(GaitEvent.Kind, Int?)] = [(.initialContact, middle.contactFrame), (.midstance, middle.midstanceFrame),
                                                 (.toeOff, middle.toeOffFrame)]
        for (kind, frame) in events {
            guard let n = frame, n < side.frameCount else { continue }
            let title = "\(recorded.info.kind) \(kind.rawValue)".uppercased()
            if let k = try? KeyFrame.render(side, frame: n, stage: recorded.info.directory, event: kind, side: markerSide, title: title) {
                out.append(k)
            }
            if let rear = recorded.views[.rear], n < side.frameCount,
               let r = rear.nearestFrame(toTimestamp: side.timestamps[n]),
               let k = try? KeyFrame.render(rear, frame: r, stage: recorded.info.directory, event: kind, side: markerSide, title: title) {
                out.append(k)
            }
        }
        return out
    }
}
