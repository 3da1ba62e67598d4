import CaptureKit
public import MarkerTracker

/// Re-derives what depends on the markers of one recorded view after a manual correction: the
/// angles of each frame and the gait events (the running direction is the report's,
/// `OfflineStrides.forward`).
///
/// The same calculators as live (AngleCalculator, GaitAnalyzer), run over the stored marker
/// series with the stored timestamps.
public enum ReviewAnalysis {
    /// Angles of one frame's markers.
    public static func angles(_ markers: MarkerFrame, view: CameraView, forward: Double, inclinePercent: Double,
                              calibration: SideCalibration) -> AngleSet {
        AngleCalculator(forward: view == .side ? forward : 1,
                        inclineDegrees: AngleMath.atan2Degrees(inclinePercent, 100), calibration: calibration)
            .angles(markers, view: view)
    }

    /// Gait events of one view over a whole stage, by the live pipeline's `GaitAnalyzer` (the
    /// same detectors, leg length and frame rate as when it was recorded).
    public static func events(view: CameraView, markers: [MarkerFrame], angles: [AngleSet], times: [Double],
                              markerSide: BodySide, forward: Double, inclinePercent: Double,
                              legLengthCm: Double?, calibration: SideCalibration,
                              framesPerSecond: Double?) -> [GaitEvent] {
        var gait = GaitAnalyzer(view: view, markerSide: markerSide, legLengthCm: legLengthCm, calibration: calibration,
                                framesPerSecond: framesPerSecond)
        let incline = AngleMath.atan2Degrees(inclinePercent, 100)
        var out: [GaitEvent] = []
        for i in 0..<min(markers.count, times.count) {
            out += gait.push(frame: i, time: times[i], markers: markers[i], angles: i < angles.count ? angles[i] : AngleSet(),
                             forward: forward, inclineDegrees: incline).events
        }
        return out
    }
}
