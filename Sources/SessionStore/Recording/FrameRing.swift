public import MarkerTracker
public import CaptureKit

/// The last seconds of both cameras as compressed pictures with their markers, angles and events:
/// what retroactive recording writes when `r` is pressed (`--pre-record`) and what instant replay
/// shows (issue #15, item 8).
///
/// Each entry is a recorder item whose picture is kept only as its JPEG (`Frame.compressed`); the
/// luma plane is dropped for a shared 1x1 placeholder, with the real size kept beside it, so the
/// ring's memory is the JPEG bytes (about 10-20 kB a picture at gaitlive's quality) plus the
/// tables. It is bounded twice: entries older than `seconds` before a view's newest go, and while
/// the ring holds more than `maximumBytes` the oldest go whatever their age. Not thread-safe: the
/// recorder holds it in a lock.
public struct FrameRing: Sendable {
    /// One picture kept.
    public struct Entry: Sendable {
        /// The frame as the recorder got it, but with `processed.frame.luma` a placeholder.
        public var item: SessionRecorder.Item
        public var width: Int
        public var height: Int
        public var jpeg: [UInt8] { item.processed.frame.compressed ?? [] }
        public var timestamp: UInt64 { item.processed.frame.timestampNanoseconds }
        /// Bytes this entry holds (picture, plus an allowance for its tables).
        var bytes: Int { jpeg.count + FrameRing.tableBytes }
    }

    /// An allowance per entry for its markers, angles and events.
    static let tableBytes = 512
    static let placeholder = LumaImage(width: 1, height: 1, fill: 0)

    public let seconds: Double
    public let maximumBytes: Int
    var entries: [CameraView: [Entry]] = [:]
    /// Index of the first live entry per view (entries before it are gone; compacted now and then).
    var head: [CameraView: Int] = [:]
    public private(set) var bytes = 0

    public init(seconds: Double, maximumBytes: Int) {
        self.seconds = max(0, seconds)
        self.maximumBytes = max(0, maximumBytes)
    }

    /// Keeps `item` (its frame must carry its JPEG).
    public mutating func add(_ item: SessionRecorder.Item) {
        let frame = item.processed.frame
        guard frame.compressed != nil, seconds > 0 else { return }
        var kept = item
        kept.processed.frame.luma = FrameRing.placeholder
        kept.processed.frame.chroma = nil
        let e = Entry(item: kept, width: frame.width, height: frame.height)
        entries[frame.view, default: []].append(e)
        bytes += e.bytes
        trim(frame.view, newest: frame.timestampNanoseconds)
    }

    mutating func trim(_ view: CameraView, newest: UInt64) {
        let limit = UInt64(seconds * 1e9)
        var h = head[view] ?? 0
        if var list = entries[view] {
            while h < list.count, newest - min(newest, list[h].timestamp) > limit {
                bytes -= list[h].bytes
                h += 1
            }
            // Over the byte bound: this view's oldest go (the views take turns adding).
            while bytes > maximumBytes, h < list.count - 1 {
                bytes -= list[h].bytes
                h += 1
            }
            if h > 256 && h * 2 > list.count {
                list.removeFirst(h)
                h = 0
            }
            entries[view] = list
        }
        head[view] = h
    }

    /// The entries of `view` from `from` (monotonic ns) on, oldest first.
    public func entries(_ view: CameraView, from: UInt64 = 0) -> ArraySlice<Entry> {
        guard let list = entries[view] else { return [] }
        let h = head[view] ?? 0
        var lo = h, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].timestamp < from { lo = mid + 1 } else { hi = mid }
        }
        return list[lo...]
    }

    /// Seconds of pictures held for `view` (newest minus oldest).
    public func span(_ view: CameraView) -> Double {
        let live = entries(view)
        guard let a = live.first, let b = live.last else { return 0 }
        return Double(b.timestamp - a.timestamp) / 1e9
    }

    /// The item of an entry with its real picture size restored as a blank plane of that size
    /// (the writer takes the size from the plane and stores the JPEG as it is).
    public static func restored(_ e: Entry, blank: inout [Int: LumaImage]) -> SessionRecorder.Item {
        var item = e.item
        let key = e.width << 32 | e.height
        if blank[key] == nil { blank[key] = LumaImage(width: e.width, height: e.height, fill: 0) }
        item.processed.frame.luma = blank[key]!
        return item
    }
}
