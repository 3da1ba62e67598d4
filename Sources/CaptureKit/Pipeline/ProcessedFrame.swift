public import MarkerTracker

/// One frame after the per-camera tracker: the picture, its markers, angles and any gait events
/// confirmed by it.
public struct ProcessedFrame: Sendable {
    public var frame: Frame
    /// Frame number in this camera's stream since capture started (events refer to it).
    public var streamIndex: Int
    public var tracked: TrackedFrame
    public var angles: AngleSet
    /// Events confirmed while processing this frame (they may refer to earlier frames).
    public var events: [GaitEvent]

    public init(frame: Frame, streamIndex: Int, tracked: TrackedFrame, angles: AngleSet, events: [GaitEvent]) {
        self.frame = frame
        self.streamIndex = streamIndex
        self.tracked = tracked
        self.angles = angles
        self.events = events
    }
}
