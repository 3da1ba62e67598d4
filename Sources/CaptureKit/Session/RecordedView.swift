public import MarkerTracker

/// One camera's recording of one stage, opened for review: video, frame index, markers, angles.
///
/// Tables are read once into arrays (a two-minute stage at 120 fps is about 15,000 rows); video
/// frames are read on demand, one `pread` each.
public final class RecordedView: Sendable {
    public let view: CameraView
    public let video: Y4MReader
    /// Kernel timestamps (monotonic ns) per recorded frame.
    public let timestamps: [UInt64]
    public let sequences: [UInt32]
    /// Seconds on the session clock per frame.
    public let times: [Double]
    public let droppedBefore: [Int]
    public let markers: [MarkerFrame]
    public let statuses: [TrackingStatus?]
    public let angles: [AngleSet]

    /// Frames usable for review: present in the video and in the index.
    public var frameCount: Int { min(video.frameCount, timestamps.count) }

    init(view: CameraView, video: Y4MReader, index: CSVTable, markers: CSVTable, angles: CSVTable) throws {
        self.view = view
        self.video = video
        let fc = try RecordedView.columns(index, ["frame", "sequence", "timestamp_ns", "time_s", "dropped_before"])
        var ts: [UInt64] = [], seq: [UInt32] = [], t: [Double] = [], drops: [Int] = []
        for r in 0..<index.rows.count {
            guard let stamp = UInt64(index.string(r, fc[2])) else {
                throw CSVTable.FormatError(path: index.path, problem: "line \(r + 2): bad timestamp_ns")
            }
            ts.append(stamp)
            seq.append(UInt32(truncatingIfNeeded: try index.int(r, fc[1])))
            t.append(try index.double(r, fc[3]) ?? 0)
            drops.append(try index.int(r, fc[4]))
        }
        timestamps = ts
        sequences = seq
        times = t
        droppedBefore = drops

        let set = MarkerSet.standard(for: view)
        var cols: [String] = ["frame", "time_s", "status"]
        for l in set.labels { cols += ["\(l)_x", "\(l)_y", "\(l)_conf", "\(l)_src"] }
        let mc = try RecordedView.columns(markers, cols)
        var ms: [MarkerFrame] = [], st: [TrackingStatus?] = []
        for r in 0..<markers.rows.count {
            var frame = MarkerFrame(repeating: nil, count: set.count)
            for i in 0..<set.count {
                let base = 3 + 4 * i
                if let x = try markers.double(r, mc[base]), let y = try markers.double(r, mc[base + 1]) {
                    let c = try markers.double(r, mc[base + 2]) ?? 1
                    let src = TrackedMarker.Source(rawValue: String(markers.string(r, mc[base + 3]))) ?? .detected
                    frame[i] = TrackedMarker(position: Point(x: x, y: y), confidence: c, source: src)
                }
            }
            ms.append(frame)
            st.append(TrackingStatus(rawValue: String(markers.string(r, mc[2]))))
        }
        self.markers = ms
        statuses = st

        let kinds = AngleKind.kinds(for: view)
        let ac = try RecordedView.columns(angles, ["frame", "time_s"] + kinds.map(\.column))
        var as_: [AngleSet] = []
        for r in 0..<angles.rows.count {
            var a = AngleSet()
            for (i, k) in kinds.enumerated() { a[k] = try angles.double(r, ac[2 + i]) }
            as_.append(a)
        }
        self.angles = as_
    }

    static func columns(_ t: CSVTable, _ names: [String]) throws -> [Int] {
        try names.map { name in
            guard let c = t.column(name) else {
                throw CSVTable.FormatError(path: t.path, problem: "missing column '\(name)'")
            }
            return c
        }
    }

    /// The frame whose timestamp is nearest `ns` (binary search).
    public func nearestFrame(toTimestamp ns: UInt64) -> Int? {
        let n = frameCount
        guard n > 0 else { return nil }
        var lo = 0, hi = n - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if timestamps[mid] < ns { lo = mid + 1 } else { hi = mid }
        }
        // lo is the first frame at or after ns (or the last frame if all are before it).
        if timestamps[lo] < ns || lo == 0 { return lo }
        return (ns - timestamps[lo - 1]) < (timestamps[lo] - ns) ? lo - 1 : lo
    }

    /// The picture of frame `n`.
    public func image(at n: Int) throws -> LumaImage { try video.luma(at: n) }

    public func markers(at n: Int) -> MarkerFrame {
        n < markers.count ? markers[n] : MarkerFrame(repeating: nil, count: MarkerSet.standard(for: view).count)
    }

    public func angles(at n: Int) -> AngleSet { n < angles.count ? angles[n] : AngleSet() }
}
