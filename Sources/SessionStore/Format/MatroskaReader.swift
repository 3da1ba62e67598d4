/// Reads the structure of a Matroska video: its video track and where each picture's bytes lie.
/// Session video v2 (gaitlive's own `.mkv`) and MJPEG Matroska files from other tools.
///
/// Opening reads the EBML header and the Segment's elements up to the first Cluster (Info,
/// Tracks); `scan()` walks the Clusters once and lists every whole block of the video track, with
/// its timestamp. Sizes may be unknown (a live-written Segment or Cluster: it ends where its
/// parent or the file does). A file cut inside a block (a crash) ends at the last whole block;
/// anything malformed is a `FormatError` naming the file and the byte, never a crash (fuzzed by
/// scripts/fuzz-readers). Laced blocks (several pictures in one) are not read.
public final class MatroskaReader: @unchecked Sendable {
    /// The video track as declared.
    public struct Track: Sendable, Equatable {
        public var number: UInt64
        public var codecID: String
        public var width: Int
        public var height: Int
        /// From `DefaultDuration`; nil when the file does not say.
        public var framesPerSecond: Double?
        public var name: String?
    }

    /// One picture: its data's offset and size in the file, its time from the Segment's start.
    public struct Block: Sendable, Equatable {
        public var offset: Int
        public var bytes: Int
        public var timestampNanoseconds: Int64
    }

    /// Why a file cannot be read as Matroska video; `description` names the file.
    public struct FormatError: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
    }

    public let path: String
    public let file: FileInput
    public let track: Track
    /// Nanoseconds per timestamp tick.
    public let timestampScale: UInt64
    /// Offset of the first Cluster (or the end of the Segment's header elements).
    let clustersStart: Int
    let segmentEnd: Int

    /// An element's ID, the offset of its body and its size (nil: unknown).
    struct Element {
        var id: UInt32
        var start: Int
        var body: Int
        var size: Int?
        var end: Int? { size.map { body + $0 } }
    }

    public convenience init(path: String) throws {
        try self.init(file: try FileInput(path: path))
    }

    public init(file: FileInput) throws {
        self.file = file
        path = file.path
        let reader = ElementReader(file: file)
        guard let ebml = try reader.element(at: 0, limit: file.size), ebml.id == MatroskaID.ebml, let ebmlEnd = ebml.end,
              ebmlEnd <= file.size else {
            throw FormatError(path: file.path, problem: "not a Matroska file (no EBML header)")
        }
        var docType = "matroska"
        try reader.children(of: ebml) { e in
            if e.id == MatroskaID.docType { docType = try reader.string(e) }
            return true
        }
        guard docType == "matroska" || docType == "webm" else {
            throw FormatError(path: file.path, problem: "EBML document type '\(docType)' is not Matroska")
        }
        guard let segment = try reader.element(at: ebmlEnd, limit: file.size), segment.id == MatroskaID.segment else {
            throw FormatError(path: file.path, problem: "no Matroska Segment after the EBML header")
        }
        segmentEnd = min(file.size, segment.end ?? file.size)
        var scale: UInt64 = 1_000_000
        var tracks: [Track] = []
        var pos = segment.body
        var firstCluster: Int?
        while pos < segmentEnd {
            guard let e = try reader.element(at: pos, limit: segmentEnd) else { break }
            if e.id == MatroskaID.cluster {
                firstCluster = pos
                break
            }
            guard let end = e.end else {
                throw FormatError(path: file.path, problem: "element 0x\(String(e.id, radix: 16)) at byte \(pos) has an unknown size")
            }
            if end > segmentEnd { break }
            if e.id == MatroskaID.info {
                try reader.children(of: e) { c in
                    if c.id == MatroskaID.timestampScale { scale = try reader.uint(c) }
                    return true
                }
            } else if e.id == MatroskaID.tracks {
                try reader.children(of: e) { t in
                    if t.id == MatroskaID.trackEntry, let track = try MatroskaReader.track(t, reader: reader) {
                        tracks.append(track)
                    }
                    return true
                }
            }
            pos = end
        }
        guard scale > 0 else { throw FormatError(path: file.path, problem: "TimestampScale is 0") }
        guard let video = tracks.first else {
            throw FormatError(path: file.path, problem: "no video track")
        }
        track = video
        timestampScale = scale
        clustersStart = firstCluster ?? pos
    }

    /// A TrackEntry's video track, nil for other kinds of track.
    static func track(_ entry: Element, reader: ElementReader) throws -> Track? {
        var number: UInt64 = 0, type: UInt64 = 0, codec = "", width = 0, height = 0
        var duration: UInt64?, name: String?
        try reader.children(of: entry) { c in
            switch c.id {
            case MatroskaID.trackNumber: number = try reader.uint(c)
            case MatroskaID.trackType: type = try reader.uint(c)
            case MatroskaID.codecID: codec = try reader.string(c)
            case MatroskaID.defaultDuration: duration = try reader.uint(c)
            case MatroskaID.name: name = try reader.string(c)
            case MatroskaID.video:
                try reader.children(of: c) { v in
                    if v.id == MatroskaID.pixelWidth { width = Int(clamping: try reader.uint(v)) }
                    if v.id == MatroskaID.pixelHeight { height = Int(clamping: try reader.uint(v)) }
                    return true
                }
            default: break
            }
            return true
        }
        guard type == 1 else { return nil }
        guard number > 0, width > 0, height > 0, width <= 16384, height <= 16384 else {
            throw FormatError(path: reader.file.path, problem: "video track \(number) has no usable size (\(width)x\(height))")
        }
        let fps = duration.flatMap { $0 > 0 ? MatroskaReader.rate(frameDurationNanoseconds: $0) : nil }
        return Track(number: number, codecID: codec, width: width, height: height, framesPerSecond: fps, name: name)
    }

    /// Frames per second from a frame duration in whole nanoseconds, snapped to the rate it was
    /// rounded from when that is a whole or an NTSC (x 1000/1001) rate: 8,333,333 ns is 120.
    static func rate(frameDurationNanoseconds d: UInt64) -> Double {
        let fps = 1e9 / Double(d)
        let whole = fps.rounded()
        if whole > 0, abs(1e9 / whole - Double(d)) <= 1 { return whole }
        for base in [24.0, 30.0, 48.0, 60.0, 120.0, 240.0] {
            let ntsc = base * 1000 / 1001
            if abs(1e9 / ntsc - Double(d)) <= 1 { return ntsc }
        }
        return fps
    }

    /// What `scan` found: the video track's whole blocks, and the bytes after the last whole
    /// element (a cluster cut by a crash), 0 for a file closed cleanly.
    public struct Scan: Sendable {
        public var blocks: [Block]
        public var trailingBytes: Int
    }

    /// Walks every Cluster once and lists the video track's blocks in file order.
    public func scan() throws -> Scan {
        let reader = ElementReader(file: file)
        var blocks: [Block] = []
        var pos = clustersStart
        var wholeEnd = clustersStart
        segmentLoop: while pos < segmentEnd {
            guard let e = try reader.element(at: pos, limit: segmentEnd) else { break }
            if e.id != MatroskaID.cluster {
                guard let end = e.end, end <= segmentEnd else { break }
                pos = end
                wholeEnd = end
                continue
            }
            let clusterEnd = min(e.end ?? segmentEnd, segmentEnd)
            var clusterTime: UInt64 = 0
            var p = e.body
            while p < clusterEnd {
                guard let c = try reader.element(at: p, limit: clusterEnd) else { break segmentLoop }
                if e.size == nil, MatroskaID.segmentChildren.contains(c.id) { break }
                guard let end = c.end else {
                    throw FormatError(path: path, problem: "element 0x\(String(c.id, radix: 16)) at byte \(p) has an unknown size")
                }
                if end > clusterEnd { break segmentLoop }   // cut by the end of the file
                switch c.id {
                case MatroskaID.clusterTimestamp:
                    clusterTime = try reader.uint(c)
                case MatroskaID.simpleBlock:
                    if let b = try block(c, clusterTime: clusterTime, reader: reader) { blocks.append(b) }
                case MatroskaID.blockGroup:
                    try reader.children(of: c) { g in
                        if g.id == MatroskaID.block, let b = try block(g, clusterTime: clusterTime, reader: reader) {
                            blocks.append(b)
                        }
                        return true
                    }
                default:
                    break
                }
                p = end
                wholeEnd = end
            }
            pos = e.size == nil ? p : clusterEnd
            if e.size != nil { wholeEnd = clusterEnd }
        }
        return Scan(blocks: blocks, trailingBytes: max(0, min(file.size, segmentEnd) - wholeEnd))
    }

    /// A (Simple)Block of the video track: track number, 16-bit relative time, flags, data.
    func block(_ e: Element, clusterTime: UInt64, reader: ElementReader) throws -> Block? {
        guard let size = e.size, size >= 4 else {
            throw FormatError(path: path, problem: "block at byte \(e.start) is too short")
        }
        let head = try reader.bytes(at: e.body, count: min(size, 12))
        guard let (number, length) = ElementReader.vint(head, 0, keepMarker: false), length <= 8, size >= length + 3 else {
            throw FormatError(path: path, problem: "block at byte \(e.start) has no track number")
        }
        guard number == track.number else { return nil }
        let s = head.startIndex + length
        let relative = Int16(bitPattern: UInt16(head[s]) << 8 | UInt16(head[s + 1]))
        let flags = head[s + 2]
        guard flags & 0x06 == 0 else {
            throw FormatError(path: path, problem: "block at byte \(e.start) is laced (several pictures in one block)")
        }
        let ticks = Int64(clamping: clusterTime) &+ Int64(relative)
        return Block(offset: e.body + length + 3, bytes: size - length - 3,
                     timestampNanoseconds: ticks.multipliedReportingOverflow(by: Int64(clamping: timestampScale)).partialValue)
    }

    /// Reads element headers and small values, with a small window over the file.
    final class ElementReader {
        let file: FileInput
        var windowStart = 0
        var window: [UInt8] = []

        init(file: FileInput) { self.file = file }

        func bytes(at p: Int, count: Int) throws -> ArraySlice<UInt8> {
            if p >= windowStart, p + count <= windowStart + window.count {
                return window[(p - windowStart)..<(p - windowStart + count)]
            }
            window = try file.read(at: p, count: max(count, min(4096, file.size - p)))
            windowStart = p
            return window[0..<min(count, window.count)]
        }

        /// A variable-length integer at `i`: its value (marker removed unless `keepMarker`) and length.
        static func vint(_ b: ArraySlice<UInt8>, _ i: Int, keepMarker: Bool) -> (UInt64, Int)? {
            let s = b.startIndex + i
            guard s < b.endIndex, b[s] != 0 else { return nil }
            let length = b[s].leadingZeroBitCount + 1
            guard s + length <= b.endIndex else { return nil }
            var v = UInt64(keepMarker ? b[s] : b[s] & (0xFF >> length))
            for k in 1..<length { v = v << 8 | UInt64(b[s + k]) }
            return (v, length)
        }

        /// The element at `p` (nil when its header does not fit before `limit`).
        func element(at p: Int, limit: Int) throws -> Element? {
            guard p < limit else { return nil }
            let head = try bytes(at: p, count: min(12, limit - p))
            guard let (id, idLength) = ElementReader.vint(head, 0, keepMarker: true) else {
                if head.count < 12 { return nil }
                throw FormatError(path: file.path, problem: "no element ID at byte \(p)")
            }
            guard idLength <= 4 else { throw FormatError(path: file.path, problem: "element ID longer than 4 bytes at byte \(p)") }
            guard let (size, sizeLength) = ElementReader.vint(head, idLength, keepMarker: false) else {
                if head.count < 12 { return nil }
                throw FormatError(path: file.path, problem: "no element size at byte \(p)")
            }
            let unknown = size == (UInt64(1) << (7 * UInt64(sizeLength))) - 1
            guard unknown || size < UInt64(Int.max / 2) else {
                throw FormatError(path: file.path, problem: "element size \(size) at byte \(p) is impossible")
            }
            return Element(id: UInt32(id), start: p, body: p + idLength + sizeLength, size: unknown ? nil : Int(size))
        }

        /// Calls `body` for each child of a master element of known size, in order.
        func children(of e: Element, _ body: (Element) throws -> Bool) throws {
            guard let end = e.end else {
                throw FormatError(path: file.path, problem: "element 0x\(String(e.id, radix: 16)) at byte \(e.start) has an unknown size")
            }
            guard end <= file.size else {
                throw FormatError(path: file.path, problem: "element at byte \(e.start) runs past the end of the file")
            }
            var p = e.body
            while p < end {
                guard let c = try element(at: p, limit: end), let cEnd = c.end, cEnd <= end else {
                    throw FormatError(path: file.path, problem: "malformed element at byte \(p)")
                }
                guard try body(c) else { return }
                p = cEnd
            }
        }

        func uint(_ e: Element) throws -> UInt64 {
            guard let size = e.size, size <= 8 else {
                throw FormatError(path: file.path, problem: "integer at byte \(e.start) is longer than 8 bytes")
            }
            var v: UInt64 = 0
            for b in try bytes(at: e.body, count: size) { v = v << 8 | UInt64(b) }
            return v
        }

        func string(_ e: Element) throws -> String {
            guard let size = e.size, size <= 4096 else {
                throw FormatError(path: file.path, problem: "text at byte \(e.start) is too long")
            }
            let b = try bytes(at: e.body, count: size)
            return String(decoding: b.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
