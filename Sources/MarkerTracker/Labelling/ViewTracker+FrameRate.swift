extension ViewTracker.Settings {
    /// The frame rate every per-frame figure of `Settings` was set at.
    public static let referenceFramesPerSecond = 120.0

    /// The settings for a camera at `fps`: every figure measured per frame at 120 fps turned
    /// into the same figure per second. With r = 120 / fps (2 at 60 fps):
    /// - distances a marker travels in a frame (the new-track gate, the largest gate, the rejoin
    ///   distance, the young track's expected step, the bridged speed scale, the rear gate's
    ///   growth per unseen frame) are r times larger;
    /// - the allowed change of velocity per frame (`maxAcceleration`, pixels per frame squared)
    ///   is r squared times larger;
    /// - spans counted in frames (bridging, level and check intervals) are r times shorter, and a
    ///   bridged marker's confidence fades as much per second (the decay to the power r);
    /// - learning rates per frame are r times larger (the same time constant in seconds).
    /// Pixel sizes (the gate at rest, spot widths, margins) and ratios do not change. The vote's
    /// window is already in seconds. A camera within 2 % of 120 fps (a measured 119.8) keeps the
    /// figures as they are.
    ///
    /// The rear view keeps its per-frame figures (only the vote's window follows the rate): on the
    /// tuning population at 60 fps, converting them cut the side view's wrong labels from 57
    /// marker-frames to 10 but raised the rear view's from 339 to 587, and converting any one
    /// group of them alone (gates, bridging, intervals, rates) gave 207-669, no better than
    /// chance (docs/accuracy.md "At 60 fps").
    public static func forFramesPerSecond(_ fps: Double, view: CameraView,
                                          from base: ViewTracker.Settings = ViewTracker.Settings()) -> ViewTracker.Settings {
        var s = base
        guard fps > 0 else { return s }
        s.framesPerSecond = fps
        let r = referenceFramesPerSecond / fps
        guard abs(r - 1) > 0.02, view == .side else { return s }
        s.gateNewTrack *= r
        s.gateMax *= r
        s.rejoinDistance *= r
        s.youngTrackScale *= r
        s.bridgedSpeedScale *= r
        s.rearSidewaysPerMissedFrame *= r
        s.maxAcceleration *= r * r
        s.maxBridgeFrames = max(1, Int((Double(base.maxBridgeFrames) / r).rounded()))
        s.levelsInterval = max(1, Int((Double(base.levelsInterval) / r).rounded()))
        s.verifyInterval = max(1, Int((Double(base.verifyInterval) / r).rounded()))
        s.bridgedConfidenceDecay = Trig.pow(base.bridgedConfidenceDecay, r)
        func rate(_ x: Double) -> Double { min(1, 1 - Trig.pow(1 - x, r)) }
        s.markerLightRate = rate(base.markerLightRate)
        s.ledLightRate = rate(base.ledLightRate)
        s.ledShapeRate = rate(base.ledShapeRate)
        s.lengthLearningRate = rate(base.lengthLearningRate)
        return s
    }
}
