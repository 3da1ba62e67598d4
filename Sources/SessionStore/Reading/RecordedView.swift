public import MarkerTracker

/// One camera's recording of one stage, opened for review: video, frame index, markers, angles.
///
/// Nothing is read in advance: video frames are one `pread` each at a computed offset (Y4M) or
/// the offset the frame index gives (`video_offset`, Matroska; then one JPEG decode), table
/// rows are found by `FrameTable` in a cached block, so opening costs the same for ten seconds or
/// thirty minutes and memory does not grow with the recording. The usable frames are the longest
/// prefix present in all four files (after a crash they can disagree by a few frames).
public final class RecordedView: Sendable {
    public let view: CameraView
    public let video: any RecordedVideo
    public let index: FrameTable
    public let markerTable: FrameTable
    public let angleTable: FrameTable
    /// Frames usable for review: present in the video and in every table.
    public let frameCount: Int

    let markerSet: MarkerSet
    let kinds: [AngleKind]
    /// Column numbers: index (sequence, timestamp_ns, time_s, dropped_before), markers (status,
    /// then x, y, conf, src per label), angles (one per kind).
    let indexColumns: [Int]
    let markerColumns: [Int]
    let angleColumns: [Int]

    /// The columns each table must have.
    static let indexNames = ["frame", "sequence", "timestamp_ns", "time_s", "dropped_before"]
    static func markerNames(_ set: MarkerSet) -> [String] {
        var cols = ["frame", "time_s", "status"]
        for l in set.labels { cols += ["\(l)_x", "\(l)_y", "\(l)_conf", "\(l)_src"] }
        return cols
    }
    static func angleNames(_ view: CameraView) -> [String] {
        ["frame", "time_s"] + AngleKind.kinds(for: view).map(\.column)
    }

    /// Opens the four files of one view; errors name the file and the problem. `frameLimit` caps
    /// the usable frames (a closed session's own count).
    public init(view: CameraView, video: String, index: String, markers: String, angles: String,
                frameLimit: Int? = nil) throws {
        self.view = view
        markerSet = MarkerSet.standard(for: view)
        kinds = AngleKind.kinds(for: view)
        let indexTable = try FrameTable(path: index, requiredColumns: RecordedView.indexNames)
        self.index = indexTable
        self.video = try RecordedVideos.open(video, index: indexTable)
        markerTable = try FrameTable(path: markers, requiredColumns: RecordedView.markerNames(markerSet))
        angleTable = try FrameTable(path: angles, requiredColumns: RecordedView.angleNames(view))
        let idx = self.index, mt = markerTable, at = angleTable
        indexColumns = RecordedView.indexNames.dropFirst().map { idx.column($0)! }
        markerColumns = RecordedView.markerNames(markerSet).dropFirst(2).map { mt.column($0)! }
        angleColumns = RecordedView.angleNames(view).dropFirst(2).map { at.column($0)! }
        frameCount = min(self.video.frameCount, idx.rowCount, mt.rowCount, at.rowCount, frameLimit ?? Int.max)
    }

    // MARK: - per frame, throwing

    /// One row of the frame index.
    public struct IndexEntry: Sendable, Equatable {
        public var sequence: UInt32
        /// Kernel timestamp, CLOCK_MONOTONIC nanoseconds.
        public var timestampNanoseconds: UInt64
        /// Seconds on the session clock.
        public var seconds: Double
        /// Frames lost just before this one (camera gap + not saved).
        public var droppedBefore: Int
    }

    public func indexEntry(at n: Int) throws -> IndexEntry {
        guard n < frameCount, let r = try index.row(n) else { throw missing(index.path, n) }
        return try indexEntry(of: r)
    }

    /// One row of the frame index, parsed.
    public func indexEntry(of r: FrameTable.Row) throws -> IndexEntry {
        let c = indexColumns
        return IndexEntry(sequence: UInt32(truncatingIfNeeded: try r.int(c[0])), timestampNanoseconds: try r.uint64(c[1]),
                          seconds: try r.double(c[2]) ?? 0, droppedBefore: try r.int(c[3]))
    }

    /// The markers and tracking status of frame `n`.
    public func readMarkers(at n: Int) throws -> (markers: MarkerFrame, status: TrackingStatus?) {
        guard n < frameCount, let r = try markerTable.row(n) else { throw missing(markerTable.path, n) }
        return try markers(of: r)
    }

    /// The markers and status in one row of the marker table.
    public func markers(of r: FrameTable.Row) throws -> (markers: MarkerFrame, status: TrackingStatus?) {
        var frame = MarkerFrame(repeating: nil, count: markerSet.count)
        let c = markerColumns
        for i in 0..<markerSet.count {
            if let x = try r.double(c[1 + 4 * i]), let y = try r.double(c[2 + 4 * i]) {
                let conf = try r.double(c[3 + 4 * i]) ?? 1
                let src = TrackedMarker.Source(rawValue: String(r.string(c[4 + 4 * i]))) ?? .detected
                frame[i] = TrackedMarker(position: Point(x: x, y: y), confidence: conf, source: src)
            }
        }
        return (frame, TrackingStatus(rawValue: String(r.string(c[0]))))
    }

    /// The angles of frame `n` (degrees; nil where not measured).
    public func readAngles(at n: Int) throws -> AngleSet {
        guard n < frameCount, let r = try angleTable.row(n) else { throw missing(angleTable.path, n) }
        return try angles(of: r)
    }

    /// The angles in one row of the angle table.
    public func angles(of r: FrameTable.Row) throws -> AngleSet {
        var a = AngleSet()
        for (i, k) in kinds.enumerated() { a[k] = try r.double(angleColumns[i]) }
        return a
    }

    func missing(_ path: String, _ n: Int) -> CSVTable.FormatError {
        CSVTable.FormatError(path: path, problem: "no frame \(n) (the view has \(frameCount))")
    }

    // MARK: - per frame, for drawing (an unreadable row shows as missing)

    /// The picture of frame `n`.
    public func image(at n: Int) throws -> LumaImage { try video.luma(at: n) }

    public func markers(at n: Int) -> MarkerFrame {
        (try? readMarkers(at: n).markers) ?? MarkerFrame(repeating: nil, count: markerSet.count)
    }

    public func angles(at n: Int) -> AngleSet { (try? readAngles(at: n)) ?? AngleSet() }

    /// Columns read on demand, like arrays of `frameCount` elements.
    public var timestamps: FrameColumn<UInt64> {
        FrameColumn(count: frameCount) { [self] n in (try? indexEntry(at: n).timestampNanoseconds) ?? 0 }
    }
    public var sequences: FrameColumn<UInt32> {
        FrameColumn(count: frameCount) { [self] n in (try? indexEntry(at: n).sequence) ?? 0 }
    }
    /// Seconds on the session clock per frame.
    public var times: FrameColumn<Double> {
        FrameColumn(count: frameCount) { [self] n in (try? indexEntry(at: n).seconds) ?? 0 }
    }
    public var droppedBefore: FrameColumn<Int> {
        FrameColumn(count: frameCount) { [self] n in (try? indexEntry(at: n).droppedBefore) ?? 0 }
    }
    public var statuses: FrameColumn<TrackingStatus?> {
        FrameColumn(count: frameCount) { [self] n in (try? readMarkers(at: n).status) ?? nil }
    }
    public var markers: FrameColumn<MarkerFrame> {
        FrameColumn(count: frameCount) { [self] n in markers(at: n) }
    }
    public var angles: FrameColumn<AngleSet> {
        FrameColumn(count: frameCount) { [self] n in angles(at: n) }
    }

    /// The frame whose timestamp is nearest `ns`: interpolation on the frame rate, then bisection.
    public func nearestFrame(toTimestamp ns: UInt64) -> Int? {
        let n = frameCount
        guard n > 0 else { return nil }
        let ts = timestamps
        var lo = 0, hi = n - 1
        let first = ts[0], last = ts[n - 1]
        if ns <= first { return 0 }
        if ns >= last { return n - 1 }
        // Frames are nearly evenly spaced: start from the estimate and bracket it.
        let guess = Int(Double(ns - first) / Double(max(1, last - first)) * Double(n - 1))
        let g = min(max(guess, 0), n - 1)
        let window = 4
        if ts[g] < ns {
            let probe = min(n - 1, g + window)
            if ts[probe] >= ns { lo = g; hi = probe } else { lo = probe }
        } else {
            let probe = max(0, g - window)
            if ts[probe] < ns { lo = probe; hi = g } else { hi = probe }
        }
        // Invariant: ts[lo] < ns <= ts[hi] once bracketed.
        while lo < hi {
            let mid = (lo + hi) / 2
            if ts[mid] < ns { lo = mid + 1 } else { hi = mid }
        }
        if lo == 0 { return 0 }
        return (ns - ts[lo - 1]) < (ts[lo] - ns) ? lo - 1 : lo
    }

    /// Mean, SD and range of each angle over the view's frames, read in one pass (memory does
    /// not grow with the recording).
    public func angleStatistics() throws -> [AngleKind: RunningStats] {
        var stats = [RunningStats](repeating: RunningStats(), count: kinds.count)
        try angleTable.forEachNumbers(columns: angleColumns, limit: frameCount) { values in
            for (i, v) in values.enumerated() { if let v { stats[i].add(v) } }
        }
        var out: [AngleKind: RunningStats] = [:]
        for (i, k) in kinds.enumerated() where stats[i].count > 0 { out[k] = stats[i] }
        return out
    }
}
