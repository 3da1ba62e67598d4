/// How a session stores each camera's pictures (`--video`, `--jpeg-quality`).
///
/// `.jpeg` (the default, session format v2): MJPEG in Matroska, `<view>.mkv`; frames from an
/// MJPEG camera are stored as the camera sent them, others are encoded by libjpeg-turbo on the
/// recorder thread at `quality`. `.raw` (format v1, for research): uncompressed Y4M, `<view>.y4m`.
public enum VideoStorage: Sendable, Equatable {
    case raw
    case jpeg(quality: Int)

    /// The lowest quality that keeps the simulated runner's frames within issue #15's budgets,
    /// with a margin, at 640x480 and at the 320x240 of the demos and tests: worst luma PSNR 41.8 dB
    /// at 640x480 and 40.8 dB at 320x240 (>= 40), 1/55 and 1/39 of the raw bytes (<= 1/15), LED
    /// centres within 0.022 and 0.037 px RMS of the raw frame's (<= 0.05). Quality 30 meets them at
    /// 640x480 (40.8 dB) but not at 320x240 (39.7 dB, 0.056 px). Sweep: RecordingQualityTests,
    /// docs/performance.md.
    public static let defaultJPEGQuality = 50

    public static let `default` = VideoStorage.jpeg(quality: defaultJPEGQuality)

    public var isCompressed: Bool { self != .raw }

    /// The file name of a view's video in a stage directory.
    public func videoName(_ view: String) -> String {
        isCompressed ? SessionLayout.compressedVideo(view) : SessionLayout.video(view)
    }
}
