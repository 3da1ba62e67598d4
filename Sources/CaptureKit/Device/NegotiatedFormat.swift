/// What a camera actually granted after negotiation (read back after `VIDIOC_S_FMT` and
/// `VIDIOC_S_PARM`): the values capture uses, never the requested ones.
public struct NegotiatedFormat: Sendable, Equatable, CustomStringConvertible {
    public var pixelFormat: PixelFormat
    public var width: Int
    public var height: Int
    /// Row stride of the camera's buffers, bytes.
    public var bytesPerLine: Int
    public var sizeImage: Int
    /// The frame interval in force (nil when the driver does not say).
    public var interval: FrameInterval?
    /// What was asked for, to report any difference.
    public var requestedWidth: Int
    public var requestedHeight: Int
    public var requestedFps: Double?

    public var framesPerSecond: Double? { interval?.framesPerSecond }

    public var description: String {
        let fps = interval.map { "\($0) fps" } ?? "unknown fps"
        return "\(pixelFormat) \(width)x\(height) at \(fps)"
    }
}
