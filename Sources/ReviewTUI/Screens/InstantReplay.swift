public import MarkerTracker
public import CaptureKit
public import LivePipeline
public import SessionStore

/// Instant replay in the live console (key `i`, issue #15 item 8): the last two strides of both
/// views in slow motion, with their markers and angles, from the recorder's ring of compressed
/// pictures, while capture and recording go on underneath.
///
/// The strides are the span between the third-last and the last initial contact of one leg (the
/// side view's marker leg; the rear view's left leg when there is no side camera); with fewer
/// contacts seen, the last two seconds. The rear picture shown with each side picture is the one
/// nearest in time (both views locked as in review). Playback loops at `speed` of real time.
public struct InstantReplay {
    public struct Shot {
        public var entry: FrameRing.Entry
        public var view: CameraView
    }

    /// Pictures per view over the replayed span, oldest first.
    public let frames: [CameraView: [FrameRing.Entry]]
    /// The span replayed, monotonic ns.
    public let start: UInt64
    public let end: UInt64
    /// Strides in the span (2, or 0 when the last two seconds are shown instead).
    public let strides: Int
    /// The contact between the two strides.
    let middle: UInt64?
    /// Fraction of real time (1/8).
    public var speed = 0.125
    /// The console's clock (seconds) when playback began.
    let began: Double
    private var decoders: [CameraView: (index: Int, image: LumaImage?)] = [:]
    private let decoder = try? JPEGDecoder()

    /// The replay of what `session` holds now; nil when its ring holds no picture.
    public init?(session: LiveSession, now: Double) {
        var frames: [CameraView: [FrameRing.Entry]] = [:]
        for v in session.views { frames[v] = session.recentFrames(v) }
        let lead: CameraView = frames[.side]?.isEmpty == false ? .side : .rear
        guard let list = frames[lead], let last = list.last else { return nil }
        let leg: BodySide = lead == .side ? session.options.markerSide : .left
        let origin = session.options.clockOrigin
        // Contacts of that leg reported in the ring's frames (they come with the detector's delay).
        var contacts: [UInt64] = []
        for e in list {
            for ev in e.item.processed.events where ev.kind == .initialContact && ev.side == leg && ev.view == lead {
                contacts.append(origin &+ UInt64(max(0, (ev.time * 1e9).rounded())))
            }
        }
        contacts = contacts.filter { $0 >= list[0].timestamp }.sorted()
        var from: UInt64, to: UInt64
        if contacts.count >= 3 {
            from = contacts[contacts.count - 3]
            to = contacts[contacts.count - 1]
            middle = contacts[contacts.count - 2]
            strides = 2
        } else {
            to = last.timestamp
            from = max(list[0].timestamp, to - min(to, 2_000_000_000))
            middle = nil
            strides = 0
        }
        for (v, l) in frames { frames[v] = l.filter { $0.timestamp >= from && $0.timestamp <= to } }
        start = from
        end = to
        guard frames[lead]?.isEmpty == false else { return nil }
        self.frames = frames
        began = now
    }

    /// The replay's moment at console time `now` (monotonic ns), looping over the span.
    public func moment(now: Double) -> UInt64 {
        let span = Double(end - start) / 1e9
        guard span > 0 else { return start }
        let t = ((now - began) * speed).truncatingRemainder(dividingBy: span)
        return start + UInt64(max(0, t) * 1e9)
    }

    /// Index of the picture of `view` shown at `moment`: the last at or before it (side), the
    /// nearest (other views).
    public func index(_ view: CameraView, at moment: UInt64) -> Int? {
        guard let list = frames[view], !list.isEmpty else { return nil }
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].timestamp <= moment { lo = mid + 1 } else { hi = mid }
        }
        let before = max(0, lo - 1)
        if lo < list.count, list[lo].timestamp - moment < moment - min(moment, list[before].timestamp) { return lo }
        return before
    }

    /// The picture, markers and angles of `view` at `moment`; the picture decoded once per change.
    public mutating func shot(_ view: CameraView, at moment: UInt64) -> (image: LumaImage?, entry: FrameRing.Entry)? {
        guard let i = index(view, at: moment), let entry = frames[view]?[i] else { return nil }
        if let d = decoders[view], d.index == i { return (d.image, entry) }
        let image = try? decoder?.luma(entry.jpeg)
        decoders[view] = (i, image ?? nil)
        return (image ?? nil, entry)
    }

    /// Which stride (1 or 2) `moment` lies in, for the title.
    public func strideNumber(at moment: UInt64) -> Int? {
        guard let middle else { return nil }
        return moment < middle ? 1 : 2
    }
}
