/// Live midstance events of both legs from rear-view markers.
///
/// The pelvis is lowest in the image (largest y of the spines' midpoint) near midstance of the
/// supporting leg; the supporting leg is the one whose heel is lower at that moment. Each such
/// minimum becomes a midstance event of that side once it has held for `confirmSeconds`.
public struct RearEventDetector: Sendable {
    public var confirmSeconds = 0.06
    public var refractorySeconds = 0.18

    var pelvis: SignalHistory
    var heelDifference: SignalHistory
    var lastMS: Double = -.infinity

    public init(capacity: Int = 400) {
        pelvis = SignalHistory(capacity: capacity)
        heelDifference = SignalHistory(capacity: capacity)
    }

    public mutating func push(frame: Int, time: Double, markers: MarkerFrame) -> [GaitEvent] {
        var p: Double?, d: Double?
        if let l = markers[RearMarker.lpsi.rawValue]?.position, let r = markers[RearMarker.rpsi.rawValue]?.position {
            p = (l.y + r.y) / 2
        }
        if let l = markers[RearMarker.lhee.rawValue]?.position, let r = markers[RearMarker.rhee.rawValue]?.position {
            d = l.y - r.y
        }
        pelvis.append(.init(frame: frame, time: time, value: p))
        heelDifference.append(.init(frame: frame, time: time, value: d))
        guard let c = pelvis.index(secondsBeforeLast: confirmSeconds), let v = pelvis[c].value else { return [] }
        let centre = pelvis[c].time
        var i = c
        while i > 0 && centre - pelvis[i - 1].time <= confirmSeconds { i -= 1 }
        guard i > 0 else { return [] }
        for j in i..<pelvis.count where j != c {
            guard let w = pelvis[j].value else { return [] }
            if w > v || (w == v && j < c) { return [] }
        }
        guard centre - lastMS > refractorySeconds, let diff = heelDifference[c].value else { return [] }
        lastMS = centre
        let side: BodySide = diff > 0 ? .left : .right
        return [GaitEvent(kind: .midstance, side: side, view: .rear, frame: pelvis[c].frame, time: centre)]
    }
}
