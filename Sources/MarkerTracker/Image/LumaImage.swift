/// One 8-bit luma (brightness) plane: what the tracker looks at.
///
/// Rows are `stride` bytes apart (at least `width`), as V4L2's `bytesperline` or a Y4M plane gives
/// them. The pixel storage is a plain array so frames can cross threads without copies or locks.
public struct LumaImage: Sendable {
    public let width: Int
    public let height: Int
    public let stride: Int
    public var pixels: [UInt8]

    /// Wraps existing pixels; `pixels.count` must be at least `stride * height`.
    public init(width: Int, height: Int, stride: Int? = nil, pixels: [UInt8]) {
        let s = stride ?? width
        precondition(width > 0 && height > 0 && s >= width, "bad image geometry \(width)x\(height) stride \(s)")
        precondition(pixels.count >= s * height, "pixel buffer too small for \(width)x\(height)")
        self.width = width
        self.height = height
        self.stride = s
        self.pixels = pixels
    }

    /// A uniform image, for tests and synthetic scenes.
    public init(width: Int, height: Int, fill: UInt8) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: fill, count: width * height))
    }

    @inlinable public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * stride + x] }
        set { pixels[y * stride + x] = newValue }
    }

    @inlinable public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }
}
