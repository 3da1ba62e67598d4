/// Turns one camera's frames and gait events into per-stride metrics (`StrideMetrics`).
///
/// Keeps the last 3 seconds of frames. When a leg's initial contact arrives (with the event
/// detector's fixed delay), the stride from its previous contact is complete: its angles are
/// filtered with the zero-lag filter over the stride plus what history and look-ahead there is,
/// and every metric of the view is taken from them (docs/metrics.md). So live and offline results
/// are the same numbers.
public struct StrideAnalyzer: Sendable {
    public let view: CameraView
    /// Side view: the leg carrying the markers.
    public let markerSide: BodySide
    /// Greater trochanter to floor, standing, centimetres (the side view's scale), if known.
    public var legLengthCm: Double?
    /// A standing calibration's scale; wins over the leg length.
    public var centimetresPerPixel: Double?
    /// Rear view: pixels per metre at the pelvis (from the event detector), if known.
    public var rearPixelsPerMetre: Double?
    /// Lateral malleolus height as a fraction of the greater trochanter's (Winter's proportions:
    /// 0.039 and 0.530 of body height).
    public static let ankleHeightFraction = 0.074
    /// A stride whose time differs from the median of the leg's last five by more than this
    /// fraction is not measured: it spans a missed contact (twice as long), or a contact was
    /// taken at the wrong moment (one stride short, the next as much longer), and its metrics
    /// at contact would be wrong. Steady running varies by 1-3 % from stride to stride; a
    /// lasting change of pace is followed after three strides.
    public static let strideTimeTolerance = 0.1

    var ring = SampleRing(capacity: 1024, filler: StrideSample())
    var frameRate: Double?
    struct LegState: Sendable {
        var contact: (index: Int, moment: StrideMetrics.Moment)?
        var toeOff: StrideMetrics.Moment?
        /// Durations of the leg's last five strides, measured or not, seconds (newest last).
        var durations: [Double] = []
        var midstance: StrideMetrics.Moment?
        var count = 0
        /// Heel x at this leg's last contact (rear view).
        var contactHeelX: Double?
        /// The contact dropped by a second toe-off (the stride it opened is left out).
        var dropped: StrideMetrics.Moment?
        /// Right heel x minus left heel x, each at its own contact, taken at this leg's last
        /// contact against the other leg's contact before it (rear view).
        var stepWidthPixels: Double?
    }
    var legs = [LegState(), LegState()]
    /// Strides left out since `takeLeftOut()` was last called, with the reason.
    var leftOut: [LeftOutStride] = []
    /// The stride being measured's step width, pixels.
    var strideStepWidth: Double?

    public init(view: CameraView, markerSide: BodySide = .right, legLengthCm: Double? = nil,
                centimetresPerPixel: Double? = nil) {
        self.view = view
        self.markerSide = markerSide
        self.legLengthCm = legLengthCm
        self.centimetresPerPixel = centimetresPerPixel
    }

    /// Records one frame; call before `add(events:)` for the events it confirmed.
    public mutating func push(frame: Int, time: Double, markers: MarkerFrame, angles: AngleSet, forward: Double,
                              framesPerSecond: Double?) {
        if let f = framesPerSecond { frameRate = f }
        var s = StrideSample(frame: frame, time: time, angles: angles)
        func at(_ i: Int) -> Point? { i < markers.count ? markers[i]?.position : nil }
        switch view {
        case .side:
            s.forward = forward
            s.gt = at(SideMarker.gt.rawValue)
            s.heel = at(SideMarker.hee.rawValue)
            if let gt = s.gt, let kne = at(SideMarker.kne.rawValue), let ank = at(SideMarker.ank.rawValue) {
                s.legPixels = gt.distance(to: kne) + kne.distance(to: ank)
            }
        case .rear:
            s.leftHeel = at(RearMarker.lhee.rawValue)
            s.rightHeel = at(RearMarker.rhee.rawValue)
        }
        ring.append(s)
    }

    /// Takes the events confirmed with the last frame; returns the strides they complete.
    public mutating func add(events: [GaitEvent]) -> [StrideMetrics] {
        var out: [StrideMetrics] = []
        for e in events where e.view == view {
            let i = e.side == .left ? 0 : 1
            let moment = StrideMetrics.Moment(frame: e.frame, time: e.time)
            switch e.kind {
            case .toeOff:
                // A second toe-off since the contact: the contact between them was missed, and a
                // stride from the last one would span two (its stance running over a swing).
                if legs[i].toeOff != nil, let c = legs[i].contact {
                    legs[i].dropped = c.moment
                    legs[i].contact = nil
                }
                legs[i].toeOff = moment
            case .midstance: legs[i].midstance = moment
            case .initialContact:
                guard let index = index(ofFrame: e.frame) else {
                    if let c = legs[i].contact {
                        leftOut.append(LeftOutStride(view: view, side: e.side, contact: c.moment, nextContact: moment,
                                                     reason: .contactNotHeld))
                    }
                    legs[i].contact = nil
                    continue
                }
                if let previous = legs[i].contact {
                    if ring.holds(previous.index) {
                        if let stride = measure(side: e.side, from: previous, to: (index, moment)) { out.append(stride) }
                    } else {
                        leftOut.append(LeftOutStride(view: view, side: e.side, contact: previous.moment, nextContact: moment,
                                                     reason: .contactNotHeld))
                    }
                } else if let d = legs[i].dropped {
                    leftOut.append(LeftOutStride(view: view, side: e.side, contact: d, nextContact: moment, reason: .missedContact))
                }
                legs[i].dropped = nil
                legs[i].contact = (index, moment)
                legs[i].toeOff = nil
                legs[i].midstance = nil
                if view == .rear {
                    let x = (e.side == .left ? ring[index].leftHeel : ring[index].rightHeel)?.x
                    legs[i].contactHeelX = x
                    legs[i].stepWidthPixels = nil
                    if let x, let theirs = legs[1 - i].contactHeelX, let their = legs[1 - i].contact,
                       e.time - their.moment.time < 0.8 {
                        legs[i].stepWidthPixels = e.side == .right ? x - theirs : theirs - x
                    }
                }
            }
        }
        return out
    }

    /// The strides left out since the last call, oldest first.
    public mutating func takeLeftOut() -> [LeftOutStride] {
        defer { leftOut.removeAll(keepingCapacity: true) }
        return leftOut
    }

    func index(ofFrame frame: Int) -> Int? {
        var i = ring.count - 1
        while i >= ring.first {
            if ring[i].frame == frame { return i }
            if ring[i].frame >= 0 && ring[i].frame < frame { return nil }
            i -= 1
        }
        return nil
    }

    // MARK: - one stride

    private mutating func measure(side: BodySide, from a: (index: Int, moment: StrideMetrics.Moment),
                                  to b: (index: Int, moment: StrideMetrics.Moment)) -> StrideMetrics? {
        let duration = b.moment.time - a.moment.time
        func leaveOut(_ r: LeftOutStride.Reason) -> StrideMetrics? {
            leftOut.append(LeftOutStride(view: view, side: side, contact: a.moment, nextContact: b.moment, reason: r))
            return nil
        }
        guard duration > 0.4, duration < 1.6 else { return leaveOut(.outsideStrideTimes) }
        let i = side == .left ? 0 : 1
        // A stride far from the leg's usual time spans a missed contact or starts or ends at a
        // mistimed one (`strideTimeTolerance`). Every stride enters the history, so a lasting
        // change of pace (the belt slowed to a walk) is followed after three strides.
        let history = legs[i].durations
        legs[i].durations.append(duration)
        if legs[i].durations.count > 5 { legs[i].durations.removeFirst() }
        if history.count >= 3 {
            let usual = history.sorted()[history.count / 2]
            guard abs(duration / usual - 1) <= StrideAnalyzer.strideTimeTolerance else { return leaveOut(.irregularTime) }
        }
        legs[i].count += 1
        let leg = legs[i]
        let toeOff = leg.toeOff.flatMap { $0.time > a.moment.time && $0.time < b.moment.time ? $0 : nil }
        let midstance = leg.midstance.flatMap { $0.time > a.moment.time && $0.time < b.moment.time ? $0 : nil }
        var s = StrideMetrics(view: view, side: side, number: leg.count, contact: a.moment, toeOff: toeOff,
                              midstance: midstance, nextContact: b.moment)
        strideStepWidth = leg.stepWidthPixels
        s[.cadence] = 120 / duration
        if let toeOff {
            s[.contactTime] = 1000 * (toeOff.time - a.moment.time)
        }
        let stance = toeOff.flatMap { index(ofFrame: $0.frame) }
        let mid = midstance.flatMap { index(ofFrame: $0.frame) }
        let window = FilteredWindow(ring: ring, from: a.index, to: b.index, frameRate: frameRate)
        switch view {
        case .side: measureSide(&s, window, stanceEnd: stance, midstance: mid, from: a.index, to: b.index)
        case .rear: measureRear(&s, window, stanceEnd: stance, from: a.index, to: b.index)
        }
        return s
    }

    private func measureSide(_ s: inout StrideMetrics, _ w: FilteredWindow, stanceEnd: Int?, midstance: Int?,
                             from a: Int, to b: Int) {
        if let contact = s[.contactTime] {
            s[.flightTime] = max(0, 1000 * s.duration / 2 - contact)
        }
        // At the contact's own time: its frame is the first at or after it.
        let back = frameRate.map { max(0, (ring[a].time - s.contact.time) * $0) } ?? 0
        s[.kneeFlexionAtContact] = w.value(.kneeFlexion, a, before: back)
        s[.hipFlexionAtContact] = w.value(.hipFlexion, a, before: back)
        s[.ankleDorsiflexionAtContact] = w.value(.ankleDorsiflexion, a, before: back)
        s[.tibiaAngleAtContact] = w.value(.tibiaAngle, a, before: back)
        s[.footAngleAtContact] = w.value(.footAngle, a, before: back)
        if let e = stanceEnd {
            s[.peakKneeFlexion] = w.maximum(.kneeFlexion, a...e)
            s[.peakAnkleDorsiflexion] = w.maximum(.ankleDorsiflexion, a...e)
        }
        s[.peakThighExtension] = w.maximum(.thighAngle, a...b, sign: -1)
        if let m = midstance { s[.trunkLean] = w[.trunkLean, m] }

        // Centimetres: the standing calibration's scale, else the leg length over the leg's pixels.
        var cmPerPixel = centimetresPerPixel
        if cmPerPixel == nil, let leg = legLengthCm {
            var lengths: [Double] = []
            for k in a...b where !ring[k].legPixels.isNaN { lengths.append(ring[k].legPixels) }
            if lengths.count * 2 > b - a {
                lengths.sort()
                let typical = lengths[Int(Double(lengths.count - 1) * 0.9)]
                cmPerPixel = leg * (1 - StrideAnalyzer.ankleHeightFraction) / typical
            }
        }
        guard let scale = cmPerPixel else { return }
        let c = ring[a]
        if let heel = c.heel, let gt = c.gt, c.forward != 0 {
            // At the contact's own time, like the angles (between its frame and the one before).
            var ahead = heel.x - gt.x
            if back > 0, ring.holds(a - 1), let h0 = ring[a - 1].heel, let g0 = ring[a - 1].gt {
                ahead += (h0.x - g0.x - ahead) * min(1, back)
            }
            s[.overstride] = c.forward * ahead * scale
        }
        // Greater trochanter height range over each half of the stride (one step each).
        let half = (a + b) / 2
        var ranges: [Double] = []
        for part in [a...half, half...b] {
            var low = Double.infinity, high = -Double.infinity, seen = 0
            for k in part { if let y = ring[k].gt?.y { low = min(low, y); high = max(high, y); seen += 1 } }
            if seen * 10 >= part.count * 9 { ranges.append(high - low) }
        }
        if ranges.count == 2 { s[.verticalOscillation] = (ranges[0] + ranges[1]) / 2 * scale }
    }

    private func measureRear(_ s: inout StrideMetrics, _ w: FilteredWindow, stanceEnd: Int?, from a: Int, to b: Int) {
        let i = s.side == .left ? 0 : 1
        let other = legs[1 - i]
        if let toeOff = s.toeOff, let next = other.contact, next.moment.time > toeOff.time,
           next.moment.time < s.nextContact.time {
            s[.flightTime] = 1000 * (next.moment.time - toeOff.time)
        }
        if let e = stanceEnd {
            // Contralateral drop: the right side lower (+ obliquity) in left stance, and vice versa.
            s[.pelvicDrop] = w.maximum(.pelvicObliquity, a...e, sign: s.side == .left ? 1 : -1)
            s[.hipAdduction] = w.maximum(s.side == .left ? .hipAdductionLeft : .hipAdductionRight, a...e)
            s[.kneeFrontalProjection] = w.maximum(s.side == .left ? .kneeFrontalLeft : .kneeFrontalRight, a...e)
        }
        // Step width: the lateral distance between this contact and the other foot's one before,
        // both taken at contact (so at about the same distance from the camera).
        if let ppm = rearPixelsPerMetre, let width = strideStepWidth {
            s[.stepWidth] = width / ppm * 100
        }
    }
}
