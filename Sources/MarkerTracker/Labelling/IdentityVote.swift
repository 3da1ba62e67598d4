/// Decides between rival readings of the same tracked spots by how well each fits the body over
/// time, not in one frame.
///
/// Some frames fit two labellings about equally (a heel passing its knee, a crossover runner's
/// heels, a fast runner's heel above the thigh LED), and a runner whose build or LED placement
/// is unusual can make a wrong reading fit one frame better than the right one. Each rival stays
/// a hypothesis: which tracked spot each marker is. Every frame with all spots seen adds each
/// hypothesis's shape cost (an impossible shape adds `impossibleCost`); once `window` frames are
/// in, about half a stride, in which both legs trade stance and swing and every wrong reading
/// meets poses it cannot fit, the cheapest wins if it leads every other by `margin`; a reading
/// that leads by `margin` in every frame on average wins sooner. Working storage is kept
/// between frames.
struct IdentityVote: Sendable {
    /// Per hypothesis, for each marker, the track (the marker index of the reading the tracks
    /// were built from) whose spot it would be.
    private(set) var hypotheses: [[Int]]
    private(set) var totals: [Double]
    /// Frames evaluated so far.
    private(set) var frames = 0
    /// Markers every hypothesis reads the same way (safe to show while the vote runs).
    private(set) var agreed: [Bool]
    var scratch: [Point] = []

    /// A vote between readings given as permutations of the tracks' markers (the first is the
    /// tracks' own reading, the identity, if present).
    init(hypotheses: [[Int]]) {
        self.hypotheses = hypotheses
        totals = [Double](repeating: 0, count: hypotheses.count)
        let n = hypotheses.first?.count ?? 0
        agreed = (0..<n).map { m in hypotheses.allSatisfy { $0[m] == hypotheses[0][m] } }
    }

    /// Readings of one frame's labellings (`candidates`, best first) as hypotheses over tracks
    /// built from the first one; readings that use a spot the first does not are left out.
    init(candidates: [[Int?]]) {
        var hyps: [[Int]] = []
        if let best = candidates.first {
            for c in candidates {
                let perm = c.map { b in b.flatMap { b in best.firstIndex(of: b) } }
                guard perm.allSatisfy({ $0 != nil }) else { continue }
                let p = perm.map { $0! }
                if !hyps.contains(p) { hyps.append(p) }
            }
        }
        self.init(hypotheses: hyps)
    }

    /// Whether there is anything to decide.
    var isContested: Bool { hypotheses.count > 1 }

    /// Adds one frame: `positions[k]` is where track k's spot is. `cost` scores a reading given in
    /// marker order (nil: impossible).
    mutating func add(_ positions: [Point], impossibleCost: Double, cost: ([Point]) -> Double?) {
        frames += 1
        for (h, perm) in hypotheses.enumerated() {
            scratch.removeAll(keepingCapacity: true)
            for m in perm.indices { scratch.append(positions[perm[m]]) }
            totals[h] += cost(scratch) ?? impossibleCost
        }
    }

    /// The winning hypothesis once `window` frames are in and it leads every other by `margin`;
    /// or sooner, from `early` frames on, if it leads by `margin` in every frame on average (each
    /// frame as decisive as the whole window must be).
    func decision(window: Int, margin: Double, early: Int) -> [Int]? {
        guard let lead = totals.indices.min(by: { totals[$0] < totals[$1] }) else { return nil }
        if hypotheses.count == 1 { return hypotheses[0] }
        guard frames >= early else { return nil }
        let needed = frames >= window ? margin : margin * Double(frames)
        for h in totals.indices where h != lead && totals[h] - totals[lead] < needed { return nil }
        return hypotheses[lead]
    }

    /// The first marker the hypotheses read differently, and its rival (for the status line).
    var contested: LabellingFailure? {
        guard let m = agreed.firstIndex(of: false) else { return nil }
        let rival = hypotheses.first { $0[m] != hypotheses[0][m] }
        return .ambiguous(marker: m, other: rival.flatMap { r in hypotheses[0].firstIndex(of: r[m]) })
    }
}
