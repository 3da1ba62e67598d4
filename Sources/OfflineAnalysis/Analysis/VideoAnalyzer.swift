public import MarkerTracker
public import CaptureKit

/// Runs one camera's processing over a recorded video, frame by frame: the same tracker, angles,
/// gait events and stride metrics as the live pipeline (`ViewProcessor`), then the zero-lag
/// filter over the whole angle series. `gaitlive analyze` uses it on a Y4M file; importing a
/// video into a session (`gaitlive import`) can feed it frames from anywhere.
///
/// Frame times are the frame number over the frame rate (files carry no capture timestamps).
/// Side view: which leg carries the markers follows from the running direction (facing image
/// right = the runner's right side, an unmirrored camera) unless it is given.
public struct VideoAnalyzer: Sendable {
    /// What to assume about the video and the athlete.
    public struct Options: Sendable {
        public var view: CameraView
        /// Side view: the leg carrying the markers; nil = from the running direction.
        public var markerSide: BodySide?
        /// Greater trochanter to floor, centimetres (for centimetres and the rear toe-off).
        public var legLengthCm: Double?
        /// Belt incline during the video, percent.
        public var inclinePercent: Double
        public var calibration: SideCalibration

        public init(view: CameraView, markerSide: BodySide? = nil, legLengthCm: Double? = nil,
                    inclinePercent: Double = 0, calibration: SideCalibration = .none) {
            self.view = view
            self.markerSide = markerSide
            self.legLengthCm = legLengthCm
            self.inclinePercent = inclinePercent
            self.calibration = calibration
        }
    }

    public let options: Options
    public let framesPerSecond: Double
    var processor: ViewProcessor
    var frames: [VideoAnalysis.FrameResult] = []
    var events: [GaitEvent] = []
    var strides: [StrideMetrics] = []
    var leftOut: [LeftOutStride] = []
    var forwardVotes = 0.0

    public init(options: Options, framesPerSecond: Double) {
        self.options = options
        self.framesPerSecond = framesPerSecond
        processor = ViewProcessor(view: options.view, markerSide: options.markerSide ?? .right,
                                  calibration: options.calibration, legLengthCm: options.legLengthCm,
                                  framesPerSecond: framesPerSecond, clockOrigin: 0)
    }

    /// The timestamp gaitlive gives frame `n` of a file.
    public func timestamp(ofFrame n: Int) -> UInt64 {
        UInt64((Double(n) / framesPerSecond * 1e9).rounded())
    }

    /// Processes the next frame (its `timestampNanoseconds` should come from `timestamp(ofFrame:)`).
    @discardableResult
    public mutating func add(_ frame: Frame) -> ProcessedFrame {
        let p = processor.process(frame, inclinePercent: options.inclinePercent)
        forwardVotes += p.tracked.forward
        frames.append(VideoAnalysis.FrameResult(frame: p.streamIndex, time: Double(p.frame.timestampNanoseconds) / 1e9,
                                                status: p.tracked.status, markers: p.tracked.markers,
                                                rawAngles: p.angles, angles: p.angles, reason: p.tracked.reason))
        events.append(contentsOf: p.events)
        strides.append(contentsOf: p.strides)
        leftOut.append(contentsOf: p.leftOut)
        return p
    }

    /// The finished analysis: zero-lag filtered angles, events and strides (relabelled to the
    /// leg the side camera saw), and the per-side summary.
    public func finish() -> VideoAnalysis {
        var result = VideoAnalysis(view: options.view, framesPerSecond: framesPerSecond, frames: frames,
                                   events: events, strides: strides)
        result.leftOut = leftOut
        let filtered = AngleSeriesFilter(sampleRateHz: framesPerSecond)(frames.map(\.rawAngles))
        for i in result.frames.indices { result.frames[i].angles = filtered[i] }
        if options.view == .side && options.markerSide == nil && forwardVotes < 0 {
            // Runner facing image left: the camera saw the left leg.
            for i in result.events.indices { result.events[i].side = .left }
            for i in result.strides.indices { result.strides[i].side = .left }
            for i in result.leftOut.indices { result.leftOut[i].side = .left }
        }
        if options.view == .side { result.markerSide = options.markerSide ?? (forwardVotes < 0 ? .left : .right) }
        return result
    }
}
