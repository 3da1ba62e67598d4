public import CaptureKit
public import MarkerTracker
public import SessionStore

/// One recorded stage as the review screen sees it: the stored markers with the clinician's
/// corrections applied, the angles re-derived for corrected frames, the events and strides
/// re-measured only where they depend on a corrected frame (`CorrectionScope`), and the strides
/// the report accepts (`StrideIndex`).
public final class StageReview {
    public let index: Int
    public let stage: RecordedSession.Stage
    public let manifest: SessionManifest
    public private(set) var corrections: [CameraView: MarkerCorrections] = [:]
    /// Angles re-derived for corrected frames.
    private var correctedAngles: [CameraView: [Int: AngleSet]] = [:]
    public private(set) var events: [GaitEvent]
    /// The accepted strides (the report's rule), with their metrics.
    public private(set) var strides: StrideIndex
    /// Every stride record of the stage (both cameras), corrections merged in.
    public private(set) var records: [StrideRecord]
    private var angleStats: [CameraView: [AngleKind: RunningStats]] = [:]
    /// The events and strides as recorded (or measured once from the stored markers).
    private let recordedEvents: [GaitEvent]
    private let recordedStrides: [StrideRecord]
    /// What the last correction or undo of each view re-measured.
    public private(set) var scopes: [CameraView: CorrectionScope] = [:]
    let directory: String

    public init(session: RecordedSession, index: Int) {
        self.index = index
        stage = session.stages[index]
        manifest = session.manifest
        directory = session.directory + "/" + stage.info.directory
        events = stage.events
        recordedEvents = stage.events
        var recorded = session.manifest.calibration.recalibrated ? nil : (try? StrideFile.read(stageDirectory: directory)) ?? nil
        if recorded == nil {
            // An older session without a strides table, or one calibrated again after the
            // recording: measure it once from the stored markers.
            let recordedStage = session.stages[index]
            recorded = CameraView.allCases.compactMap { v in recordedStage.views[v] }.flatMap {
                RecordedAnalysis(view: $0, corrections: nil, manifest: session.manifest, stage: recordedStage.info).strides
            }
        }
        recordedStrides = recorded ?? []
        records = recordedStrides
        strides = StrideIndex(records: recordedStrides, settle: StageStrides.settlePeriod(session.manifest, stage: index))
        for view in stage.views.keys {
            if let c = try? MarkerCorrections(stageDirectory: directory, view: view), !c.isEmpty {
                corrections[view] = c
            }
        }
        for view in corrections.keys { rederive(view) }
    }

    public var views: [CameraView] { CameraView.allCases.filter { stage.views[$0] != nil } }

    /// The settle period after the change into this stage (the report's: its strides are left out).
    public var settle: SettlePeriod? { StageStrides.settlePeriod(manifest, stage: index) }

    public func view(_ v: CameraView) -> RecordedView? { stage.views[v] }

    public var markerSide: BodySide { manifest.camera(.side)?.markerSide ?? .right }

    public func markers(_ v: CameraView, _ n: Int) -> MarkerFrame {
        guard let rv = stage.views[v] else { return [] }
        let stored = rv.markers(at: n)
        return corrections[v]?.apply(stored, frame: n) ?? stored
    }

    public func angles(_ v: CameraView, _ n: Int) -> AngleSet {
        if let a = correctedAngles[v]?[n] { return a }
        return stage.views[v]?.angles(at: n) ?? AngleSet()
    }

    /// Mean and SD of each angle over the stage's frames (corrected frames with their new angles).
    public func stats(_ v: CameraView) -> [AngleKind: RunningStats] {
        if let s = angleStats[v] { return s }
        var out: [AngleKind: RunningStats] = [:]
        if let rv = stage.views[v] {
            if correctedAngles[v]?.isEmpty ?? true {
                // One streaming pass over the stored table (memory does not grow with the recording).
                out = (try? rv.angleStatistics()) ?? [:]
            } else {
                for n in 0..<rv.frameCount {
                    for (k, x) in angles(v, n).present(in: v) { out[k, default: RunningStats()].add(x) }
                }
            }
        }
        angleStats[v] = out
        return out
    }

    /// Saves a manual correction and re-measures what depends on it (`CorrectionScope`): that
    /// view's events and the strides touching the frame; returns the strides re-measured.
    @discardableResult
    public func correct(_ v: CameraView, frame n: Int, marker m: Int, to p: Point) throws -> [StrideRecord] {
        var c = try corrections[v] ?? MarkerCorrections(stageDirectory: directory, view: v)
        try c.add(frame: n, marker: m, position: p)
        corrections[v] = c
        rederive(v)
        return scopes[v]?.remeasured(around: time(v, n)) ?? []
    }

    /// Undoes the newest correction of view `v` still in effect (saved as an undo row) and measures
    /// its strides again; nil when `v` has no correction.
    public func undoCorrection(_ v: CameraView) throws -> (correction: MarkerCorrections.Correction, remeasured: [StrideRecord])? {
        guard var c = corrections[v], let undone = try c.undoLast() else { return nil }
        corrections[v] = c
        let t = time(v, undone.frame)
        rederive(v, alsoAround: [t])
        let back = scopes[v]?.remeasured(around: t) ?? recordedStrides.filter {
            $0.view == v && $0.contactTime - CorrectionScope.margin <= t && t <= $0.nextContactTime + CorrectionScope.margin
        }
        return (undone, back)
    }

    private func rederive(_ v: CameraView, alsoAround extra: [Double] = []) {
        guard let rv = stage.views[v], let c = corrections[v] else { return }
        angleStats[v] = nil
        guard !c.isEmpty else {
            // Every correction undone: the view is as recorded again.
            correctedAngles[v] = nil
            scopes[v] = nil
            events = (events.filter { $0.view != v } + recordedEvents.filter { $0.view == v }).sorted { $0.time < $1.time }
            records = (records.filter { $0.view != v } + recordedStrides.filter { $0.view == v })
                .sorted { $0.contactTime < $1.contactTime }
            strides = StrideIndex(records: records, settle: settle)
            return
        }
        // The report's and live capture's own path over the corrected markers, merged in only
        // where it depends on a corrected frame.
        let analysis = RecordedAnalysis(view: rv, corrections: c, manifest: manifest, stage: stage.info)
        correctedAngles[v] = analysis.correctedAngles
        let scope = CorrectionScope(recordedEvents: recordedEvents.filter { $0.view == v },
                                    recordedStrides: recordedStrides.filter { $0.view == v }, analysis: analysis,
                                    correctedTimes: c.byFrame.keys.map { time(v, $0) } + extra)
        scopes[v] = scope
        events = (events.filter { $0.view != v } + scope.events).sorted { $0.time < $1.time }
        records = (records.filter { $0.view != v } + scope.records).sorted { $0.contactTime < $1.contactTime }
        strides = StrideIndex(records: records, settle: settle)
    }

    /// Frame of view `v` nearest to session time `t`.
    public func frame(_ v: CameraView, atSeconds t: Double) -> Int? {
        stage.views[v]?.nearestFrame(toTimestamp: manifest.clockOriginNs &+ UInt64(max(0, (t * 1e9).rounded())))
    }

    /// Session seconds of frame `n` of view `v`.
    public func time(_ v: CameraView, _ n: Int) -> Double {
        guard let rv = stage.views[v], n >= 0, n < rv.times.count else { return 0 }
        return rv.times[n]
    }
}
