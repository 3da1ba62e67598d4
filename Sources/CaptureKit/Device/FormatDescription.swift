/// One pixel format a camera offers, with every frame size and the frame rates at each size
/// (`VIDIOC_ENUM_FMT`, `VIDIOC_ENUM_FRAMESIZES`, `VIDIOC_ENUM_FRAMEINTERVALS`).
public struct FormatDescription: Sendable, Hashable, Codable {
    /// One frame size and the frame intervals offered at it, fastest first.
    public struct Size: Sendable, Hashable, Codable {
        public var width: Int
        public var height: Int
        /// Discrete intervals, fastest first. A continuous or stepwise range is listed by its
        /// fastest and slowest end.
        public var intervals: [FrameInterval]

        public init(width: Int, height: Int, intervals: [FrameInterval]) {
            self.width = width
            self.height = height
            self.intervals = intervals.sorted()
        }

        public var fastest: Double { intervals.map(\.framesPerSecond).max() ?? 0 }
    }

    public var pixelFormat: PixelFormat
    /// The driver's name for it ("YUYV 4:2:2", "Motion-JPEG").
    public var name: String
    public var compressed: Bool
    public var sizes: [Size]

    public init(pixelFormat: PixelFormat, name: String, compressed: Bool, sizes: [Size]) {
        self.pixelFormat = pixelFormat
        self.name = name
        self.compressed = compressed
        self.sizes = sizes
    }
}
