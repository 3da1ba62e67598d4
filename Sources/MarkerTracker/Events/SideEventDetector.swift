/// Live gait events of the camera-side leg from side-view markers (coordinate method).
///
/// Initial contact is the heel furthest forward of the greater trochanter and toe-off the 5th
/// metatarsal furthest behind it (Zeni et al. 2008, the treadmill-friendly coordinate method);
/// midstance is the peak knee flexion between them. An extremum is accepted once it has stayed
/// the extremum for `confirmSeconds` after it, so events arrive with that fixed delay.
public struct SideEventDetector: Sendable {
    public let side: BodySide
    /// Seconds an extremum must hold before it is reported (the live delay).
    public var confirmSeconds = 0.06
    /// No two events of one kind closer than this (a stride at 200 steps/min is 0.6 s).
    public var refractorySeconds = 0.35

    var heel: SignalHistory
    var toe: SignalHistory
    var knee: SignalHistory
    var lastIC: (frame: Int, time: Double)?
    var lastTO: (frame: Int, time: Double)?

    public init(side: BodySide, capacity: Int = 400) {
        self.side = side
        heel = SignalHistory(capacity: capacity)
        toe = SignalHistory(capacity: capacity)
        knee = SignalHistory(capacity: capacity)
    }

    /// Feeds one frame; returns the events confirmed by it (usually none).
    public mutating func push(frame: Int, time: Double, markers: MarkerFrame, angles: AngleSet,
                              forward: Double) -> [GaitEvent] {
        var heelValue: Double?, toeValue: Double?
        if forward != 0, let gt = markers[SideMarker.gt.rawValue]?.position {
            if let h = markers[SideMarker.hee.rawValue]?.position { heelValue = forward * (h.x - gt.x) }
            if let t = markers[SideMarker.mt5.rawValue]?.position { toeValue = forward * (t.x - gt.x) }
        }
        heel.append(.init(frame: frame, time: time, value: heelValue))
        toe.append(.init(frame: frame, time: time, value: toeValue))
        knee.append(.init(frame: frame, time: time, value: angles[.kneeFlexion]))

        var events: [GaitEvent] = []
        if let ic = confirmedExtremum(heel, maximum: true), ic.time - (lastIC?.time ?? -.infinity) > refractorySeconds {
            lastIC = ic
            events.append(GaitEvent(kind: .initialContact, side: side, view: .side, frame: ic.frame, time: ic.time))
        }
        if let to = confirmedExtremum(toe, maximum: false), to.time - (lastTO?.time ?? -.infinity) > refractorySeconds {
            lastTO = to
            events.append(GaitEvent(kind: .toeOff, side: side, view: .side, frame: to.frame, time: to.time))
            if let ic = lastIC, ic.time < to.time, let ms = kneePeak(from: ic.time, to: to.time) {
                events.append(GaitEvent(kind: .midstance, side: side, view: .side, frame: ms.frame, time: ms.time))
            }
        }
        return events.sorted { $0.time < $1.time }
    }

    /// The sample `confirmSeconds` back, if it is the extremum of the window around it.
    private func confirmedExtremum(_ h: SignalHistory, maximum: Bool) -> (frame: Int, time: Double)? {
        guard let c = h.index(secondsBeforeLast: confirmSeconds), let v = h[c].value else { return nil }
        let centre = h[c].time
        var i = c
        // Look back as far as forward (symmetric window).
        while i > 0 && centre - h[i - 1].time <= confirmSeconds { i -= 1 }
        // The window must reach as far back as forward: no events from the first samples.
        guard i > 0 else { return nil }
        for j in i..<h.count where j != c {
            guard let w = h[j].value else { return nil }
            if maximum ? (w > v || (w == v && j < c)) : (w < v || (w == v && j < c)) { return nil }
        }
        return (h[c].frame, h[c].time)
    }

    private func kneePeak(from t0: Double, to t1: Double) -> (frame: Int, time: Double)? {
        var best: (frame: Int, time: Double, value: Double)?
        for i in 0..<knee.count {
            let s = knee[i]
            guard s.time >= t0, s.time <= t1, let v = s.value else { continue }
            if best == nil || v > best!.value { best = (s.frame, s.time, v) }
        }
        return best.map { ($0.frame, $0.time) }
    }
}
