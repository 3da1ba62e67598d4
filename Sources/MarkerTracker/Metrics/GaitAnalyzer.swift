/// Everything after tracking for one camera: gait events and per-stride metrics, frame by frame.
///
/// Composes the view's event detector (`SideEventDetector` for the camera-side leg, or
/// `RearEventDetector` for both legs) with a `StrideAnalyzer`. The live pipeline runs it on the
/// capture thread; the offline analysis runs the very same code over a file, so both give the
/// same events and strides. Events arrive with the detector's fixed delay (at 120 fps 100 ms
/// for the side view's events and the rear view's contacts; the rear view's toe-off when the other
/// foot lands).
public struct GaitAnalyzer: Sendable {
    /// What one frame produced.
    public struct Update: Sendable {
        /// Events confirmed with this frame (they may refer to earlier frames), oldest first.
        public var events: [GaitEvent] = []
        /// Strides completed with this frame.
        public var strides: [StrideMetrics] = []
        /// Strides that ended with this frame's events but were not measured, with the reason.
        public var leftOut: [LeftOutStride] = []
        public init() {}
    }

    public let view: CameraView
    public private(set) var side: SideEventDetector
    public private(set) var rear: RearEventDetector
    public private(set) var strides: StrideAnalyzer

    /// `markerSide`: the leg carrying the side-view markers. `legLengthCm`: greater trochanter
    /// to floor, for centimetres and the rear view's sense of gravity. `framesPerSecond`: the
    /// stream's rate when known up front (a file header); otherwise measured from the timestamps.
    public init(view: CameraView, markerSide: BodySide = .right, legLengthCm: Double? = nil,
                calibration: SideCalibration = .none, framesPerSecond: Double? = nil) {
        self.view = view
        side = SideEventDetector(side: markerSide, framesPerSecond: framesPerSecond)
        rear = RearEventDetector(legLengthCm: legLengthCm, framesPerSecond: framesPerSecond)
        strides = StrideAnalyzer(view: view, markerSide: markerSide, legLengthCm: legLengthCm,
                                 centimetresPerPixel: calibration.centimetresPerPixel)
    }

    /// From now on, centimetres use the calibration's scale (if it has one).
    public mutating func recalibrate(_ calibration: SideCalibration) {
        strides.centimetresPerPixel = calibration.centimetresPerPixel
    }

    /// The stream's frame rate once known.
    public var framesPerSecond: Double? {
        view == .side ? side.clock.framesPerSecond : rear.clock.framesPerSecond
    }

    /// The live delay of events, seconds, once the frame rate is known.
    public var delaySeconds: Double? {
        view == .side ? side.timing?.delaySeconds : rear.timing?.rearDelaySeconds
    }

    /// Feeds one tracked frame with its (raw) angles.
    public mutating func push(frame: Int, time: Double, markers: MarkerFrame, angles: AngleSet, forward: Double,
                              inclineDegrees: Double = 0) -> Update {
        var u = Update()
        switch view {
        case .side:
            u.events = side.push(frame: frame, time: time, markers: markers, forward: forward,
                                 inclineDegrees: inclineDegrees, kneeFlexion: angles[.kneeFlexion])
        case .rear:
            u.events = rear.push(frame: frame, time: time, markers: markers)
            strides.rearPixelsPerMetre = rear.pixelsPerMetre
        }
        strides.push(frame: frame, time: time, markers: markers, angles: angles, forward: forward,
                     framesPerSecond: framesPerSecond)
        u.strides = strides.add(events: u.events)
        if !strides.leftOut.isEmpty { u.leftOut = strides.takeLeftOut() }
        return u
    }
}
