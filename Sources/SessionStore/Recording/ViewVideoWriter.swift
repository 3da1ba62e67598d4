import Glibc
public import CaptureKit

/// One view's video in a stage, as the session writer appends to it: raw Y4M (`--video raw`,
/// format v1) or JPEG pictures in Matroska (format v2). Used on the recorder thread only.
///
/// For Matroska a frame that came compressed (an MJPEG camera's bytes, or a picture encoded
/// ahead of time) is stored verbatim; any other frame is encoded here with libjpeg-turbo
/// (`JPEGEncoder`): grey for a monochrome recording, 4:2:0 colour when the recording is in colour
/// and the frame has chroma.
final class ViewVideoWriter {
    enum Container {
        case y4m(Y4MWriter)
        case matroska(MatroskaWriter, JPEGEncoder)
    }

    let container: Container
    /// Size, rate and colour of the recording.
    let header: Y4MHeader
    let path: String
    /// Frames stored as they came (compressed) and frames encoded here.
    private(set) var storedAsSent = 0
    private(set) var encoded = 0

    init(path: String, header: Y4MHeader, storage: VideoStorage, trackName: String, software: String,
         limit: WriteLimit?) throws(SystemError) {
        self.path = path
        self.header = header
        switch storage {
        case .raw:
            container = .y4m(try Y4MWriter(creating: path, header: header, limit: limit))
        case .jpeg(let quality):
            let encoder: JPEGEncoder
            do {
                encoder = try JPEGEncoder(quality: quality)
            } catch {
                throw SystemError.problem("cannot start the JPEG encoder: \(error)", path: path, errno: EINVAL)
            }
            let track = MatroskaWriter.Track(width: header.width, height: header.height,
                                             framesPerSecond: header.framesPerSecond, name: trackName)
            container = .matroska(try MatroskaWriter(creating: path, track: track, software: software, limit: limit), encoder)
        }
    }

    var output: FileOutput {
        switch container {
        case .y4m(let w): w.output
        case .matroska(let w, _): w.output
        }
    }

    var isCompressed: Bool {
        if case .matroska = container { return true }
        return false
    }

    /// The bytes that will be stored for `frame`: its JPEG (the frame's own when it came
    /// compressed, else encoded now) for Matroska; nil for Y4M (the planes are written directly).
    func picture(for frame: Frame) throws(SystemError) -> [UInt8]? {
        guard case .matroska(_, let encoder) = container else { return nil }
        if let jpeg = frame.compressed { return jpeg }
        do {
            return try encoder.encode(frame, grey: !header.colour.hasChroma)
        } catch {
            throw SystemError.problem("cannot encode frame \(frame.sequence): \(error)", path: path, errno: EIO)
        }
    }

    /// True if appending would hand buffered bytes to the kernel (the tables go first).
    func willWrite(_ picture: [UInt8]?) -> Bool {
        switch container {
        case .y4m(let w): w.output.willWrite(adding: 6 + w.header.frameBytes)
        case .matroska(let w, _): w.willWrite(jpegBytes: picture?.count ?? 0)
        }
    }

    /// Appends the frame (Y4M) or its picture (Matroska); returns where a Matroska picture lies.
    func append(_ frame: Frame, picture: [UInt8]?) throws(SystemError) -> MatroskaWriter.Location? {
        switch container {
        case .y4m(let w):
            try w.append(frame)
            return nil
        case .matroska(let w, _):
            guard let picture else { preconditionFailure("a Matroska video needs the frame's JPEG") }
            let location = try w.append(jpeg: picture, timestampNanoseconds: frame.timestampNanoseconds)
            if frame.compressed != nil { storedAsSent += 1 } else { encoded += 1 }
            return location
        }
    }
}
