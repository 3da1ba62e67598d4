/// Live gait events of the camera-side leg from side-view markers, with a fixed delay.
///
/// Initial contact is the impact of the foot on the belt: the peak upward acceleration of the heel
/// marker (of the 5th metatarsal for a forefoot landing) while it comes down into the band just
/// above the belt (Handsaker et al. 2016 use the same heel acceleration peak). Toe-off is the
/// lift-off of the forefoot: the peak upward acceleration of the 5th metatarsal as it leaves the
/// band. Midstance is the peak knee flexion between them. Heights are measured from the belt line,
/// whose slope in the image is measured from the forefoot's path in stance (the stage's incline
/// until there is enough of it); the band is 4 % of the leg length above the lowest position each
/// marker took in the last 2.5 s. Accelerations come from quadratic fits
/// over +-25 ms and a peak must dominate +-40 ms, so an event is reported `delayFrames` frames
/// (75 ms) after the frame it happened in. An event's frame is the frame of the peak; its time is
/// refined between frames by a parabola through the peak, which keeps contact times unbiased. Heel vertical velocity zero crossings, which run late
/// on a treadmill, are not used. Missing markers around a candidate mean no event, never a guess.
public struct SideEventDetector: Sendable {
    struct Sample: Sendable {
        var time = 0.0
        var frame = -1
        /// Image positions of the heel and 5th metatarsal markers, pixels; NaN when missing.
        var heelX = Double.nan
        var heelY = Double.nan
        var toeX = Double.nan
        var toeY = Double.nan
        var knee = Double.nan
    }

    /// Which marker a height refers to.
    enum Foot { case heel, toe }

    public let side: BodySide
    /// Fraction of the leg length (pixels) above the lowest marker position that counts as "on the belt".
    public var groundBand = 0.04
    /// The same for the forefoot at toe-off, which rises slowly as the heel lifts before it leaves.
    public var liftBand = 0.07
    public private(set) var clock: FrameClock
    public private(set) var timing: EventTiming?
    var ring = SampleRing(capacity: 1024, filler: Sample())
    var next = 0
    var lastIC: Int?
    var lastTO: Int?
    var legPixels: Double?
    /// Image slope (dy/dx) of the belt line from the stage's incline, and the one in use.
    var stageSlope = 0.0
    var bx = [Double](repeating: .nan, count: 16)
    var by = [Double](repeating: -.infinity, count: 16)
    var keep = [Bool](repeating: true, count: 16)
    /// The running direction last seen (+1 image right, -1 left).
    var direction = 1.0
    var beltSlope = 0.0

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
            direction = forward
            if let h = at(.hee) { s.heelX = h.x; s.heelY = h.y }
            if let t = at(.mt5) { s.toeX = t.x; s.toeY = t.y }
            stageSlope = -forward * Trig.sinDeg(inclineDegrees) / Trig.cosDeg(inclineDegrees)
        }
        if let gt = at(.gt), let kne = at(.kne), let ank = at(.ank) {
            let leg = gt.distance(to: kne) + kne.distance(to: ank)
            legPixels = legPixels.map { 0.98 * $0 + 0.02 * leg } ?? leg
        }
        ring.append(s)

        guard let timing else { return [] }
        var events: [GaitEvent] = []
        if next <= ring.count - 1 - timing.delayFrames { beltSlope = measuredBeltSlope(timing) ?? stageSlope }
        while next <= ring.count - 1 - timing.delayFrames {
            evaluate(next, timing, into: &events)
            next += 1
        }
        return events.sorted { $0.time < $1.time }
    }

    // MARK: - evaluation of one sample with its look-ahead

    /// Height of the marker above a line parallel to the belt, pixels (up positive).
    private func height(_ s: Sample, _ foot: Foot) -> Double {
        foot == .heel ? beltSlope * s.heelX - s.heelY : beltSlope * s.toeX - s.toeY
    }

    private func value(_ i: Int, _ foot: Foot) -> Double? {
        guard ring.holds(i) else { return nil }
        let v = height(ring[i], foot)
        return v.isNaN ? nil : v
    }

    /// The belt line's image slope, measured: the 5th metatarsal rests on the belt for much of
    /// the stance while the belt carries it back, so the lowest positions it takes across the
    /// image lie on a line parallel to the belt. A robust line through the lowest point of each
    /// of 16 columns (columns far above the line, reached only in swing, are dropped) gives the
    /// slope whatever the incline, the treadmill's ramping or a camera not quite level.
    private mutating func measuredBeltSlope(_ t: EventTiming) -> Double? {
        let from = max(ring.first, ring.count - t.historyFrames)
        var lo = Double.infinity, hi = -Double.infinity
        for i in from..<ring.count where !ring[i].toeX.isNaN {
            lo = min(lo, ring[i].toeX)
            hi = max(hi, ring[i].toeX)
        }
        guard hi - lo > 20, let leg = legPixels else { return nil }
        let columns = 16
        // Scratch columns kept in the detector: no allocation per frame.
        for c in 0..<columns { bx[c] = .nan; by[c] = -.infinity; keep[c] = true }
        for i in from..<ring.count where !ring[i].toeX.isNaN {
            let c = min(columns - 1, Int((ring[i].toeX - lo) / (hi - lo) * Double(columns)))
            if ring[i].toeY > by[c] { by[c] = ring[i].toeY; bx[c] = ring[i].toeX }
        }
        var line: (a: Double, b: Double)?
        for _ in 0..<3 {
            var n = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
            for c in 0..<columns where keep[c] && !bx[c].isNaN {
                n += 1; sx += bx[c]; sy += by[c]; sxx += bx[c] * bx[c]; sxy += bx[c] * by[c]
            }
            let det = n * sxx - sx * sx
            guard n >= 6, det > 0 else { return nil }
            let b = (n * sxy - sx * sy) / det
            let a = (sy - b * sx) / n
            line = (a, b)
            // Drop columns whose lowest point is well above the line (swing only).
            for c in 0..<columns where !bx[c].isNaN { keep[c] = by[c] > a + b * bx[c] - groundBand * leg / 2 }
        }
        guard let b = line?.b, abs(b) < 0.5 else { return nil }
        return b
    }

    private func acceleration(_ i: Int, _ key: Foot, _ t: EventTiming) -> Double? {
        SavitzkyGolay.secondDerivative(halfWidth: t.accelerationHalfWidth) { value(i + $0, key) }
    }

    /// Lowest value of `key` over the history up to the newest sample (nil before the warm-up).
    private func ground(_ key: Foot, _ t: EventTiming) -> Double? {
        var low: Double?
        var seen = 0
        let from = max(ring.first, ring.count - t.historyFrames)
        for i in from..<ring.count {
            let v = height(ring[i], key)
            guard !v.isNaN else { continue }
            seen += 1
            if v < (low ?? .infinity) { low = v }
        }
        return seen >= t.warmUpFrames ? low : nil
    }

    /// Whether sample `c`'s upward acceleration of `key` is positive and the largest within +-W.
    private func isAccelerationPeak(_ c: Int, _ key: Foot, _ t: EventTiming) -> Bool {
        guard let a0 = acceleration(c, key, t), a0 > 0 else { return false }
        for j in (c - t.peakHalfWidth)...(c + t.peakHalfWidth) where j != c {
            guard let a = acceleration(j, key, t) else { return false }
            if a > a0 || (a == a0 && j < c) { return false }
        }
        return true
    }

    /// The marker lands at `c`: an acceleration peak, near the belt, after coming down.
    private func lands(_ c: Int, _ key: Foot, band: Double, _ t: EventTiming) -> Bool {
        guard let h = value(c, key), let before = value(c - t.peakHalfWidth, key), let g = ground(key, t),
              h - g < band, before - h > 0.25 * band else { return false }
        return isAccelerationPeak(c, key, t)
    }

    /// Time of the acceleration peak at `c`, refined between frames by a parabola through the
    /// peak and its neighbours.
    private func peakTime(_ c: Int, _ key: Foot, _ t: EventTiming) -> Double {
        guard let a0 = acceleration(c - 1, key, t), let a1 = acceleration(c, key, t),
              let a2 = acceleration(c + 1, key, t) else { return ring[c].time }
        let curvature = a0 - 2 * a1 + a2
        guard curvature < 0 else { return ring[c].time }
        let delta = max(-0.5, min(0.5, (a0 - a2) / (2 * curvature)))
        return ring[c].time + delta / t.framesPerSecond
    }

    /// Whether the forefoot is not swinging forward at `c` (a foot lands moving back with the
    /// belt; the forefoot also dips low in late swing, but then it flies forward).
    private func retracting(_ c: Int, leg: Double, _ t: EventTiming) -> Bool {
        guard ring.holds(c - 1), c + 1 < ring.count else { return false }
        let a = ring[c - 1].toeX, b = ring[c + 1].toeX
        guard !a.isNaN, !b.isNaN else { return false }
        return direction * (b - a) / 2 < 0.25 * leg / t.framesPerSecond
    }

    private func nearBelt(_ c: Int, _ key: Foot, band: Double, _ t: EventTiming) -> Bool {
        guard let h = value(c, key), let g = ground(key, t) else { return false }
        return h - g < band
    }

    /// The forefoot leaves at `c`: an acceleration peak, near the belt, not coming down, rising after.
    private func leaves(_ c: Int, band: Double, _ t: EventTiming) -> Bool {
        let w = t.peakHalfWidth
        guard let h = value(c, Foot.toe), let before = value(c - w, Foot.toe), let after = value(c + w, Foot.toe),
              let g = ground(Foot.toe, t), h - g < band, before - h < 0.25 * band, after - h > 0.25 * band
        else { return false }
        return isAccelerationPeak(c, Foot.toe, t)
    }

    private mutating func evaluate(_ c: Int, _ t: EventTiming, into events: inout [GaitEvent]) {
        guard ring.holds(c - t.peakHalfWidth - t.accelerationHalfWidth), ring[c].frame >= 0,
              let leg = legPixels else { return }
        let band = groundBand * leg
        let sample = ring[c]
        if lastIC.map({ c - $0 >= t.refractoryFrames }) ?? true {
            let heelLands = lands(c, Foot.heel, band: band, t)
            let toeLands = !heelLands && !nearBelt(c, Foot.heel, band: band, t) && lands(c, Foot.toe, band: band, t)
                && retracting(c, leg: leg, t)
            if heelLands || toeLands {
                lastIC = c
                events.append(GaitEvent(kind: .initialContact, side: side, view: .side, frame: sample.frame,
                                        time: peakTime(c, heelLands ? Foot.heel : Foot.toe, t)))
            }
        }
        if lastTO.map({ c - $0 >= t.refractoryFrames }) ?? true {
            if let ic = lastIC, c - ic < t.minimumContactFrames { return }
            guard leaves(c, band: liftBand * leg, t) else { return }
            lastTO = c
            events.append(GaitEvent(kind: .toeOff, side: side, view: .side, frame: sample.frame,
                                    time: peakTime(c, Foot.toe, t)))
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
