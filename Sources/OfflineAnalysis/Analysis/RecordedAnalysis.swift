public import MarkerTracker
public import SessionStore

/// One recorded view of a stage analysed again from its stored markers, with a clinician's
/// corrections applied: the same path as live (`MarkerAnalysis`) with the same running-direction
/// rule (`RunningDirection`), frame by frame at the recorded times. The report, `gaitlive export`
/// and review use it wherever markers were corrected (or strides were not recorded); frames are
/// the recorded frame numbers.
///
/// Uncorrected frames keep the angles stored with them (computed live the same way); corrected
/// frames get theirs from the corrected markers.
public struct RecordedAnalysis: Sendable {
    public var view: CameraView
    /// The events, in recorded frames (times refined between frames, as live records them).
    public var events: [GaitEvent]
    public var strides: [StrideRecord]
    /// Strides the analysis did not measure, and why.
    public var leftOut: [LeftOutStride]
    /// Angles of the corrected frames (the rest are as stored).
    public var correctedAngles: [Int: AngleSet]

    /// Runs the analysis over `rv`, a view of `stage` in the session `manifest`.
    public init(view rv: RecordedView, corrections: MarkerCorrections?, manifest: SessionManifest,
                stage: SessionManifest.Stage) {
        view = rv.view
        let camera = manifest.camera(rv.view)
        var analysis = MarkerAnalysis(view: rv.view, markerSide: manifest.camera(.side)?.markerSide ?? .right,
                                      legLengthCm: manifest.athlete.legLengthCm, calibration: manifest.calibration,
                                      framesPerSecond: camera?.measuredFps ?? camera?.nominalFps)
        var direction = RunningDirection()
        let times = rv.times
        var events: [GaitEvent] = [], strides: [StrideRecord] = [], corrected: [Int: AngleSet] = [:]
        var leftOut: [LeftOutStride] = []
        for n in 0..<rv.frameCount {
            let stored = rv.markers(at: n)
            let fixed = corrections?.byFrame[n] != nil
            let markers = fixed ? corrections!.apply(stored, frame: n) : stored
            if rv.view == .side { direction.add(markers) }
            let u = analysis.push(frame: n, time: times[n], markers: markers, forward: direction.forward,
                                  inclinePercent: stage.inclinePercent, storedAngles: fixed ? nil : rv.rawAngles(at: n))
            if fixed { corrected[n] = u.angles }
            events += u.events
            strides += u.strides.map(StrideRecord.init)
            leftOut += u.leftOut
        }
        self.events = events
        self.strides = strides
        self.leftOut = leftOut
        correctedAngles = corrected
    }
}
