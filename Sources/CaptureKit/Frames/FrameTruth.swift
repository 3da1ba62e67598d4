public import MarkerTracker

/// What really happened in a simulated frame: the ground truth tests and accuracy figures use.
public struct FrameTruth: Sendable {
    /// Simulation time of the exposure, seconds.
    public var time: Double
    /// True image positions of the view's markers (nil where the LED is hidden or off-image).
    public var markers: [Point?]
    /// True image positions whether or not the LED is lit or hidden (nil only off-image): where
    /// a marker bridged by prediction really was.
    public var projectedMarkers: [Point?]
    /// Angles computed from the true image positions with the true running direction.
    public var angles: AngleSet
    /// +1 when the runner faces image right (side view), -1 left; +1 for the rear view.
    public var forward: Double
    /// True gait events since the previous frame of this camera (frame numbers are this frame's).
    public var events: [GaitEvent]
    /// Belt incline, percent.
    public var inclinePercent: Double

    public init(time: Double, markers: [Point?], angles: AngleSet, forward: Double, events: [GaitEvent],
                inclinePercent: Double, projectedMarkers: [Point?]? = nil) {
        self.time = time
        self.markers = markers
        self.projectedMarkers = projectedMarkers ?? markers
        self.angles = angles
        self.forward = forward
        self.events = events
        self.inclinePercent = inclinePercent
    }
}
