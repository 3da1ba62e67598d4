public import MarkerTracker
public import CaptureKit

/// The newest state of one camera for the screen: the latest picture with its markers and
/// angles, the camera's health, and the running figures of the current stage.
///
/// Overwritten by the capture thread on every frame; the screen takes whichever is newest.
public struct LiveViewSnapshot: Sendable {
    public var processed: ProcessedFrame
    public var statistics: CameraStatistics
    public var stageIndex: Int
    /// What the screen shows of the current stage (`StageAggregate.figures`).
    public var stage: StageFigures
    /// The last gait events of this camera, newest last.
    public var recentEvents: [GaitEvent]
    /// Recording indicator as the frame was tagged.
    public var recorded: Bool

    public var view: CameraView { processed.frame.view }
}
