public import MarkerTracker

/// The streaks LEDs sweep while the shutter is open: for each marker of a view, its image
/// positions at evenly spaced moments of the exposure, centred on the frame's time.
///
/// Centring the exposure on the frame time keeps blur from moving a marker's mean position in
/// time; a real camera's timestamp lies a fixed time after mid-exposure, which delays both
/// cameras alike (docs/simulated-runner.md "Camera pictures").
public enum MotionBlur {
    /// Positions per marker for an exposure of `milliseconds` around `time`; `pose` gives the
    /// body at any moment. Samples are spaced a quarter pixel apart along the fastest marker's
    /// travel (at least 2, at most `CameraPicture.maximumStreakSamples`). nil for no exposure.
    public static func streaks(view: CameraView, camera: VirtualCamera, time: Double, milliseconds: Double,
                               pose: (Double) -> BodyPose?) -> [[Point]]? {
        guard milliseconds > 0 else { return nil }
        let half = milliseconds / 2000
        guard let start = pose(time - half), let end = pose(time + half) else { return nil }
        let a = start.markers(for: view).map { camera.project($0) }
        let b = end.markers(for: view).map { camera.project($0) }
        var travel = 0.0
        for (p, q) in zip(a, b) { if let p, let q { travel = max(travel, (q - p).length) } }
        let count = min(CameraPicture.maximumStreakSamples, max(2, Int((travel * 4).rounded(.up)) + 1))
        var out = [[Point]](repeating: [], count: a.count)
        for k in 0..<count {
            let t = time - half + 2 * half * Double(k) / Double(count - 1)
            guard let body = k == 0 ? start : (k == count - 1 ? end : pose(t)) else { continue }
            for (i, m) in body.markers(for: view).enumerated() {
                if let p = camera.project(m) { out[i].append(p) }
            }
        }
        return out
    }
}
