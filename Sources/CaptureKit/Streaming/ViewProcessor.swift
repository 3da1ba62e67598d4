public import MarkerTracker

/// Everything done to one camera's frames on its capture thread: track markers, then the one
/// analysis path (`MarkerAnalysis`: segment-length check, angles, gait events, strides), and
/// smooth the angles for the live view. The tracked markers themselves are kept as tracked.
///
/// A value owned by one capture thread; the clock is the frames' own timestamps (the frame rate
/// is measured from them). The raw angles are what is recorded; `smoothedAngles` (causal filter)
/// are for the live numbers; events and strides come with `GaitAnalyzer`'s fixed delay.
public struct ViewProcessor: Sendable {
    public let view: CameraView
    public var tracker: ViewTracker
    public var calibration: SideCalibration { analysis.calibration }
    /// Side view: the leg carrying the markers (events are that leg's).
    public var markerSide: BodySide
    /// Greater trochanter to floor, centimetres, for distances in centimetres (nil: pixels only).
    public let legLengthCm: Double?
    public private(set) var analysis: MarkerAnalysis
    public var gait: GaitAnalyzer { analysis.gait }
    var smoother: AngleSmoother?
    public private(set) var cadence = CadenceMeter()
    var streamIndex = 0
    var lastSequence: UInt32?
    /// Monotonic ns of this stream's time 0 (event times are seconds from it).
    public let clockOrigin: UInt64

    public init(view: CameraView, markerSide: BodySide = .right, calibration: SideCalibration = .none,
                legLengthCm: Double? = nil, framesPerSecond: Double? = nil, clockOrigin: UInt64) {
        self.view = view
        self.markerSide = markerSide
        self.legLengthCm = legLengthCm
        self.clockOrigin = clockOrigin
        tracker = ViewTracker(markerSet: .standard(for: view))
        if let f = framesPerSecond { tracker.settings = .forFramesPerSecond(f, view: view) }
        analysis = MarkerAnalysis(view: view, markerSide: markerSide, legLengthCm: legLengthCm, calibration: calibration,
                                  framesPerSecond: framesPerSecond)
        if let f = framesPerSecond { smoother = AngleSmoother(sampleRateHz: f) }
    }

    /// From now on angles and centimetres use `calibration` (a standing calibration made live).
    public mutating func recalibrate(_ calibration: SideCalibration) {
        analysis.recalibrate(calibration)
    }

    public mutating func process(_ frame: Frame, inclinePercent: Double) -> ProcessedFrame {
        var elapsed = 1
        if let last = lastSequence, frame.sequence > last { elapsed = Int(frame.sequence &- last) }
        lastSequence = frame.sequence
        let tracked = tracker.process(frame.luma, elapsedFrames: elapsed)
        let time = MonotonicClock.seconds(frame.timestampNanoseconds, since: clockOrigin)
        let update = analysis.push(frame: streamIndex, time: time, markers: tracked.markers, forward: tracked.forward,
                                   inclinePercent: inclinePercent)
        if smoother == nil, let f = analysis.framesPerSecond {
            smoother = AngleSmoother(sampleRateHz: f)
            // The tracker's per-frame figures (gates, bridging, the vote's window) follow the rate.
            tracker.settings = .forFramesPerSecond(f, view: view)
        }
        let smoothed = smoother?.smooth(update.angles) ?? update.angles
        for e in update.events { cadence.add(e) }
        var out = ProcessedFrame(frame: frame, streamIndex: streamIndex, tracked: tracked, angles: update.angles,
                                 events: update.events, smoothedAngles: smoothed, strides: update.strides,
                                 rawAngles: update.rawAngles)
        out.leftOut = update.leftOut
        streamIndex += 1
        return out
    }
}
