/// Fills the gaps of markers on one rigid body (the pelvis) from the others: in every frame
/// where a marker is missing, it is put where it sits relative to three markers that are
/// present, as it did on average in the frames where all were seen.
enum GapFiller {
    /// Fills every gap it can of the markers in `group`; returns how many samples were filled.
    @discardableResult
    static func fill(_ group: [String], in t: inout MarkerTrajectories) -> Int {
        let names = group.filter { t.markers[$0] != nil }
        var filled = 0
        for target in names {
            guard var samples = t.markers[target], samples.contains(where: { $0 == nil }) else { continue }
            let others = names.filter { $0 != target }
            // Try triples of the other markers in order until the gap frames are covered.
            for a in 0..<others.count {
                for b in (a + 1)..<max(a + 1, others.count) {
                    for c in (b + 1)..<max(b + 1, others.count) {
                        let triple = [others[a], others[b], others[c]]
                        guard let local = meanLocal(target, triple, t) else { continue }
                        for i in 0..<samples.count where samples[i] == nil {
                            if let f = SegmentFrame(t.markers[triple[0]]![i], t.markers[triple[1]]![i],
                                                    t.markers[triple[2]]![i]) {
                                samples[i] = f.global(local)
                                filled += 1
                            }
                        }
                    }
                }
            }
            t.markers[target] = samples
        }
        return filled
    }

    /// The target's mean local position in the triple's frame over frames where all four are seen.
    static func meanLocal(_ target: String, _ triple: [String], _ t: MarkerTrajectories) -> Vector3? {
        guard let m = t.markers[target] else { return nil }
        var sum = Vector3.zero, n = 0.0
        for i in 0..<t.count {
            guard let p = m[i], let f = SegmentFrame(t.markers[triple[0]]![i], t.markers[triple[1]]![i],
                                                     t.markers[triple[2]]![i]) else { continue }
            sum = sum + f.local(p)
            n += 1
        }
        return n >= 10 ? sum * (1 / n) : nil
    }
}
