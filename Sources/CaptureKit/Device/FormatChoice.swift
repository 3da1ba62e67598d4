/// Picks the capture format for a requested size and frame rate from what a camera offers.
///
/// Order of preference: the requested size exactly; then the frame rate (the requested one, or
/// the fastest up to 120 fps when none was asked for); then the format cheapest to track
/// (GREY, then packed YUV, then planar YUV, then MJPEG, which must be decoded). So MJPEG is chosen
/// only where the camera offers the rate compressed and not raw, as UVC cameras do at high rates.
public struct FormatChoice: Sendable, Equatable {
    public var pixelFormat: PixelFormat
    public var width: Int
    public var height: Int
    /// The interval to ask for, nil when the camera lists none at this size.
    public var interval: FrameInterval?

    public init(pixelFormat: PixelFormat, width: Int, height: Int, interval: FrameInterval?) {
        self.pixelFormat = pixelFormat
        self.width = width
        self.height = height
        self.interval = interval
    }

    /// The rate used when none is asked for: the fastest offered, up to this.
    public static let defaultMaximumFps = 120.0

    /// Cheapest to turn into a luma plane first.
    static func rank(_ f: PixelFormat) -> Int {
        switch f {
        case .grey: 0
        case .yuyv, .uyvy: 1
        case .nv12, .nv21: 2
        case .yu12, .yv12: 3
        case .mjpeg, .jpeg: 4
        default: 9
        }
    }

    /// The best choice, or why there is none: `NegotiationError` lists what the camera offers.
    public static func choose(from formats: [FormatDescription], width: Int, height: Int, fps: Double?,
                              only: PixelFormat? = nil, device: String) throws(NegotiationError) -> FormatChoice {
        let usable = formats.filter { $0.pixelFormat.isSupported && (only == nil || $0.pixelFormat == only) }
        guard !usable.isEmpty else {
            throw NegotiationError(device: device, problem: only.map { "does not offer \($0)" }
                                   ?? "offers no format gaitlive can read", formats: formats, width: width, height: height)
        }
        let atSize = usable.flatMap { f in
            f.sizes.filter { $0.width == width && $0.height == height }.map { (f.pixelFormat, $0) }
        }
        guard !atSize.isEmpty else {
            throw NegotiationError(device: device, problem: "does not offer \(width)x\(height)", formats: usable,
                                   width: width, height: height)
        }
        let wanted = fps ?? defaultMaximumFps
        // The fastest interval not faster than wanted (within 1%: 29.97 counts as 30).
        func best(_ s: FormatDescription.Size) -> FrameInterval? {
            s.intervals.filter { $0.framesPerSecond <= wanted * 1.01 }.max { $0.framesPerSecond < $1.framesPerSecond }
        }
        var candidates: [(PixelFormat, FormatDescription.Size, FrameInterval?)] = atSize.map { ($0.0, $0.1, best($0.1)) }
        if let fps {
            candidates = candidates.filter { c in
                c.2.map { $0.framesPerSecond >= fps * 0.99 } ?? c.1.intervals.isEmpty
            }
            guard !candidates.isEmpty else {
                throw NegotiationError(device: device, problem: "does not offer \(width)x\(height) at \(FrameInterval(framesPerSecond: fps)) fps",
                                       formats: usable, width: width, height: height)
            }
        }
        candidates.sort { a, b in
            let fa = a.2?.framesPerSecond ?? 0, fb = b.2?.framesPerSecond ?? 0
            if abs(fa - fb) > 0.5 { return fa > fb }
            return rank(a.0) < rank(b.0)
        }
        let c = candidates[0]
        return FormatChoice(pixelFormat: c.0, width: width, height: height, interval: c.2)
    }
}
