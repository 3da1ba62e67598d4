/// Live health of one camera as its capture thread sees it.
public struct CameraStatistics: Sendable, Equatable {
    /// What the capture thread is doing.
    public enum State: Sendable, Equatable {
        case starting
        case streaming
        /// No frame for `CaptureThread.stallSeconds` although the source is open.
        case stalled
        /// The source failed (unplugged camera, read error); the message says why.
        case lost(String)
        /// A finite source reached its end.
        case finished
        case stopped
    }

    public var state: State = .starting
    /// Frames delivered to the pipeline.
    public var frames = 0
    /// Frames the driver counted but never delivered (sequence gaps).
    public var dropped = 0
    /// Frames per second measured from the kernel timestamps over the last second.
    public var measuredFramesPerSecond: Double = 0
    public var lastTimestampNanoseconds: UInt64 = 0
    public var lastSequence: UInt32?
    /// Time the capture thread spent reading frames (V4L2: dequeue, convert or decode, queue the
    /// buffer back) and handing them on (tracking, recorder queue, snapshot), ns, over `frames`.
    public var readNanoseconds: UInt64 = 0
    public var handlerNanoseconds: UInt64 = 0
    /// Times the source was lost and came back (re-plugged camera).
    public var reconnections = 0

    public init() {}
}
