/// Live gait events of the camera-side leg from side-view markers, with a fixed delay.
///
/// Initial contact is the impact of the foot on the belt: the peak upward acceleration of the heel
/// marker (of the 5th metatarsal for a forefoot landing) while it comes down into the band just
/// above the belt (Handsaker et al. 2016 use the same heel acceleration peak). Toe-off is the
/// lift-off of the forefoot: the peak upward acceleration of the 5th metatarsal as it leaves the
/// band. Midstance is the peak knee flexion between them. Heights are measured from the belt line
/// (the image y axis tilted by the stage's incline); the band is 4 % of the leg length above the
/// lowest position each marker took in the last 2.5 s. Accelerations come from quadratic fits
/// over +-25 ms and a peak must dominate +-40 ms, so an event is reported `delayFrames` frames
/// (75 ms) after the frame it happened in. An event's frame is the frame of the peak; its time is
/// refined between frames by a parabola through the peak, which keeps contact times unbiased. Heel vertical velocity zero crossings, which run late
/// on a treadmill, are not used. Missing markers around a candidate mean no event, never a guess.
public struct SideEventDetector: Sendable {
    struct Sample: Sendable {
        var time = 0.0
        var frame = -1
        /// Heights above the belt line, pixels (up positive); NaN when missing.
        var heel = Double.nan
        var toe = Double.nan
        var knee = Double.nan
    }

    public let side: BodySide
    /// Fraction of the leg length (pixels) above the lowest marker position that counts as "on the belt".
    public var groundBand = 0.04
    public private(set) var clock: FrameClock
    public private(set) var timing: EventTiming?
    var ring = SampleRing(capacity: 1024, filler: Sample())
    var next = 0
    var lastIC: Int?
    var lastTO: Int?
    var legPixels: Double?

    public init(side: BodySide, framesPerSecond: Double? = nil) {
        self.side = side
        clock = FrameClock(framesPerSecond: framesPerSecond)
        if let f = framesPerSecond { timing = EventTiming(framesPerSecond: f) }
    }

    /// Feeds one frame; returns the events confirmed by it (usually none), oldest first.
    /// `forward` is the running direction (+1 image right, -1 left, 0 unknown: no events).
    public mutating func push(frame: Int, time: Double, markers: MarkerFrame, forward: Double,
                              inclineDegrees: Double = 0, kneeFlexion: Double? = nil) -> [GaitEvent] {
        let step = clock.advance(to: time)
        guard step > 0 else { return [] }
        if timing == nil, let f = clock.framesPerSecond { timing = EventTiming(framesPerSecond: f) }
        for _ in 1..<min(step, ring.capacity) { ring.append(Sample()) }

        var s = Sample(time: time, frame: frame)
        s.knee = kneeFlexion ?? .nan
        func at(_ m: SideMarker) -> Point? {
            guard m.rawValue < markers.count else { return nil }
            return markers[m.rawValue]?.position
        }
        if forward != 0 {
            let slope = Trig.sinDeg(inclineDegrees) / Trig.cosDeg(inclineDegrees)
            func height(_ p: Point) -> Double { -p.y - slope * forward * p.x }
            if let h = at(.hee) { s.heel = height(h) }
            if let t = at(.mt5) { s.toe = height(t) }
        }
        if let gt = at(.gt), let kne = at(.kne), let ank = at(.ank) {
            let leg = gt.distance(to: kne) + kne.distance(to: ank)
            legPixels = legPixels.map { 0.98 * $0 + 0.02 * leg } ?? leg
        }
        ring.append(s)

        guard let timing else { return [] }
        var events: [GaitEvent] = []
        while next <= ring.count - 1 - timing.delayFrames {
            evaluate(next, timing, into: &events)
            next += 1
        }
        return events.sorted { $0.time < $1.time }
    }

    // MARK: - evaluation of one sample with its look-ahead

    private func value(_ i: Int, _ key: KeyPath<Sample, Double>) -> Double? {
        guard ring.holds(i) else { return nil }
        let v = ring[i][keyPath: key]
        return v.isNaN ? nil : v
    }

    private func acceleration(_ i: Int, _ key: KeyPath<Sample, Double>, _ t: EventTiming) -> Double? {
        SavitzkyGolay.secondDerivative(halfWidth: t.accelerationHalfWidth) { value(i + $0, key) }
    }

    /// Lowest value of `key` over the history up to the newest sample (nil before the warm-up).
    private func ground(_ key: KeyPath<Sample, Double>, _ t: EventTiming) -> Double? {
        var low: Double?
        var seen = 0
        let from = max(ring.first, ring.count - t.historyFrames)
        for i in from..<ring.count {
            let v = ring[i][keyPath: key]
            guard !v.isNaN else { continue }
            seen += 1
            if v < (low ?? .infinity) { low = v }
        }
        return seen >= t.warmUpFrames ? low : nil
    }

    /// Whether sample `c`'s upward acceleration of `key` is positive and the largest within +-W.
    private func isAccelerationPeak(_ c: Int, _ key: KeyPath<Sample, Double>, _ t: EventTiming) -> Bool {
        guard let a0 = acceleration(c, key, t), a0 > 0 else { return false }
        for j in (c - t.peakHalfWidth)...(c + t.peakHalfWidth) where j != c {
            guard let a = acceleration(j, key, t) else { return false }
            if a > a0 || (a == a0 && j < c) { return false }
        }
        return true
    }

    /// The marker lands at `c`: an acceleration peak, near the belt, after coming down.
    private func lands(_ c: Int, _ key: KeyPath<Sample, Double>, band: Double, _ t: EventTiming) -> Bool {
        guard let h = value(c, key), let before = value(c - t.peakHalfWidth, key), let g = ground(key, t),
              h - g < band, before - h > 0.25 * band else { return false }
        return isAccelerationPeak(c, key, t)
    }

    /// Time of the acceleration peak at `c`, refined between frames by a parabola through the
    /// peak and its neighbours.
    private func peakTime(_ c: Int, _ key: KeyPath<Sample, Double>, _ t: EventTiming) -> Double {
        guard let a0 = acceleration(c - 1, key, t), let a1 = acceleration(c, key, t),
              let a2 = acceleration(c + 1, key, t) else { return ring[c].time }
        let curvature = a0 - 2 * a1 + a2
        guard curvature < 0 else { return ring[c].time }
        let delta = max(-0.5, min(0.5, (a0 - a2) / (2 * curvature)))
        return ring[c].time + delta / t.framesPerSecond
    }

    private func nearBelt(_ c: Int, _ key: KeyPath<Sample, Double>, band: Double, _ t: EventTiming) -> Bool {
        guard let h = value(c, key), let g = ground(key, t) else { return false }
        return h - g < band
    }

    /// The forefoot leaves at `c`: an acceleration peak, near the belt, not coming down, rising after.
    private func leaves(_ c: Int, band: Double, _ t: EventTiming) -> Bool {
        let w = t.peakHalfWidth
        guard let h = value(c, \.toe), let before = value(c - w, \.toe), let after = value(c + w, \.toe),
              let g = ground(\.toe, t), h - g < band, before - h < 0.25 * band, after - h > 0.25 * band
        else { return false }
        return isAccelerationPeak(c, \.toe, t)
    }

    private mutating func evaluate(_ c: Int, _ t: EventTiming, into events: inout [GaitEvent]) {
        guard ring.holds(c - t.peakHalfWidth - t.accelerationHalfWidth), ring[c].frame >= 0,
              let leg = legPixels else { return }
        let band = groundBand * leg
        let sample = ring[c]
        if lastIC.map({ c - $0 >= t.refractoryFrames }) ?? true {
            let heelLands = lands(c, \.heel, band: band, t)
            let toeLands = !heelLands && !nearBelt(c, \.heel, band: band, t) && lands(c, \.toe, band: band, t)
            if heelLands || toeLands {
                lastIC = c
                events.append(GaitEvent(kind: .initialContact, side: side, view: .side, frame: sample.frame,
                                        time: peakTime(c, heelLands ? \.heel : \.toe, t)))
            }
        }
        if lastTO.map({ c - $0 >= t.refractoryFrames }) ?? true {
            if let ic = lastIC, c - ic < t.minimumContactFrames { return }
            guard leaves(c, band: band, t) else { return }
            lastTO = c
            events.append(GaitEvent(kind: .toeOff, side: side, view: .side, frame: sample.frame,
                                    time: peakTime(c, \.toe, t)))
            if let ic = lastIC, c - ic <= t.maximumContactFrames, ring.holds(ic) {
                var best: Int?
                for i in ic...c {
                    let k = ring[i].knee
                    if !k.isNaN && ring[i].frame >= 0 && k > (best.map { ring[$0].knee } ?? -.infinity) { best = i }
                }
                if let b = best {
                    events.append(GaitEvent(kind: .midstance, side: side, view: .side, frame: ring[b].frame,
                                            time: ring[b].time))
                }
            }
        }
    }
}
