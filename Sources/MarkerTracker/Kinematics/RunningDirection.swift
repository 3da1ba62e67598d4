/// Which way the runner faces in the side view (+1 image right, -1 left, 0 not yet known): the
/// one rule for it, used by the tracker while it labels and by every replay of stored markers.
///
/// Each frame votes with the foot (toe ahead of heel most of the cycle, weight 1) and the trunk
/// (leaning slightly forward, weight 0.5), each as the x component of the unit vector; the votes
/// are averaged with a 50-frame memory (0.98 per frame). The direction is taken once the average
/// passes 0.15 and turned only when it passes 0.3 the other way (hysteresis: a stride's worth of
/// odd frames never flips it).
public struct RunningDirection: Sendable, Equatable {
    public private(set) var forward: Double = 0
    var vote = 0.0

    public init() {}

    /// Adds one frame's side-view markers (labelled, in `SideMarker` order).
    public mutating func add(_ m: MarkerFrame) {
        var v = 0.0
        if m.count > SideMarker.mt5.rawValue, let h = m[SideMarker.hee.rawValue], let t = m[SideMarker.mt5.rawValue] {
            let d = t.position - h.position
            v += d.x / max(1, d.length)
        }
        if m.count > SideMarker.gt.rawValue, let s = m[SideMarker.sho.rawValue], let g = m[SideMarker.gt.rawValue] {
            let d = s.position - g.position
            v += 0.5 * d.x / max(1, d.length)
        }
        vote = vote * 0.98 + v * 0.02
        if forward == 0 {
            if abs(vote) > 0.15 { forward = vote > 0 ? 1 : -1 }
        } else if vote * forward < -0.3 {
            forward = -forward
        }
    }

    /// Starts the vote from a labelling that judged the whole figure facing `direction` (the
    /// labeller's best hypothesis): a fifth of a full vote, so the next frames decide.
    public mutating func seed(_ direction: Double) {
        guard forward == 0 else { return }
        vote = direction * 0.2
    }
}
