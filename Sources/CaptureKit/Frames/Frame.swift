public import MarkerTracker

/// One captured picture from one camera, with the kernel's timing for it.
///
/// `timestampNanoseconds` is CLOCK_MONOTONIC (what V4L2 stamps buffers with; simulated cameras
/// use the same clock or, when not paced, a synthetic one); `sequence` is the driver's frame
/// counter, whose gaps are dropped frames. The luma plane is what the tracker reads; 4:2:0
/// chroma is kept when the camera gave colour, so recordings stay in colour.
public struct Frame: Sendable {
    public var view: CameraView
    public var sequence: UInt32
    public var timestampNanoseconds: UInt64
    public var luma: LumaImage
    /// Cb and Cr planes at half width and height (4:2:0), or nil for monochrome.
    public var chroma: ChromaPlanes?
    /// Exact marker positions, angles and events, for frames from the simulated runner.
    public var truth: FrameTruth?
    /// The picture as one JPEG, when it came compressed: an MJPEG camera's bytes as it sent them
    /// (set by `V4L2Camera`), a frame read from a compressed recording, or one encoded ahead of
    /// time. The recorder stores these bytes verbatim in a compressed session video; the luma
    /// (decoded from them) is what the tracker reads.
    public var compressed: [UInt8]?

    public init(view: CameraView, sequence: UInt32, timestampNanoseconds: UInt64, luma: LumaImage,
                chroma: ChromaPlanes? = nil, truth: FrameTruth? = nil, compressed: [UInt8]? = nil) {
        self.view = view
        self.sequence = sequence
        self.timestampNanoseconds = timestampNanoseconds
        self.luma = luma
        self.chroma = chroma
        self.truth = truth
        self.compressed = compressed
    }

    public var width: Int { luma.width }
    public var height: Int { luma.height }
}

/// The two chroma planes of a 4:2:0 picture, each (width+1)/2 x (height+1)/2, rows packed.
public struct ChromaPlanes: Sendable {
    public var cb: [UInt8]
    public var cr: [UInt8]

    public init(cb: [UInt8], cr: [UInt8]) {
        self.cb = cb
        self.cr = cr
    }
}
