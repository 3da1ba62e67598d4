/// Anything frames come from: a V4L2 camera, a simulated camera, a video file.
///
/// A source is owned by exactly one capture thread, which blocks in poll() on `descriptor`
/// (and its stop eventfd) and calls `readFrame()` when it is readable. Sources without a
/// descriptor (files, unpaced simulation) are read back to back.
public protocol FrameSource: AnyObject {
    /// Human-readable name: device path, file path, or "simulated side camera".
    var name: String { get }
    /// Nominal frames per second the source was configured for (the measured rate is separate).
    var nominalFramesPerSecond: Double { get }
    /// Descriptor to poll for readability, or nil when a frame is always ready.
    var descriptor: Int32? { get }
    /// Starts streaming (V4L2: STREAMON; simulation: arms the frame clock).
    func start() throws
    /// The next frame, or nil if none is ready after all (spurious wake-up). Throws when the
    /// source is gone (unplugged camera, end of a broken file); `CaptureError.endOfStream`
    /// when a finite source is exhausted.
    func readFrame() throws -> Frame?
    /// Stops streaming and releases the device. Idempotent.
    func stop()
    /// Whether `reconnect()` can bring the source back after it failed (an unplugged camera).
    var canReconnect: Bool { get }
    /// Tries to reopen a failed source and resume streaming: true when it is streaming again,
    /// false while it is still absent (the capture thread tries again a little later).
    func reconnect() throws -> Bool
}

extension FrameSource {
    public var canReconnect: Bool { false }
    public func reconnect() throws -> Bool { false }
}

/// Why a capture thread stopped reading a source.
public enum CaptureError: Error, Sendable, Equatable {
    /// A finite source (a file, a fixed-length simulation) has no more frames.
    case endOfStream
}
