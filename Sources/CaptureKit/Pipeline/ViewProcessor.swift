public import MarkerTracker

/// Everything done to one camera's frames on its capture thread: track markers, compute angles,
/// detect gait events, keep cadence.
///
/// A value owned by one capture thread; the clock is the frames' own timestamps.
public struct ViewProcessor: Sendable {
    public let view: CameraView
    public var tracker: ViewTracker
    public var calibration: SideCalibration
    /// Side view: the leg carrying the markers (events are that leg's).
    public var markerSide: BodySide
    var sideEvents: SideEventDetector
    var rearEvents = RearEventDetector()
    public private(set) var cadence = CadenceMeter()
    var streamIndex = 0
    var lastSequence: UInt32?
    /// Monotonic ns of this stream's time 0 (event times are seconds from it).
    public let clockOrigin: UInt64

    public init(view: CameraView, markerSide: BodySide = .right, calibration: SideCalibration = .none,
                clockOrigin: UInt64) {
        self.view = view
        self.markerSide = markerSide
        self.calibration = calibration
        self.clockOrigin = clockOrigin
        tracker = ViewTracker(markerSet: .standard(for: view))
        sideEvents = SideEventDetector(side: markerSide)
    }

    public mutating func process(_ frame: Frame, inclinePercent: Double) -> ProcessedFrame {
        var elapsed = 1
        if let last = lastSequence, frame.sequence > last { elapsed = Int(frame.sequence &- last) }
        lastSequence = frame.sequence
        let tracked = tracker.process(frame.luma, elapsedFrames: elapsed)
        // Side-view angles need the running direction; until it is known they stay missing.
        let forward = view == .side ? tracked.forward : 1
        let angles = forward == 0 ? AngleSet()
            : AngleCalculator(forward: forward, inclineDegrees: AngleMath.atan2Degrees(inclinePercent, 100),
                              calibration: calibration).angles(tracked.markers, view: view)
        let time = Double(Int64(bitPattern: frame.timestampNanoseconds &- clockOrigin)) / 1e9
        var events: [GaitEvent]
        switch view {
        case .side:
            events = sideEvents.push(frame: streamIndex, time: time, markers: tracked.markers,
                                     forward: tracked.forward, inclineDegrees: AngleMath.atan2Degrees(inclinePercent, 100),
                                     kneeFlexion: angles[.kneeFlexion])
        case .rear:
            events = rearEvents.push(frame: streamIndex, time: time, markers: tracked.markers)
        }
        for e in events { cadence.add(e) }
        let out = ProcessedFrame(frame: frame, streamIndex: streamIndex, tracked: tracked, angles: angles,
                                 events: events)
        streamIndex += 1
        return out
    }
}
