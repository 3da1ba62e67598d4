public import CaptureKit
public import MarkerTracker

/// Re-derives what depends on the markers of one recorded view after a manual correction: the
/// running direction, the angles of each frame, and the gait events.
///
/// The same calculators as live (AngleCalculator, the event detectors), run over the stored
/// marker series with the stored timestamps.
public enum ReviewAnalysis {
    /// Side view running direction from the stored markers: toe ahead of heel, trunk leaning forward.
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

    /// Angles of one frame's markers.
    public static func angles(_ markers: MarkerFrame, view: CameraView, forward: Double, inclinePercent: Double,
                              calibration: SideCalibration) -> AngleSet {
        AngleCalculator(forward: view == .side ? forward : 1,
                        inclineDegrees: AngleMath.atan2Degrees(inclinePercent, 100), calibration: calibration)
            .angles(markers, view: view)
    }

    /// Gait events of one view over a whole stage.
    public static func events(view: CameraView, markers: [MarkerFrame], angles: [AngleSet], times: [Double],
                              markerSide: BodySide, forward: Double, inclinePercent: Double) -> [GaitEvent] {
        var out: [GaitEvent] = []
        switch view {
        case .side:
            var d = SideEventDetector(side: markerSide)
            for i in 0..<min(markers.count, times.count) {
                out += d.push(frame: i, time: times[i], markers: markers[i], forward: forward,
                              inclineDegrees: AngleMath.atan2Degrees(inclinePercent, 100),
                              kneeFlexion: i < angles.count ? angles[i][.kneeFlexion] : nil)
            }
        case .rear:
            var d = RearEventDetector()
            for i in 0..<min(markers.count, times.count) {
                out += d.push(frame: i, time: times[i], markers: markers[i])
            }
        }
        return out
    }
}
