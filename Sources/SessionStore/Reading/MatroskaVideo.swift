public import MarkerTracker
public import CaptureKit
import Synchronization

/// A Matroska MJPEG video opened for random access: session video v2 in review, export and
/// analysis, and MJPEG `.mkv` files given to `gaitlive analyze`.
///
/// Where frame `n`'s JPEG lies comes from the session's frame index (`video_offset`,
/// `video_bytes`: one cached table row), or, for a file without one, from one scan of its clusters
/// on open (`MatroskaReader.scan`). Reading a frame is one `pread` of the picture and the four
/// block bytes before it (which must be gaitlive's block prefix, so an index that does not match
/// the file is an error naming both) and one libjpeg-turbo decode (`JPEGDecoder`, behind a lock:
/// the review's prefetch and drawing threads share a view).
public final class MatroskaVideo: RecordedVideo {
    public let path: String
    public let width: Int
    public let height: Int
    public let framesPerSecond: Double
    public let frameCount: Int
    public let trailingBytes: Int
    public let reader: MatroskaReader
    public let hasChroma: Bool
    public var taggedView: CameraView? { reader.track.name.flatMap(CameraView.init(rawValue:)) }
    private let locations: Locations
    /// Used only under `decoding` (TurboJPEG handles are not thread-safe).
    nonisolated(unsafe) private let decoder: JPEGDecoder
    private let decoding = Mutex(())

    /// Where the pictures are: the frame index's columns, or a scan.
    enum Locations: Sendable {
        case index(FrameTable, offset: Int, bytes: Int)
        case scanned([MatroskaReader.Block])
    }

    /// Opens `path`; with `index` (a frame table holding `video_offset` and `video_bytes`) frames
    /// are found through it, otherwise the file is scanned once.
    public init(path: String, index: FrameTable? = nil) throws {
        self.path = path
        reader = try MatroskaReader(path: path)
        let t = reader.track
        guard t.codecID == MatroskaWriter.codecID else {
            throw MatroskaReader.FormatError(path: path, problem: "video codec '\(t.codecID)' is not MJPEG (V_MJPEG)")
        }
        width = t.width
        height = t.height
        framesPerSecond = t.framesPerSecond ?? 0
        do {
            decoder = try JPEGDecoder()
        } catch {
            throw MatroskaReader.FormatError(path: path, problem: "\(error)")
        }
        if let index, let o = index.column(MatroskaVideo.offsetColumn), let b = index.column(MatroskaVideo.bytesColumn) {
            locations = .index(index, offset: o, bytes: b)
            let size = reader.file.size
            // Rows are in file order: the whole frames are the rows whose picture ends in the file.
            func fits(_ n: Int) -> Bool {
                guard let r = try? index.row(n), let off = try? r.int(o), let len = try? r.int(b) else { return false }
                return off >= 4 && len > 0 && off + len <= size
            }
            var lo = 0, hi = index.rowCount
            while lo < hi {
                let mid = (lo + hi) / 2
                if fits(mid) { lo = mid + 1 } else { hi = mid }
            }
            frameCount = lo
            if lo > 0, let r = try? index.row(lo - 1), let off = try? r.int(o), let len = try? r.int(b) {
                trailingBytes = size - (off + len)
            } else {
                trailingBytes = 0
            }
        } else {
            let scan = try reader.scan()
            locations = .scanned(scan.blocks)
            frameCount = scan.blocks.count
            trailingBytes = scan.trailingBytes
        }
        // Colour or grey: the first picture's header says (before then no frame is read).
        var colour = false
        if frameCount > 0 {
            let loc: (Int, Int)?
            switch locations {
            case .scanned(let blocks): loc = (blocks[0].offset, blocks[0].bytes)
            case .index(let t, let o, let b):
                loc = (try? t.row(0)).flatMap { r in (try? r.int(o)).flatMap { off in (try? r.int(b)).map { (off, $0) } } }
            }
            if let (off, len) = loc, let bytes = try? reader.file.read(at: off, count: len),
               let h = try? decoder.header(bytes) {
                colour = !h.isGrey
            }
        }
        hasChroma = colour
    }

    /// The frame index columns that locate a picture in the video (session format v2).
    public static let offsetColumn = "video_offset"
    public static let bytesColumn = "video_bytes"

    /// Where frame `n`'s JPEG lies.
    public func location(of n: Int) throws -> MatroskaWriter.Location {
        precondition(n >= 0 && n < frameCount, "frame \(n) out of 0..<\(frameCount)")
        switch locations {
        case .scanned(let blocks):
            return MatroskaWriter.Location(offset: blocks[n].offset, bytes: blocks[n].bytes)
        case .index(let table, let o, let b):
            guard let r = try table.row(n) else {
                throw MatroskaReader.FormatError(path: table.path, problem: "no frame \(n)")
            }
            return MatroskaWriter.Location(offset: try r.int(o), bytes: try r.int(b))
        }
    }

    /// The JPEG bytes of frame `n`, as stored.
    public func jpeg(at n: Int) throws -> [UInt8] {
        let loc = try location(of: n)
        guard case .index = locations else { return try reader.file.read(at: loc.offset, count: loc.bytes) }
        let bytes = try reader.file.read(at: loc.offset - 4, count: loc.bytes + 4)
        guard bytes.count == loc.bytes + 4, bytes.prefix(4).elementsEqual(MatroskaWriter.blockPrefix) else {
            throw MatroskaReader.FormatError(path: path, problem:
                "frame \(n): the frame index points at byte \(loc.offset), where no picture starts")
        }
        return Array(bytes.dropFirst(4))
    }

    /// Decodes with the view's decoder, one caller at a time.
    private func decode<T>(_ body: (JPEGDecoder) throws(JPEGError) -> T) throws(JPEGError) -> T {
        var result: Result<T, JPEGError>?
        decoding.withLock { _ in
            do throws(JPEGError) { result = .success(try body(decoder)) } catch { result = .failure(error) }
        }
        return try result!.get()
    }

    public func luma(at n: Int) throws -> LumaImage {
        let jpeg = try jpeg(at: n)
        do {
            let luma = try decode { d throws(JPEGError) in try d.luma(jpeg) }
            guard luma.width == width, luma.height == height else {
                throw MatroskaReader.FormatError(path: path, problem:
                    "frame \(n) is \(luma.width)x\(luma.height), the track says \(width)x\(height)")
            }
            return luma
        } catch let e as JPEGError {
            throw MatroskaReader.FormatError(path: path, problem: "frame \(n): \(e)")
        }
    }

    public func frame(at n: Int, view: CameraView, sequence: UInt32, timestampNanoseconds: UInt64) throws -> Frame {
        let jpeg = try jpeg(at: n)
        do {
            let (luma, chroma) = try decode { d throws(JPEGError) in try d.planes(jpeg) }
            guard luma.width == width, luma.height == height else {
                throw MatroskaReader.FormatError(path: path, problem:
                    "frame \(n) is \(luma.width)x\(luma.height), the track says \(width)x\(height)")
            }
            return Frame(view: view, sequence: sequence, timestampNanoseconds: timestampNanoseconds, luma: luma,
                         chroma: chroma, compressed: jpeg)
        } catch let e as JPEGError {
            throw MatroskaReader.FormatError(path: path, problem: "frame \(n): \(e)")
        }
    }
}
