public import ArgumentParser
import SessionStore

/// How a recording stores its video (`--video`, `--jpeg-quality`): the options of the commands
/// that record (`live`, `demo`, `import`).
struct RecordingOptions: ParsableArguments {
    /// `--video` values.
    enum Video: String, ExpressibleByArgument, CaseIterable {
        case jpeg
        case raw
    }

    @Option(name: .long, help: ArgumentHelp("""
        How the video is stored: jpeg (MJPEG in Matroska, <view>.mkv, session format 2; an MJPEG \
        camera's frames are kept as it sent them) or raw (uncompressed Y4M, <view>.y4m, about 60 \
        times larger, for research).
        """, valueName: "jpeg|raw"))
    var video: Video = .jpeg

    @Option(name: .long, help: ArgumentHelp(
        "JPEG quality of frames gaitlive encodes, 1-100 (default \(VideoStorage.defaultJPEGQuality): luma within 40 dB PSNR of the raw frame).",
        valueName: "1-100"))
    var jpegQuality: Int?

    func validate() throws {
        if let q = jpegQuality {
            guard (1...100).contains(q) else { throw ValidationError("--jpeg-quality must be 1 to 100 (got \(q))") }
            guard video == .jpeg else { throw ValidationError("--jpeg-quality applies to --video jpeg, not --video raw") }
        }
    }

    var storage: VideoStorage {
        video == .raw ? .raw : .jpeg(quality: jpegQuality ?? VideoStorage.defaultJPEGQuality)
    }
}
