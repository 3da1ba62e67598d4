public import CaptureKit

/// Appends JPEG pictures to a Matroska video (`.mkv`, codec `V_MJPEG`) that ffmpeg, mpv, VLC and
/// Kinovea play as it is: session video v2.
///
/// Written append-only, never patched: the EBML header, a Segment of unknown size (it ends where
/// the file ends), the Info and one video track, then one Cluster per picture, each complete
/// (known size) with its timestamp and one SimpleBlock. A crash therefore leaves every whole
/// picture playable, and the file is valid after any whole cluster. Timestamps are microseconds
/// (`TimestampScale` 1000 ns) from the first picture. No Cues: players seek by scanning, review
/// seeks through gaitlive's own index (`append` returns where each picture's bytes lie).
public final class MatroskaWriter {
    /// What the track declares.
    public struct Track: Sendable, Equatable {
        public var width: Int
        public var height: Int
        /// Nominal rate (the true timing is each block's timestamp).
        public var framesPerSecond: Double
        /// Track name, e.g. "side".
        public var name: String
        public init(width: Int, height: Int, framesPerSecond: Double, name: String) {
            self.width = width
            self.height = height
            self.framesPerSecond = framesPerSecond
            self.name = name
        }
    }

    /// Where one picture's JPEG bytes lie in the file.
    public struct Location: Sendable, Equatable {
        public var offset: Int
        public var bytes: Int
        public init(offset: Int, bytes: Int) {
            self.offset = offset
            self.bytes = bytes
        }
    }

    public static let timestampScaleNanoseconds: UInt64 = 1000
    public static let codecID = "V_MJPEG"

    public let track: Track
    public let output: FileOutput
    public private(set) var frameCount = 0
    /// File size once everything appended is written (header included).
    public private(set) var size = 0
    private var firstTimestamp: UInt64?
    private var lastTicks: UInt64 = 0

    /// Creates `path` (never an existing file) and writes the header.
    public init(creating path: String, track: Track, software: String = "gaitlive", limit: WriteLimit? = nil)
        throws(SystemError) {
        self.track = track
        output = try FileOutput(creating: path, bufferLimit: 1 << 20, limit: limit)
        let header = MatroskaWriter.header(track, software: software)
        try output.write(header)
        size = header.count
    }

    /// EBML header, Segment start (unknown size), Info and Tracks.
    static func header(_ track: Track, software: String) -> [UInt8] {
        var e = EBMLBytes()
        e.master(MatroskaID.ebml) { h in
            h.uint(MatroskaID.ebmlVersion, 1)
            h.uint(MatroskaID.ebmlReadVersion, 1)
            h.uint(MatroskaID.ebmlMaxIDLength, 4)
            h.uint(MatroskaID.ebmlMaxSizeLength, 8)
            h.string(MatroskaID.docType, "matroska")
            h.uint(MatroskaID.docTypeVersion, 4)
            h.uint(MatroskaID.docTypeReadVersion, 2)
        }
        e.id(MatroskaID.segment)
        e.bytes += EBMLBytes.unknownSize
        e.master(MatroskaID.info) { i in
            i.uint(MatroskaID.timestampScale, timestampScaleNanoseconds)
            i.string(MatroskaID.muxingApp, software)
            i.string(MatroskaID.writingApp, software)
        }
        e.master(MatroskaID.tracks) { t in
            t.master(MatroskaID.trackEntry) { v in
                v.uint(MatroskaID.trackNumber, 1)
                v.uint(MatroskaID.trackUID, 1)
                v.uint(MatroskaID.trackType, 1)
                v.uint(MatroskaID.flagLacing, 0)
                if track.framesPerSecond > 0 {
                    v.uint(MatroskaID.defaultDuration, UInt64((1e9 / track.framesPerSecond).rounded()))
                }
                v.string(MatroskaID.name, track.name)
                v.string(MatroskaID.language, "und")
                v.string(MatroskaID.codecID, codecID)
                v.master(MatroskaID.video) { p in
                    p.uint(MatroskaID.pixelWidth, UInt64(track.width))
                    p.uint(MatroskaID.pixelHeight, UInt64(track.height))
                }
            }
        }
        return e.bytes
    }

    /// A picture's timestamp in ticks from the first picture; never earlier than the last one
    /// (a track's timestamps do not go backwards).
    func ticks(_ timestampNanoseconds: UInt64) -> UInt64 {
        let first = firstTimestamp ?? timestampNanoseconds
        let t = timestampNanoseconds >= first ? (timestampNanoseconds - first) / MatroskaWriter.timestampScaleNanoseconds : 0
        return frameCount == 0 ? t : max(t, lastTicks)
    }

    /// The cluster bytes before a picture's JPEG data.
    static func clusterHead(jpegBytes: Int, ticks: UInt64) -> [UInt8] {
        var time = EBMLBytes()
        time.uint(MatroskaID.clusterTimestamp, ticks)
        // SimpleBlock body: track number 1 (vint), relative timestamp 0 (int16), flags: keyframe.
        var block = EBMLBytes()
        block.id(MatroskaID.simpleBlock)
        block.size(4 + jpegBytes)
        block.bytes += blockPrefix
        var head = EBMLBytes()
        head.id(MatroskaID.cluster)
        head.size(time.bytes.count + block.bytes.count + jpegBytes)
        head.bytes += time.bytes
        head.bytes += block.bytes
        return head.bytes
    }

    /// The four bytes before every picture: track 1, relative timestamp 0, keyframe.
    public static let blockPrefix: [UInt8] = [0x81, 0x00, 0x00, 0x80]

    /// Whether appending a picture of `jpegBytes` would hand buffered data to the kernel (the
    /// session writer flushes the tables first: they never lag the video on disk).
    public func willWrite(jpegBytes: Int) -> Bool {
        output.willWrite(adding: jpegBytes + 32)
    }

    /// Appends one picture: a Cluster holding its timestamp and a SimpleBlock with `jpeg`.
    /// Returns where the JPEG bytes lie in the file.
    @discardableResult
    public func append(jpeg: [UInt8], timestampNanoseconds: UInt64) throws(SystemError) -> Location {
        let t = ticks(timestampNanoseconds)
        let head = MatroskaWriter.clusterHead(jpegBytes: jpeg.count, ticks: t)
        let location = Location(offset: size + head.count, bytes: jpeg.count)
        try output.write(head + jpeg)
        if firstTimestamp == nil { firstTimestamp = timestampNanoseconds }
        lastTicks = t
        size += head.count + jpeg.count
        frameCount += 1
        return location
    }

    public func sync() throws(SystemError) { try output.sync() }
    public func close() throws(SystemError) { try output.close() }
}
