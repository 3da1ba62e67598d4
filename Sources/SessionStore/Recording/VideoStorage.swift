/// How a session stores each camera's pictures (`--video`, `--jpeg-quality`).
///
/// `.jpeg` (the default, session format v2): MJPEG in Matroska, `<view>.mkv`; frames from an
/// MJPEG camera are stored as the camera sent them, others are encoded by libjpeg-turbo on the
/// recorder thread at `quality`. `.raw` (format v1, for research): uncompressed Y4M, `<view>.y4m`.
public enum VideoStorage: Sendable, Equatable {
    case raw
    case jpeg(quality: Int)

    /// The lowest quality that keeps every picture of the simulated runner's 640x480 frames within
    /// issue #15's budgets with a margin: worst luma PSNR 40.8 dB (>= 40), 1/62 of the raw bytes
    /// (<= 1/15), LED centres within 0.034 px RMS of the raw frame's (<= 0.05). Quality 20 just
    /// misses (40.01 dB, 0.051 px). Sweep: RecordingQualityTests, docs/performance.md.
    public static let defaultJPEGQuality = 30

    public static let `default` = VideoStorage.jpeg(quality: defaultJPEGQuality)

    public var isCompressed: Bool { self != .raw }

    /// The file name of a view's video in a stage directory.
    public func videoName(_ view: String) -> String {
        isCompressed ? SessionLayout.compressedVideo(view) : SessionLayout.video(view)
    }
}
