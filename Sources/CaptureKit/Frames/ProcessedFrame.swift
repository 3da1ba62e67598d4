public import MarkerTracker

/// One frame after the per-camera pipeline: the picture, its markers, angles, and any gait
/// events and strides confirmed by it.
public struct ProcessedFrame: Sendable {
    public var frame: Frame
    /// Frame number in this camera's stream since capture started (events refer to it).
    public var streamIndex: Int
    public var tracked: TrackedFrame
    /// Angles from this frame's markers alone, with the standing calibration applied.
    public var angles: AngleSet
    /// The same before the calibration: what the tables record (the calibration is stored in the
    /// session and applied on reading, so it can be made again later).
    public var rawAngles: AngleSet
    /// Events confirmed while processing this frame (they may refer to earlier frames).
    public var events: [GaitEvent]
    /// The angles through the live (causal) filter: steadier numbers for the screen, ~19 ms behind.
    public var smoothedAngles: AngleSet
    /// Strides completed with this frame (per-stride metrics).
    public var strides: [StrideMetrics]
    /// Strides that ended with this frame but were not measured, and why.
    public var leftOut: [LeftOutStride] = []

    public init(frame: Frame, streamIndex: Int, tracked: TrackedFrame, angles: AngleSet, events: [GaitEvent],
                smoothedAngles: AngleSet? = nil, strides: [StrideMetrics] = [], rawAngles: AngleSet? = nil) {
        self.rawAngles = rawAngles ?? angles
        self.frame = frame
        self.streamIndex = streamIndex
        self.tracked = tracked
        self.angles = angles
        self.events = events
        self.smoothedAngles = smoothedAngles ?? angles
        self.strides = strides
    }
}
