import Foundation
import SessionStore

/// A video given to `gaitlive analyze` or `import`, made readable: a Y4M file or an MJPEG
/// Matroska file (gaitlive's own session video, or another tool's) is read as it is; anything
/// else ffmpeg reads (AVI, MP4, ...) is converted by ffmpeg to a 4:2:0 Y4M in a work directory.
enum VideoInput {
    /// `path` itself if gaitlive reads it directly; otherwise the Y4M ffmpeg made of it in `work`.
    static func readable(_ path: String, work: String, name: String) throws -> String {
        let input: FileInput
        do {
            input = try FileInput(path: path)
        } catch {
            throw Failure.badInput("\(error)")
        }
        if (try? input.read(at: 0, count: 10)) == Array("YUV4MPEG2 ".utf8) { return path }
        if path.hasSuffix(".y4m") { return path }   // a damaged Y4M gets the reader's own message
        // MJPEG in Matroska with a frame rate: read directly, the pictures are not re-encoded.
        // Other codecs in Matroska go through ffmpeg; a damaged .mkv gets the reader's message.
        do {
            let r = try MatroskaReader(path: path)
            if r.track.codecID == MatroskaWriter.codecID && (r.track.framesPerSecond ?? 0) > 0 { return path }
        } catch {
            if RecordedVideos.isMatroska(path) { return path }
        }
        guard let ffmpeg = ExportCommand.which("ffmpeg") else {
            throw Failure.badInput("\(path): not a YUV4MPEG2 or MJPEG Matroska file, and ffmpeg is not installed to convert it")
        }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let target = work + "/\(name).y4m"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ffmpeg)
        p.arguments = ["-nostdin", "-v", "error", "-i", path, "-an", "-pix_fmt", "yuv420p", "-f", "yuv4mpegpipe", target]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let first = String(decoding: message, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "unknown error"
            throw Failure.badInput("\(path): ffmpeg cannot read it as video: \(first)")
        }
        return target
    }
}
