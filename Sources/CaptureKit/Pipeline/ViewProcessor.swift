public import MarkerTracker

/// Everything done to one camera's frames on its capture thread: track markers, compute angles,
/// smooth them for the live view, detect gait events and measure strides. Markers that break a
/// body segment's usual length are left out of angles and events (`SegmentLengthGuard`); the
/// tracked markers themselves are kept as tracked.
///
/// A value owned by one capture thread; the clock is the frames' own timestamps (the frame rate
/// is measured from them). The raw angles are what is recorded; `smoothedAngles` (causal filter)
/// are for the live numbers; events and strides come from `GaitAnalyzer` with its fixed delay.
public struct ViewProcessor: Sendable {
    public let view: CameraView
    public var tracker: ViewTracker
    public var calibration: SideCalibration
    /// Side view: the leg carrying the markers (events are that leg's).
    public var markerSide: BodySide
    /// Greater trochanter to floor, centimetres, for distances in centimetres (nil: pixels only).
    public let legLengthCm: Double?
    public private(set) var gait: GaitAnalyzer
    var smoother: AngleSmoother?
    var segmentGuard: SegmentLengthGuard
    public private(set) var cadence = CadenceMeter()
    var streamIndex = 0
    var lastSequence: UInt32?
    /// Monotonic ns of this stream's time 0 (event times are seconds from it).
    public let clockOrigin: UInt64

    public init(view: CameraView, markerSide: BodySide = .right, calibration: SideCalibration = .none,
                legLengthCm: Double? = nil, framesPerSecond: Double? = nil, clockOrigin: UInt64) {
        self.view = view
        self.markerSide = markerSide
        self.calibration = calibration
        self.legLengthCm = legLengthCm
        self.clockOrigin = clockOrigin
        tracker = ViewTracker(markerSet: .standard(for: view))
        if let f = framesPerSecond { tracker.settings.framesPerSecond = f }
        segmentGuard = SegmentLengthGuard(view: view)
        gait = GaitAnalyzer(view: view, markerSide: markerSide, legLengthCm: legLengthCm, calibration: calibration,
                            framesPerSecond: framesPerSecond)
        if let f = framesPerSecond { smoother = AngleSmoother(sampleRateHz: f) }
    }

    public mutating func process(_ frame: Frame, inclinePercent: Double) -> ProcessedFrame {
        var elapsed = 1
        if let last = lastSequence, frame.sequence > last { elapsed = Int(frame.sequence &- last) }
        lastSequence = frame.sequence
        let tracked = tracker.process(frame.luma, elapsedFrames: elapsed)
        // Markers that break a segment's length are left out of the angles and events.
        let markers = segmentGuard.check(tracked.markers)
        // Side-view angles need the running direction; until it is known they stay missing.
        let forward = view == .side ? tracked.forward : 1
        let incline = AngleMath.atan2Degrees(inclinePercent, 100)
        let angles = forward == 0 ? AngleSet()
            : AngleCalculator(forward: forward, inclineDegrees: incline, calibration: calibration)
                .angles(markers, view: view)
        let time = Double(Int64(bitPattern: frame.timestampNanoseconds &- clockOrigin)) / 1e9
        let update = gait.push(frame: streamIndex, time: time, markers: markers, angles: angles,
                               forward: forward, inclineDegrees: incline)
        if smoother == nil, let f = gait.framesPerSecond {
            smoother = AngleSmoother(sampleRateHz: f)
            // The tracker's vote between rival readings counts its window in frames.
            tracker.settings.framesPerSecond = f
        }
        let smoothed = smoother?.smooth(angles) ?? angles
        for e in update.events { cadence.add(e) }
        let out = ProcessedFrame(frame: frame, streamIndex: streamIndex, tracked: tracked, angles: angles,
                                 events: update.events, smoothedAngles: smoothed, strides: update.strides)
        streamIndex += 1
        return out
    }
}
