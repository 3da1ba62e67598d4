public import MarkerTracker
public import CaptureKit

/// One recorded video opened for random access, whatever holds it: a Y4M file (session format
/// v1, `--video raw`) or MJPEG in Matroska (v2). What review, export, analysis, recovery and the
/// read-back check read pictures through.
///
/// Frame `n` is reached in O(1): a computed offset in a Y4M file, an offset from the frame index
/// (or one scan) in a Matroska file, then one `pread` and, for JPEG, one decode.
public protocol RecordedVideo: AnyObject, Sendable {
    var path: String { get }
    var width: Int { get }
    var height: Int { get }
    /// The nominal rate the file declares (the true timing of each frame is in the frame index).
    var framesPerSecond: Double { get }
    /// Whole frames in the file (a picture cut by a crash is not one).
    var frameCount: Int { get }
    /// Bytes after the last whole frame (left by a crash), 0 for a file closed cleanly.
    var trailingBytes: Int { get }
    /// Whether the pictures are in colour (4:2:0 chroma), as the file says or its first picture.
    var hasChroma: Bool { get }
    /// The camera the file says filmed it (a Y4M `XGAITLIVE_VIEW=` comment, a Matroska track
    /// name), if any.
    var taggedView: CameraView? { get }
    /// The luma plane of frame `n` (0-based, below `frameCount`).
    func luma(at n: Int) throws -> LumaImage
    /// Frame `n` with its chroma when it has any, stamped with the given timing.
    func frame(at n: Int, view: CameraView, sequence: UInt32, timestampNanoseconds: UInt64) throws -> Frame
}

extension Y4MReader: RecordedVideo {
    public var width: Int { header.width }
    public var height: Int { header.height }
    public var framesPerSecond: Double { header.framesPerSecond }
    public var hasChroma: Bool { header.colour.hasChroma }
    public var taggedView: CameraView? {
        header.comments.first { $0.hasPrefix("GAITLIVE_VIEW=") }
            .flatMap { CameraView(rawValue: String($0.dropFirst("GAITLIVE_VIEW=".count))) }
    }
}

/// Opens a session's recorded videos by their file name: `.mkv` is Matroska (v2), anything else Y4M.
public enum RecordedVideos {
    /// Whether `path` names a Matroska video.
    public static func isMatroska(_ path: String) -> Bool { path.hasSuffix(".mkv") }

    /// Opens `path`; a Matroska video finds its pictures through `index` (the view's frame index,
    /// with `video_offset` and `video_bytes`) when given, else by scanning the file once.
    public static func open(_ path: String, index: FrameTable? = nil) throws -> any RecordedVideo {
        if isMatroska(path) { return try MatroskaVideo(path: path, index: index) }
        return try Y4MReader(path: path)
    }
}
