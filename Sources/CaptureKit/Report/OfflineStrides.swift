public import MarkerTracker

/// Measures a recorded stage's strides again from its stored markers, with the same
/// `GaitAnalyzer` the live pipeline runs: for sessions recorded without `strides.csv`, and for
/// stages whose markers a clinician corrected in review (the recorded strides predate the
/// corrections). Frames are the recorded frame numbers.
public enum OfflineStrides {
    /// Running direction of the side view from its markers: toe ahead of heel, trunk forward.
    public static func forward(_ markers: [MarkerFrame]) -> Double {
        var vote = 0.0
        for m in markers {
            if let h = m[SideMarker.hee.rawValue]?.position, let t = m[SideMarker.mt5.rawValue]?.position {
                vote += (t.x - h.x) > 0 ? 1 : -1
            }
            if let s = m[SideMarker.sho.rawValue]?.position, let g = m[SideMarker.gt.rawValue]?.position {
                vote += (s.x - g.x) > 0 ? 0.5 : -0.5
            }
        }
        return vote >= 0 ? 1 : -1
    }

    /// The strides of one view of a stage. `corrections` (if any) replace stored markers and the
    /// angles of corrected frames are computed again.
    public static func measure(view rv: RecordedView, corrections: MarkerCorrections?, manifest: SessionManifest,
                               stage: SessionManifest.Stage) -> [StrideRecord] {
        run(view: rv, corrections: corrections, manifest: manifest, stage: stage).strides
    }

    /// The strides of one view of a stage the analyzer leaves out, and why (the same pass as
    /// `measure`; the recorded strides table keeps only the strides measured).
    public static func leftOut(view rv: RecordedView, corrections: MarkerCorrections?, manifest: SessionManifest,
                               stage: SessionManifest.Stage) -> [LeftOutStride] {
        run(view: rv, corrections: corrections, manifest: manifest, stage: stage).leftOut
    }

    static func run(view rv: RecordedView, corrections: MarkerCorrections?, manifest: SessionManifest,
                    stage: SessionManifest.Stage) -> (strides: [StrideRecord], leftOut: [LeftOutStride]) {
        let view = rv.view
        let camera = manifest.camera(view)
        let markerSide = manifest.camera(.side)?.markerSide ?? .right
        let markers = (0..<rv.frameCount).map { n in corrections?.apply(rv.markers(at: n), frame: n) ?? rv.markers(at: n) }
        let forward = view == .side ? forward(markers) : 1
        let incline = AngleMath.atan2Degrees(stage.inclinePercent, 100)
        let calculator = AngleCalculator(forward: forward, inclineDegrees: incline, calibration: manifest.calibration)
        var gait = GaitAnalyzer(view: view, markerSide: markerSide, legLengthCm: manifest.athlete.legLengthCm,
                                calibration: manifest.calibration, framesPerSecond: camera?.measuredFps ?? camera?.nominalFps)
        let times = rv.times
        var out: [StrideRecord] = []
        var leftOut: [LeftOutStride] = []
        for n in 0..<rv.frameCount {
            let corrected = corrections?.byFrame[n] != nil
            let angles = corrected ? calculator.angles(markers[n], view: view) : rv.angles(at: n)
            let update = gait.push(frame: n, time: times[n], markers: markers[n], angles: angles, forward: forward,
                                   inclineDegrees: incline)
            leftOut += update.leftOut
            for s in update.strides {
                var values: [StrideMetric: Double] = [:]
                for (m, v) in s.measured { values[m] = v }
                out.append(StrideRecord(view: s.view, side: s.side, number: s.number, contactFrame: s.contact.frame,
                                        contactTime: s.contact.time, midstanceFrame: s.midstance?.frame,
                                        toeOffFrame: s.toeOff?.frame, toeOffTime: s.toeOff?.time,
                                        nextContactFrame: s.nextContact.frame, nextContactTime: s.nextContact.time,
                                        values: values))
            }
        }
        return (out, leftOut)
    }
}
