public import CaptureKit
public import MarkerTracker
public import SessionStore

/// One recorded stage as the review screen sees it: the stored markers with the clinician's
/// corrections applied, the angles and events re-derived where markers were corrected, and the
/// strides.
public final class StageReview {
    public let index: Int
    public let stage: RecordedSession.Stage
    public let manifest: SessionManifest
    public private(set) var corrections: [CameraView: MarkerCorrections] = [:]
    /// Angles re-derived for corrected frames.
    private var correctedAngles: [CameraView: [Int: AngleSet]] = [:]
    public private(set) var events: [GaitEvent]
    public private(set) var strides: StrideIndex
    private var angleStats: [CameraView: [AngleKind: RunningStats]] = [:]
    let directory: String

    public init(session: RecordedSession, index: Int) {
        self.index = index
        stage = session.stages[index]
        manifest = session.manifest
        directory = session.directory + "/" + stage.info.directory
        events = stage.events
        strides = StrideIndex(events: stage.events)
        for view in stage.views.keys {
            if let c = try? MarkerCorrections(stageDirectory: directory, view: view), !c.isEmpty {
                corrections[view] = c
            }
        }
        for view in corrections.keys { rederive(view) }
    }

    public var views: [CameraView] { CameraView.allCases.filter { stage.views[$0] != nil } }

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

    /// Saves a manual correction and re-derives angles and events of that view.
    public func correct(_ v: CameraView, frame n: Int, marker m: Int, to p: Point) throws {
        var c = try corrections[v] ?? MarkerCorrections(stageDirectory: directory, view: v)
        try c.add(frame: n, marker: m, position: p)
        corrections[v] = c
        rederive(v)
    }

    private func rederive(_ v: CameraView) {
        guard let rv = stage.views[v], let c = corrections[v] else { return }
        // The report's and live capture's own path over the corrected markers.
        let analysis = RecordedAnalysis(view: rv, corrections: c, manifest: manifest, stage: stage.info)
        correctedAngles[v] = analysis.correctedAngles
        events = events.filter { $0.view != v } + analysis.events
        events.sort { $0.time < $1.time }
        strides = StrideIndex(events: events)
        angleStats[v] = nil
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
