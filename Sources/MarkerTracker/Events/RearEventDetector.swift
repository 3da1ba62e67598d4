/// Live gait events of both legs from rear-view markers, with a fixed delay.
///
/// Initial contact of a leg is the impact of its heel: the peak upward acceleration of the heel
/// marker while it comes down into the lower part of its range (as in the side view), told from
/// a hover of the heel in late swing as `lands` describes. The rear
/// view has no forefoot marker, so toe-off is taken from the body instead: after the last foot
/// leaves the belt the pelvis is in free fall, and toe-off is the first frame of the last stretch
/// in which the pelvis (midpoint of the spines) falls with the acceleration of gravity, within
/// +-35 %, before the other foot lands, placed exactly where the path changes from the stance
/// curve to the flight parabola (the split with the smallest error of a parabola fitted on each
/// side), no later than the middle of the first window that reads free fall; it is reported
/// when that foot lands. Gravity in pixels comes from the athlete's leg length (the spine-to-heel
/// height at contact is taken as 1.05 leg lengths; about +-8 % on the runners checked, well
/// inside the tolerance, though the recorded runner's toe-offs move with it: 76 % within a frame
/// with a leg length 8 % short, 88 % right, 90 % 8 % long). Midstance is the lowest pelvis
/// position between contact and toe-off.
/// Contacts are reported `rearDelayFrames` frames after the frame they happened in (100 ms at
/// 120 fps: 25 ms more than the side view, to tell a hover from a landing).
public struct RearEventDetector: Sendable {
    struct Sample: Sendable {
        var time = 0.0
        var frame = -1
        /// Heel heights (-y, pixels) of the left and right heel; NaN when missing.
        var heelL = Double.nan
        var heelR = Double.nan
        /// Image y of the midpoint of the spines (down positive); NaN when missing.
        var pelvis = Double.nan
    }

    struct Leg: Sendable {
        var lastIC: Int?
        /// Contact awaiting its toe-off (found when the other foot lands).
        var open: Int?
    }

    /// Leg length (greater trochanter to floor), metres, for the pixel scale of gravity.
    public var legLengthMetres: Double
    /// Spine-to-heel height at contact, in leg lengths.
    public static let spineHeightAtContact = 1.05
    public private(set) var clock: FrameClock
    public private(set) var timing: EventTiming?
    var ring = SampleRing(capacity: 1024, filler: Sample())
    var next = 0
    var legs = [Leg(), Leg()]
    /// Recent spine-to-heel heights at contact, pixels.
    var contactHeights: [Double] = []

    /// `legLengthCm` nil: an adult's 90 cm is assumed (only toe-off timing depends on it, loosely).
    public init(legLengthCm: Double? = nil, framesPerSecond: Double? = nil) {
        legLengthMetres = (legLengthCm ?? 90) / 100
        clock = FrameClock(framesPerSecond: framesPerSecond)
        if let f = framesPerSecond { timing = EventTiming(framesPerSecond: f) }
        contactHeights.reserveCapacity(16)
    }

    /// Pixels per metre at the pelvis, once a few contacts were seen (updated at each contact).
    public private(set) var pixelsPerMetre: Double?

    mutating func rememberContactHeight(_ h: Double) {
        contactHeights.append(h)
        if contactHeights.count > 12 { contactHeights.removeFirst() }
        guard contactHeights.count >= 3 else { return }
        let s = contactHeights.sorted()
        pixelsPerMetre = s[s.count / 2] / (RearEventDetector.spineHeightAtContact * legLengthMetres)
    }

    /// Feeds one frame; returns the events confirmed by it (usually none), oldest first.
    public mutating func push(frame: Int, time: Double, markers: MarkerFrame) -> [GaitEvent] {
        let step = clock.advance(to: time)
        guard step > 0 else { return [] }
        if timing == nil, let f = clock.framesPerSecond { timing = EventTiming(framesPerSecond: f) }
        for _ in 1..<min(step, ring.capacity) { ring.append(Sample()) }
        func at(_ m: RearMarker) -> Point? {
            guard m.rawValue < markers.count else { return nil }
            return markers[m.rawValue]?.position
        }
        var s = Sample(time: time, frame: frame)
        if let l = at(.lhee) { s.heelL = -l.y }
        if let r = at(.rhee) { s.heelR = -r.y }
        if let l = at(.lpsi), let r = at(.rpsi) { s.pelvis = (l.y + r.y) / 2 }
        ring.append(s)

        guard let timing else { return [] }
        var events: [GaitEvent] = []
        while next <= ring.count - 1 - timing.rearDelayFrames {
            evaluate(next, timing, into: &events)
            next += 1
        }
        return events.sorted { $0.time < $1.time }
    }

    // MARK: - evaluation

    private static func key(_ s: BodySide) -> KeyPath<Sample, Double> { s == .left ? \.heelL : \.heelR }

    private func value(_ i: Int, _ key: KeyPath<Sample, Double>) -> Double? {
        guard ring.holds(i) else { return nil }
        let v = ring[i][keyPath: key]
        return v.isNaN ? nil : v
    }

    private func acceleration(_ i: Int, _ key: KeyPath<Sample, Double>, halfWidth k: Int) -> Double? {
        SavitzkyGolay.secondDerivative(halfWidth: k) { value(i + $0, key) }
    }

    /// The heel of `side` lands at `c`: a peak of upward acceleration low in the heel's range,
    /// while coming down, followed by steady motion (the foot carried by the belt).
    ///
    /// Seen from behind, a real runner's heel can hover in late swing (it slows down in the
    /// image about 100 ms before landing, then goes down again): a first deceleration, often
    /// larger than the impact's. So the peak must dominate the frames after it (a later value
    /// within 5 % of it does not count: a weak impact can read as two near-equal maxima, the
    /// impact and the foot settling, and the first is the contact), but the frames before it
    /// only back to the last one where the heel was accelerating downward (the hover's
    /// re-acceleration separates the two); the heel must be coming down at the impact (its mean
    /// speed over the fit's half-width at least 0.6 ranges per second, not "5 % of its range
    /// in the last 40 ms", which a hover right before the impact fails); and after the impact the
    /// heel is steady: no acceleration beyond half the peak's, or beyond 25 ranges per s^2
    /// (a weak impact on a real foot is followed by the foot's small roll, not by a swing),
    /// as far as the side view's look-ahead reaches; over the rear view's extra frames, no
    /// downward acceleration beyond that bound: a hovering heel, 80-110 ms before it lands, sets
    /// off down again there, while a landed foot may only stop (the sole flat on the belt).
    private func lands(_ c: Int, _ side: BodySide, _ t: EventTiming) -> Bool {
        let key = RearEventDetector.key(side)
        let k = t.accelerationHalfWidth, fps = t.framesPerSecond
        guard let h = value(c, key), let before = value(c - k, key) else { return false }
        var low = Double.infinity, high = -Double.infinity, seen = 0
        for i in max(ring.first, ring.count - t.historyFrames)..<ring.count {
            let v = ring[i][keyPath: key]
            if !v.isNaN { low = min(low, v); high = max(high, v); seen += 1 }
        }
        let range = high - low
        guard seen >= t.warmUpFrames, range > 0, h < low + 0.3 * range,
              (before - h) / Double(k) > RearEventDetector.landingSpeed * range / fps else { return false }
        guard let a0 = acceleration(c, key, halfWidth: k), a0 > 0 else { return false }
        for j in (c + 1)...(c + t.peakHalfWidth) {
            guard let a = acceleration(j, key, halfWidth: k) else { return false }
            if a > RearEventDetector.peakTie * a0 { return false }
        }
        for j in stride(from: c - 1, through: c - t.peakHalfWidth, by: -1) {
            guard let a = acceleration(j, key, halfWidth: k) else { return false }
            if a <= 0 { break }
            if a >= a0 { return false }
        }
        // Steady after the impact (beyond the fit's reach, as far as the look-ahead allows).
        let steady = max(0.5 * a0, RearEventDetector.steadyAcceleration * range / (fps * fps))
        for j in (c + k + 1)...max(c + k + 1, c + t.rearDelayFrames - k) {
            guard let a = acceleration(j, key, halfWidth: k) else { return false }
            if j <= c + t.delayFrames - k ? abs(a) > steady : a < -steady { return false }
        }
        return true
    }

    /// Least downward speed of a heel at its impact, heel ranges per second.
    static let landingSpeed = 0.6
    /// Acceleration a landed heel stays under in any case, heel ranges per s^2.
    static let steadyAcceleration = 25.0
    /// A later acceleration must exceed the peak by this factor to outrank it.
    static let peakTie = 1.05

    /// Time of the heel's acceleration peak at `c`, refined between frames by a parabola.
    private func peakTime(_ c: Int, _ side: BodySide, _ t: EventTiming) -> Double {
        let key = RearEventDetector.key(side), k = t.accelerationHalfWidth
        guard let a0 = acceleration(c - 1, key, halfWidth: k), let a1 = acceleration(c, key, halfWidth: k),
              let a2 = acceleration(c + 1, key, halfWidth: k) else { return ring[c].time }
        let curvature = a0 - 2 * a1 + a2
        guard curvature < 0 else { return ring[c].time }
        let delta = max(-0.5, min(0.5, (a0 - a2) / (2 * curvature)))
        return ring[c].time + delta / t.framesPerSecond
    }

    /// Whether the pelvis falls freely over the samples `j ... j + 2K` (a quadratic fit whose
    /// downward acceleration is within +-35 % of gravity), nil when samples are missing.
    private func freeFall(from j: Int, gravity: Double, _ t: EventTiming) -> Bool? {
        let k = t.pelvisHalfWidth
        guard let a = acceleration(j + k, \.pelvis, halfWidth: k) else { return nil }
        return a > 0.65 * gravity && a < 1.35 * gravity
    }

    /// Toe-off of the leg whose contact began at sample `ic`, now that the other foot landed at
    /// `b`: the start of the last stretch of free fall before `b`.
    private func toeOff(contact ic: Int, nextContact b: Int, _ t: EventTiming) -> Int? {
        guard let ppm = pixelsPerMetre else { return nil }
        let gravity = 9.81 * ppm / (t.framesPerSecond * t.framesPerSecond)
        let earliest = max(ic + t.minimumContactFrames, ring.first)
        // Windows ending before the landing sample only.
        var j = b - 1 - 2 * t.pelvisHalfWidth
        while j >= earliest && freeFall(from: j, gravity: gravity, t) != true { j -= 1 }
        guard j >= earliest else { return nil }
        var start = j
        while start - 1 >= earliest && freeFall(from: start - 1, gravity: gravity, t) == true { start -= 1 }
        guard j - start >= 1 else { return nil }
        // Windows reaching back over the take-off can pass the test by chance. The take-off is a
        // change of path: place it where a parabola before and the flight parabola after fit best,
        // but no later than the middle of the first free-fall window (two frames at the least, for
        // the 3-sample windows of low frame rates): a fit reads free fall only when the pelvis is
        // in the air for at least its later half. On a real pelvis the change of path is gradual
        // (the legs still move the body's mass around it after the foot leaves) and the best split
        // drifts later, up to the end of the range, without that bound.
        let k = t.pelvisHalfWidth
        let last = j + 2 * k
        let lowest = max(earliest, start - 2 * k), highest = min(start + max(k, 2), last - 3)
        guard lowest <= highest else { return nil }
        var best: (index: Int, cost: Double)?
        for split in lowest...highest {
            guard let flight = Parabola(fitting: split...last, { value($0, \.pelvis) }),
                  let before = Parabola(fitting: (split - 2 * k - 2)...(split - 1), { value($0, \.pelvis) })
            else { continue }
            var cost = 0.0
            for i in split...last { let r = value(i, \.pelvis)! - flight(i); cost += r * r }
            for i in (split - 2 * k - 2)...(split - 1) { let r = value(i, \.pelvis)! - before(i); cost += r * r }
            if cost < (best?.cost ?? .infinity) { best = (split, cost) }
        }
        guard let to = best?.index else { return nil }
        guard to - ic <= t.maximumContactFrames, ring[to].frame >= 0 else { return nil }
        return to
    }

    private mutating func evaluate(_ c: Int, _ t: EventTiming, into events: inout [GaitEvent]) {
        guard ring.holds(c - t.peakHalfWidth - t.accelerationHalfWidth), ring[c].frame >= 0 else { return }
        let sample = ring[c]
        for side in BodySide.allCases {
            let i = side == .left ? 0 : 1
            guard legs[i].lastIC.map({ c - $0 >= t.refractoryFrames }) ?? true, lands(c, side, t) else { continue }
            // The other leg's stance ended before this contact: find its toe-off and midstance.
            if let o = legs[1 - i].open, ring.holds(o), let to = toeOff(contact: o, nextContact: c, t) {
                let other = side.opposite
                events.append(GaitEvent(kind: .toeOff, side: other, view: .rear, frame: ring[to].frame,
                                        time: ring[to].time))
                var lowest: Int?
                for k in o...to where ring[k].frame >= 0 && !ring[k].pelvis.isNaN {
                    if ring[k].pelvis > (lowest.map { ring[$0].pelvis } ?? -.infinity) { lowest = k }
                }
                if let m = lowest {
                    events.append(GaitEvent(kind: .midstance, side: other, view: .rear, frame: ring[m].frame,
                                            time: ring[m].time))
                }
            }
            legs[1 - i].open = nil
            legs[i].lastIC = c
            legs[i].open = c
            if let heel = value(c, RearEventDetector.key(side)), let pelvis = value(c, \.pelvis) {
                rememberContactHeight(-heel - pelvis)
            }
            events.append(GaitEvent(kind: .initialContact, side: side, view: .rear, frame: sample.frame,
                                    time: peakTime(c, side, t)))
        }
    }
}
