/// Live gait events of the camera-side leg from side-view markers, with a fixed delay.
///
/// Initial contact: the foot lands on a belt that carries it back. A foot marker (heel or 5th
/// metatarsal, whichever lands first) counts as on the belt when it is near the belt (within
/// the band above its lowest position) and moves with it: its image velocity differs from the
/// belt's by less than `onBeltSpeed` of the belt's speed, which is measured (the forefoot's speed
/// along the belt line in mid-stance). A foot in the air, even a heel hovering just above the
/// belt in late swing, still moves forward against the belt. Contact is the first frame with a
/// marker on the belt after one without, the foot staying on it for the next 40 ms; its time
/// is the mean of the moment the marker's relative speed crosses `onBeltSpeed` (interpolated)
/// and the marker's impact, its peak upward acceleration within 40 ms of it (Handsaker et al.
/// 2016), when there is one. The two cues err in opposite directions by a few milliseconds
/// depending on the runner and the foot's roll. Toe-off is the lift-off of the forefoot: the
/// peak upward acceleration of the 5th metatarsal as it leaves the band. Midstance is the peak
/// knee flexion between them. Heights are measured from the belt line, whose slope in the image
/// is measured from the forefoot's path in stance (the stage's incline until there is enough of
/// it); the band is 4 % of the leg length above the lowest position each marker took in the
/// last 2.5 s. Accelerations come from quadratic fits over +-25 ms and a peak must dominate
/// +-40 ms, so an event is found `delayFrames` frames (75 ms) after the frame it happened in, and
/// reported `reportDelayFrames` (100 ms) after its own frame, a fixed delay (a contact's frame, the
/// first at or after its time, may lie two frames either side of the frame it was found at).
/// A contact's frame is the first frame at or after its time; a toe-off's is still the frame of
/// its acceleration peak (time refined by a parabola through the peak). Missing markers around
/// a candidate mean no event, never a guess.
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
    /// The belt's speed in the image (pixels per second), once measured.
    var beltSpeed: Double?
    /// The lowest heel and forefoot heights over the history (`measureGround`).
    var groundHeel: Double?
    var groundToe: Double?
    /// Scratch for the belt speed's median: no allocation per frame once full.
    var speeds: [Double] = []
    /// Events found, waiting for their report (sample of the event's frame, event).
    var pending: [(index: Int, event: GaitEvent)] = []

    /// A foot marker near the belt moves with it when its speed relative to the belt is under
    /// this fraction of the belt's speed. A foot in the air before contact moves forward
    /// relative to the belt (a heel hovering in late swing still swings forward at more than the
    /// belt's speed); once it lands, friction carries it back with the belt. Chosen on the first
    /// half of RBDS0041 (0.3-0.5 tried: 0.4 puts the two legs' contacts 4 ms either side of
    /// the force plate's).
    public static let onBeltSpeed = 0.4
    /// After the contact the foot stays near the belt and moves against it at less than this
    /// (in belt speeds) for the peak half-width (40 ms): a landed foot may roll and slip a
    /// little (a heel marker turns about the heel's edge; the simulated runner's foot slides by
    /// half the belt's speed), a foot in the air swings forward against the belt at more.
    static let landedSpeed = 1.0

    public init(side: BodySide, framesPerSecond: Double? = nil) {
        self.side = side
        clock = FrameClock(framesPerSecond: framesPerSecond)
        if let f = framesPerSecond { timing = EventTiming(framesPerSecond: f) }
        speeds.reserveCapacity(ring.capacity)
        pending.reserveCapacity(8)
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
        if next <= ring.count - 1 - timing.delayFrames {
            beltSlope = measuredBeltSlope(timing) ?? stageSlope
            measureGround(timing)
            beltSpeed = measuredBeltSpeed(timing) ?? beltSpeed
        }
        while next <= ring.count - 1 - timing.delayFrames {
            evaluate(next, timing)
            next += 1
        }
        // Each event is reported a fixed delay after its own frame (`EventTiming.reportDelayFrames`).
        let newest = ring.count - 1
        for p in pending where p.index + timing.reportDelayFrames <= newest { events.append(p.event) }
        pending.removeAll { $0.index + timing.reportDelayFrames <= newest }
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

    /// Lowest value of `key` over the history up to the newest sample (nil before the warm-up),
    /// as measured once per frame (`measureGround`).
    private func ground(_ key: Foot, _ t: EventTiming) -> Double? {
        key == .heel ? groundHeel : groundToe
    }

    /// The lowest heel and forefoot heights over the history, once per frame.
    private mutating func measureGround(_ t: EventTiming) {
        var low = (Double.infinity, Double.infinity)
        var seen = (0, 0)
        let from = max(ring.first, ring.count - t.historyFrames)
        for i in from..<ring.count {
            let h = height(ring[i], .heel), m = height(ring[i], .toe)
            if !h.isNaN { seen.0 += 1; low.0 = min(low.0, h) }
            if !m.isNaN { seen.1 += 1; low.1 = min(low.1, m) }
        }
        groundHeel = seen.0 >= t.warmUpFrames ? low.0 : nil
        groundToe = seen.1 >= t.warmUpFrames ? low.1 : nil
    }

    /// Image velocity of a marker at sample `i`, pixels per second (central difference).
    private func velocity(_ i: Int, _ foot: Foot, _ t: EventTiming) -> (x: Double, y: Double)? {
        guard ring.holds(i - 1), ring.holds(i + 1) else { return nil }
        let a = ring[i - 1], b = ring[i + 1]
        let (ax, ay, bx, by) = foot == .heel ? (a.heelX, a.heelY, b.heelX, b.heelY) : (a.toeX, a.toeY, b.toeX, b.toeY)
        guard !ax.isNaN, !ay.isNaN, !bx.isNaN, !by.isNaN else { return nil }
        let k = t.framesPerSecond / 2
        return ((bx - ax) * k, (by - ay) * k)
    }

    /// Unit vector of the belt line in the image, pointing the way the belt carries a foot
    /// (backward: against the running direction).
    private var beltBackward: (x: Double, y: Double) {
        let n = (1 + beltSlope * beltSlope).squareRoot()
        return (-direction / n, -direction * beltSlope / n)
    }

    /// The belt's speed in the image, pixels per second, measured: a forefoot on the belt moves
    /// back with it, so the median speed along the belt line of the 5th metatarsal while it is
    /// within half the band of its lowest position (the middle of the stance) over the history.
    /// Nil until enough of it was seen.
    private mutating func measuredBeltSpeed(_ t: EventTiming) -> Double? {
        guard let leg = legPixels, let g = ground(.toe, t) else { return nil }
        let from = max(ring.first + 1, ring.count - t.historyFrames)
        let back = beltBackward
        speeds.removeAll(keepingCapacity: true)
        if from < ring.count - 1 {
            for i in from..<(ring.count - 1) {
                guard let h = value(i, .toe), h - g < 0.5 * groundBand * leg, let v = velocity(i, .toe, t) else { continue }
                speeds.append(v.x * back.x + v.y * back.y)
            }
        }
        guard speeds.count >= t.minimumContactFrames else { return nil }
        speeds.sort()
        let v = speeds[speeds.count / 2]
        return v > 0 ? v : nil
    }

    /// Speed of `foot`'s marker relative to the belt at sample `i`, in belt speeds.
    private func beltRelativeSpeed(_ i: Int, _ foot: Foot, _ t: EventTiming) -> Double? {
        guard let speed = beltSpeed, let v = velocity(i, foot, t) else { return nil }
        let back = beltBackward
        let dx = v.x - speed * back.x, dy = v.y - speed * back.y
        return (dx * dx + dy * dy).squareRoot() / speed
    }

    /// Whether a foot marker is on the belt at `i`: near the belt (within the band above its
    /// lowest position) and carried by it (moving with the belt within `onBeltSpeed`). Returns
    /// the marker and its relative speed, the slower one if both are.
    private func onBelt(_ i: Int, band: Double, _ t: EventTiming,
                        within limit: Double = SideEventDetector.onBeltSpeed) -> (foot: Foot, speed: Double)? {
        // (Two calls rather than a loop over an array literal: nothing allocated per frame.)
        func carried(_ foot: Foot) -> Double? {
            guard let h = value(i, foot), let g = ground(foot, t), h - g < band,
                  let r = beltRelativeSpeed(i, foot, t), r < limit else { return nil }
            return r
        }
        switch (carried(.heel), carried(.toe)) {
        case let (h?, m?): return h <= m ? (.heel, h) : (.toe, m)
        case let (h?, nil): return (.heel, h)
        case let (nil, m?): return (.toe, m)
        case (nil, nil): return nil
        }
    }

    /// The time at which the ramp from `a` (at sample i - 1) to `b` (at sample i) crosses `level`.
    private func crossing(_ i: Int, _ a: Double, _ b: Double, level: Double) -> Double {
        let f = b == a ? 1 : max(0, min(1, (level - a) / (b - a)))
        return ring[i - 1].time + f * (ring[i].time - ring[i - 1].time)
    }

    /// Initial contact at `c`: the first sample at which a foot marker near the belt moves with
    /// it, after a sample at which none did, the foot staying near the belt and slower against
    /// it than `landedSpeed` for the peak half-width (40 ms). Returns the contact's time: the
    /// mean of the crossing of `onBeltSpeed` (interpolated) and the marker's impact when found.
    private func contact(_ c: Int, band: Double, _ t: EventTiming) -> Double? {
        guard let now = onBelt(c, band: band, t), onBelt(c - 1, band: band, t) == nil else { return nil }
        for j in (c + 1)...(c + t.peakHalfWidth) where onBelt(j, band: band, t, within: SideEventDetector.landedSpeed) == nil {
            return nil
        }
        let carried = beltRelativeSpeed(c - 1, now.foot, t).map { crossing(c, $0, now.speed, level: SideEventDetector.onBeltSpeed) }
            ?? ring[c].time
        // The impact of the same marker: its largest upward acceleration within the peak
        // half-width of the crossing (Handsaker et al. 2016).
        var peak: (index: Int, value: Double)?
        for j in (c - t.peakHalfWidth)...(c + t.peakHalfWidth) {
            guard let a = acceleration(j, now.foot, t) else { return carried }
            if a > (peak?.value ?? 0) { peak = (j, a) }
        }
        guard let p = peak, p.index > c - t.peakHalfWidth, p.index < c + t.peakHalfWidth else { return carried }
        return (carried + peakTime(p.index, now.foot, t)) / 2
    }

    private func acceleration(_ i: Int, _ key: Foot, _ t: EventTiming) -> Double? {
        SavitzkyGolay.secondDerivative(halfWidth: t.accelerationHalfWidth) { value(i + $0, key) }
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

    /// The forefoot leaves at `c`: an acceleration peak, near the belt, not coming down, rising after.
    private func leaves(_ c: Int, band: Double, _ t: EventTiming) -> Bool {
        let w = t.peakHalfWidth
        guard let h = value(c, Foot.toe), let before = value(c - w, Foot.toe), let after = value(c + w, Foot.toe),
              let g = ground(Foot.toe, t), h - g < band, before - h < 0.25 * band, after - h > 0.25 * band
        else { return false }
        return isAccelerationPeak(c, Foot.toe, t)
    }

    /// The sample an event at `time` belongs to: the first frame at or after it (searched from
    /// sample `c`).
    private func sample(at time: Double, _ c: Int) -> Int {
        var i = c
        while ring.holds(i - 1), ring[i - 1].frame >= 0, ring[i - 1].time >= time { i -= 1 }
        while !(ring[i].frame >= 0 && ring[i].time >= time), ring.holds(i + 1) { i += 1 }
        return i
    }

    private mutating func evaluate(_ c: Int, _ t: EventTiming) {
        guard ring.holds(c - t.peakHalfWidth - t.accelerationHalfWidth), ring[c].frame >= 0,
              let leg = legPixels, beltSpeed != nil else { return }
        let band = groundBand * leg
        if lastIC.map({ c - $0 >= t.refractoryFrames }) ?? true, let time = contact(c, band: band, t) {
            lastIC = c
            let i = sample(at: time, c)
            pending.append((i, GaitEvent(kind: .initialContact, side: side, view: .side, frame: ring[i].frame, time: time)))
        }
        if lastTO.map({ c - $0 >= t.refractoryFrames }) ?? true {
            if let ic = lastIC, c - ic < t.minimumContactFrames { return }
            guard leaves(c, band: liftBand * leg, t) else { return }
            let time = peakTime(c, Foot.toe, t)
            lastTO = c
            // (Still the frame of the acceleration peak, not yet the first frame at or after the
            // time: see docs/angles.md, "Event times and frames".)
            pending.append((c, GaitEvent(kind: .toeOff, side: side, view: .side, frame: ring[c].frame, time: time)))
            if let ic = lastIC, c - ic <= t.maximumContactFrames, ring.holds(ic) {
                var best: Int?
                for i in ic...c {
                    let k = ring[i].knee
                    if !k.isNaN && ring[i].frame >= 0 && k > (best.map { ring[$0].knee } ?? -.infinity) { best = i }
                }
                if let b = best {
                    // Reported with its toe-off.
                    pending.append((c, GaitEvent(kind: .midstance, side: side, view: .side, frame: ring[b].frame,
                                                 time: ring[b].time)))
                }
            }
        }
    }
}
