public import MarkerTracker
public import CaptureKit

/// Reads any frame of a Y4M video in O(1): the review screen's and importer's video access.
///
/// The header is parsed once; frame offsets are computed from the fixed frame size when the file
/// uses bare `FRAME` lines (gaitlive's own files, ffmpeg's output), and found by one scan
/// otherwise. A truncated last frame (a recording cut by a crash) is not counted.
public final class Y4MReader: @unchecked Sendable {
    public let path: String
    public let header: Y4MHeader
    public let frameCount: Int
    /// Bytes after the last whole frame (a partial frame left by a crash), 0 for a clean file.
    public let trailingBytes: Int
    private let file: FileInput
    private let headerLength: Int
    /// Explicit offsets of each frame's data when FRAME lines carry parameters; empty otherwise.
    private let offsets: [Int]

    /// Why a Y4M file cannot be read; `description` names the file.
    public struct FormatError: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
    }

    public init(path: String) throws {
        self.path = path
        file = try FileInput(path: path)
        let head = try file.read(at: 0, count: min(file.size, 4096))
        guard let nl = head.firstIndex(of: 10) else {
            throw FormatError(path: path, problem: head.starts(with: Array("YUV4MPEG2".utf8))
                ? "truncated Y4M header (no end of line)" : "not a YUV4MPEG2 file (no YUV4MPEG2 signature)")
        }
        guard let line = String(validating: head[0..<nl], as: UTF8.self) else {
            throw FormatError(path: path, problem: "not a YUV4MPEG2 file (header is not text)")
        }
        do {
            header = try Y4MHeader(parsing: line)
        } catch {
            throw FormatError(path: path, problem: error.description)
        }
        headerLength = nl + 1
        let frameTag = Array("FRAME\n".utf8)
        let stride = frameTag.count + header.frameBytes
        let first = try file.read(at: headerLength, count: min(6, max(0, file.size - headerLength)))
        if file.size == headerLength {
            offsets = []
            frameCount = 0
            trailingBytes = 0
        } else if first.count < frameTag.count && frameTag.starts(with: first) {
            // Cut inside the first FRAME line (a crash right after the header): no whole frame.
            offsets = []
            frameCount = 0
            trailingBytes = file.size - headerLength
        } else if first == frameTag {
            offsets = []
            frameCount = (file.size - headerLength) / stride
            trailingBytes = (file.size - headerLength) % stride
        } else if first.starts(with: Array("FRAME".utf8)) {
            // FRAME lines with parameters: one scan for the offsets.
            var found: [Int] = []
            var pos = headerLength
            while pos < file.size {
                let probe = try file.read(at: pos, count: min(256, file.size - pos))
                // A FRAME line cut by the end of the file: a partial last frame, not corruption.
                if probe.firstIndex(of: 10) == nil, pos + probe.count == file.size,
                   Array("FRAME".utf8).starts(with: probe.prefix(5)) { break }
                guard probe.starts(with: Array("FRAME".utf8)), let e = probe.firstIndex(of: 10) else {
                    throw FormatError(path: path, problem: "corrupt Y4M frame header at byte \(pos)")
                }
                let data = pos + e + 1
                if data + header.frameBytes > file.size { break }
                found.append(data)
                pos = data + header.frameBytes
            }
            offsets = found
            frameCount = found.count
            let frameBytes = header.frameBytes
            trailingBytes = file.size - (found.last.map { $0 + frameBytes } ?? headerLength)
        } else {
            throw FormatError(path: path, problem: "corrupt Y4M data: expected FRAME after the header")
        }
    }

    private func dataOffset(_ n: Int) -> Int {
        offsets.isEmpty ? headerLength + n * (6 + header.frameBytes) + 6 : offsets[n]
    }

    /// The luma plane of frame `n` (0-based).
    public func luma(at n: Int) throws -> LumaImage {
        precondition(n >= 0 && n < frameCount, "frame \(n) out of 0..<\(frameCount)")
        if offsets.isEmpty {
            let tag = try file.read(at: dataOffset(n) - 6, count: 6)
            guard tag == Array("FRAME\n".utf8) else {
                throw FormatError(path: path, problem: "corrupt Y4M data: frame \(n) has no FRAME marker")
            }
        }
        let px = try file.read(at: dataOffset(n), count: header.width * header.height)
        return LumaImage(width: header.width, height: header.height, pixels: px)
    }

    /// Frame `n` as a `Frame` (luma and, for colour files, chroma), with the given timing.
    public func frame(at n: Int, view: CameraView, sequence: UInt32, timestampNanoseconds: UInt64) throws -> Frame {
        let luma = try luma(at: n)
        var chroma: ChromaPlanes?
        if header.colour.hasChroma {
            let c = ((header.width + 1) / 2) * ((header.height + 1) / 2)
            let both = try file.read(at: dataOffset(n) + header.width * header.height, count: 2 * c)
            chroma = ChromaPlanes(cb: Array(both[0..<c]), cr: Array(both[c..<(2 * c)]))
        }
        return Frame(view: view, sequence: sequence, timestampNanoseconds: timestampNanoseconds, luma: luma,
                     chroma: chroma)
    }
}
