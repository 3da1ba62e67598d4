public import MarkerTracker
public import CaptureKit
public import SessionStore

/// The result of analysing one camera's video: per-frame markers and angles, gait events,
/// per-stride metrics and their per-side summary. Produced by `VideoAnalyzer`; printed by
/// `gaitlive analyze` (docs/analyze-format.md).
public struct VideoAnalysis: Sendable {
    /// One frame's tracking result.
    public struct FrameResult: Sendable {
        public var frame: Int
        /// Seconds from the first frame.
        public var time: Double
        public var status: TrackingStatus
        /// Indexed like the view's `MarkerSet`; nil = missing.
        public var markers: MarkerFrame
        /// Angles from this frame's markers alone.
        public var rawAngles: AngleSet
        /// Angles after the zero-lag filter over the whole video.
        public var angles: AngleSet
        /// Why markers are missing, when the tracker knows (`TrackedFrame.reason`).
        public var reason: LabellingFailure? = nil
    }

    public var view: CameraView
    public var framesPerSecond: Double
    public var frames: [FrameResult]
    public var events: [GaitEvent]
    public var strides: [StrideMetrics]
    /// Strides not measured, and why (docs/metrics.md).
    public var leftOut: [LeftOutStride] = []
    /// Side view: the leg carrying the markers.
    public var markerSide: BodySide?

    public init(view: CameraView, framesPerSecond: Double, frames: [FrameResult], events: [GaitEvent],
                strides: [StrideMetrics], markerSide: BodySide? = nil) {
        self.view = view
        self.framesPerSecond = framesPerSecond
        self.frames = frames
        self.events = events
        self.strides = strides
        self.markerSide = markerSide
    }

    /// Per-side statistics of the stride metrics.
    public var summary: StageSummary {
        var s = StageSummary()
        for st in strides { s.add(st) }
        return s
    }

    /// Analyses every frame of a video (Y4M mono or 4:2:0, or MJPEG Matroska; the frame rate
    /// from its header). Throws the reader's errors, which name the file.
    public static func analyse(_ reader: any RecordedVideo, options: VideoAnalyzer.Options) throws -> VideoAnalysis {
        let fps = reader.framesPerSecond
        var analyzer = VideoAnalyzer(options: options, framesPerSecond: fps)
        for n in 0..<reader.frameCount {
            let luma = try reader.luma(at: n)
            analyzer.add(Frame(view: options.view, sequence: UInt32(truncatingIfNeeded: n),
                               timestampNanoseconds: analyzer.timestamp(ofFrame: n), luma: luma))
        }
        return analyzer.finish()
    }
}
