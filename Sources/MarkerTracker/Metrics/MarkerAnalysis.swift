/// Markers to angles, gait events and strides for one camera view: the one analysis path that
/// live capture, the offline analyses (`analyze`, `import`, the report) and review all run.
///
/// Per frame: markers that break a body segment's usual length are left out
/// (`SegmentLengthGuard`), the angles come from what is left (`AngleCalculator`, or the angles
/// stored with a recording, which were computed the same way), and `GaitAnalyzer` turns markers
/// and angles into events and strides. The side view's running direction is given by the caller:
/// the tracker's while it labels live, `RunningDirection` over stored markers afterwards (the same
/// rule).
public struct MarkerAnalysis: Sendable {
    /// What one frame gave.
    public struct Update: Sendable {
        /// The markers the angles and events used (the tracked ones less those the segment
        /// lengths rule out).
        public var markers: MarkerFrame
        /// The angles with the standing calibration applied (what events, strides and the screen use).
        public var angles: AngleSet
        /// The angles as measured, before the calibration (what the tables record).
        public var rawAngles: AngleSet
        /// Events confirmed with this frame (they may refer to earlier frames), oldest first.
        public var events: [GaitEvent]
        /// Strides completed with this frame.
        public var strides: [StrideMetrics]
        /// Strides that ended with this frame but were not measured, and why.
        public var leftOut: [LeftOutStride]
    }

    public let view: CameraView
    public private(set) var calibration: SideCalibration
    public private(set) var gait: GaitAnalyzer
    var segmentGuard: SegmentLengthGuard

    public init(view: CameraView, markerSide: BodySide = .right, legLengthCm: Double? = nil,
                calibration: SideCalibration = .none, framesPerSecond: Double? = nil) {
        self.view = view
        self.calibration = calibration
        segmentGuard = SegmentLengthGuard(view: view)
        gait = GaitAnalyzer(view: view, markerSide: markerSide, legLengthCm: legLengthCm, calibration: calibration,
                            framesPerSecond: framesPerSecond)
    }

    /// From now on, angles and centimetres use `calibration` (a standing calibration made while
    /// the stream runs).
    public mutating func recalibrate(_ calibration: SideCalibration) {
        self.calibration = calibration
        gait.recalibrate(calibration)
    }

    /// The stream's frame rate once known (given, or measured from the times).
    public var framesPerSecond: Double? { gait.framesPerSecond }

    /// One frame: its number and time (seconds), the markers as tracked, the side view's running
    /// direction (0: not yet known, no side-view angles or events), the belt's incline, and the
    /// raw angles stored for the frame if the caller has them (nil: computed here); the calibration
    /// is applied to either.
    public mutating func push(frame: Int, time: Double, markers tracked: MarkerFrame, forward: Double,
                              inclinePercent: Double, storedAngles: AngleSet? = nil) -> Update {
        let markers = segmentGuard.check(tracked)
        let forward = view == .side ? forward : 1
        let incline = AngleMath.atan2Degrees(inclinePercent, 100)
        let raw = storedAngles ?? (forward == 0 ? AngleSet()
            : AngleCalculator(forward: forward, inclineDegrees: incline).angles(markers, view: view))
        let angles = calibration.applied(to: raw, view: view)
        let u = gait.push(frame: frame, time: time, markers: markers, angles: angles, forward: forward,
                          inclineDegrees: incline)
        return Update(markers: markers, angles: angles, rawAngles: raw, events: u.events, strides: u.strides, leftOut: u.leftOut)
    }
}
