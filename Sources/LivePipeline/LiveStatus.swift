public import MarkerTracker
public import CaptureKit
public import SessionStore

/// The session-wide state shown in the console's header and status lines.
public struct LiveStatus: Sendable {
    public var stage: SessionTimeline.Stage
    public var stageNumber: Int
    public var recording: Bool
    /// Monotonic ns when the current recording interval began.
    public var recordingSince: UInt64?
    /// Seconds recorded so far over all intervals.
    public var recordedSeconds: Double
    public var recorder: SessionRecorder.Status?
    public var directory: String?
    public var cameras: [CameraView: CameraStatistics]
    /// Side minus rear exposure time of the nearest frames, milliseconds (nil until both stream).
    public var cameraOffsetMilliseconds: Double?
    /// Standard deviation of that offset over the last second, milliseconds (nil until known).
    public var cameraJitterMilliseconds: Double? = nil
    /// Minutes of recording the free disk space holds at the current rate (`RecordingRoom`).
    public var minutesLeft: Double? = nil
}
