/// Labels rear-view blobs from scratch, in any running frame.
///
/// The two posterior iliac spines are a pair among the highest blobs (left one on image left).
/// The remaining blobs are tried as thigh, knee and heel of each leg: thighs below their own
/// spine and in left-right order, knees below thighs, and segment lengths in proportion to the
/// pelvis width (or to the lengths learned while tracking). Markers already known can be fixed,
/// so lost ones are re-found among the spare blobs. As with the side view, a labelling that is
/// not clearly the best is not returned.
public struct RearLabeller: Sendable {
    /// Most blobs considered (brightest first); extra spots beyond this are ignored.
    public var maxBlobs = 14
    public var ambiguityRatio = 1.6
    /// A labelling costing more than this is no body: nothing is labelled (a spot chosen only
    /// because nothing better was left, such as a lamp taken for a hidden LED, costs far more).
    public var maxCost = 12.0

    public init() {}

    public func label(_ blobs: [Blob], fixed: [Int?]? = nil, reference: [Double?]? = nil,
                      prior: LabelPrior? = nil) -> LabelHypothesis? {
        let fixedBlobs = Set((fixed ?? []).compactMap { $0 })
        var order = blobs.indices.filter { !fixedBlobs.contains($0) }.sorted { blobs[$0].mass > blobs[$1].mass }
        order = Array(order.prefix(max(0, maxBlobs - fixedBlobs.count))) + fixedBlobs.sorted()
        let n = order.count
        guard n >= 8 else { return nil }
        let pts = order.map { blobs[$0].centroid }
        var pinned = [Int](repeating: -1, count: 8)
        if let fixed {
            for (m, b) in fixed.enumerated() where m < 8 {
                if let b, let i = order.firstIndex(of: b) { pinned[m] = i }
            }
        }
        var search = Search(points: pts, pinned: pinned, ambiguityRatio: ambiguityRatio)

        // Pelvis: the pinned spines, or each pair among the highest four blobs.
        let byHeight = pts.indices.sorted { pts[$0].y < pts[$1].y }
        let top = Array(byHeight.prefix(4))
        let lefts = pinned[0] >= 0 ? [pinned[0]] : top
        let rights = pinned[1] >= 0 ? [pinned[1]] : top
        for a in lefts {
            for b in rights where a != b && pts[a].x < pts[b].x {
                search.chosen[0] = a
                search.chosen[1] = b
                assignLegs(&search, reference: reference, prior: prior)
            }
        }
        guard search.bestCost <= maxCost else { return nil }
        if search.secondCost < max(search.bestCost * ambiguityRatio, search.bestCost + 0.05) { return nil }
        let map: [Int?] = search.best.map { order[$0] }
        return LabelHypothesis(blobForMarker: map, cost: search.bestCost, forward: 0)
    }

    /// State of one depth-first search: the chain being built, and the best two labellings.
    struct Search {
        let points: [Point]
        let pinned: [Int]
        let ambiguityRatio: Double
        var chosen = [Int](repeating: -1, count: 8)
        var used: [Bool]
        var best = [Int](repeating: -1, count: 8)
        var bestCost = Double.infinity
        var secondCost = Double.infinity

        init(points: [Point], pinned: [Int], ambiguityRatio: Double) {
            self.points = points
            self.pinned = pinned
            self.ambiguityRatio = ambiguityRatio
            used = [Bool](repeating: false, count: points.count)
        }

        /// Partial chains costing this much cannot change the answer: they can be neither the
        /// best nor a runner-up close enough to make the best ambiguous (costs only grow).
        var bound: Double { min(secondCost, max(bestCost * ambiguityRatio, bestCost + 0.05)) }

        mutating func consider(_ cost: Double) {
            if cost < bestCost {
                if best != chosen { secondCost = bestCost }
                bestCost = cost
                for i in 0..<8 { best[i] = chosen[i] }
            } else if best != chosen, cost < secondCost {
                secondCost = cost
            }
        }
    }

    /// Tries every ordered choice of the remaining blobs as LTHI, RTHI, LKNE, RKNE, LHEE, RHEE.
    private func assignLegs(_ s: inout Search, reference: [Double?]?, prior: LabelPrior?) {
        let p = s.points
        let lpsi = p[s.chosen[0]], rpsi = p[s.chosen[1]]
        let width = lpsi.distance(to: rpsi)
        guard width > 2 else { return }
        for i in s.used.indices { s.used[i] = false }
        s.used[s.chosen[0]] = true
        s.used[s.chosen[1]] = true
        for m in 2..<8 where s.pinned[m] >= 0 { s.used[s.pinned[m]] = true }
        func search(_ depth: Int, _ cost: Double) {
            if cost >= s.bound { return }
            if depth == 8 {
                var total = cost + referenceCost(p, s.chosen, reference)
                if let prior {
                    for m in 0..<8 { total += prior.cost(of: m, at: p[s.chosen[m]]) }
                }
                s.consider(total)
                return
            }
            if s.pinned[depth] >= 0 {
                let i = s.pinned[depth]
                guard let c = stepCost(p, s.chosen, depth: depth, candidate: i, width: width) else { return }
                s.chosen[depth] = i
                search(depth + 1, cost + c)
                s.chosen[depth] = -1
                return
            }
            for i in 0..<p.count where !s.used[i] {
                guard let c = stepCost(p, s.chosen, depth: depth, candidate: i, width: width) else { continue }
                s.chosen[depth] = i
                s.used[i] = true
                search(depth + 1, cost + c)
                s.used[i] = false
                s.chosen[depth] = -1
            }
        }
        search(2, 0)
    }

    private func referenceCost(_ p: [Point], _ c: [Int], _ reference: [Double?]?) -> Double {
        guard let reference else { return 0 }
        var cost = 0.0
        for (s, seg) in MarkerSet.rear.segments.enumerated() {
            // Shanks foreshorten in swing: not compared.
            if seg.to == RearMarker.lhee.rawValue || seg.to == RearMarker.rhee.rawValue { continue }
            guard s < reference.count, let ref = reference[s], ref > 1 else { continue }
            let d = (p[c[seg.from]].distance(to: p[c[seg.to]]) / ref - 1) / 0.2
            cost += d * d
        }
        return cost
    }

    /// Cost of putting blob `i` at marker `depth` given the markers before it, or nil if impossible.
    private func stepCost(_ p: [Point], _ c: [Int], depth: Int, candidate i: Int, width: Double) -> Double? {
        let q = p[i]
        func sq(_ x: Double) -> Double { x * x }
        switch RearMarker(rawValue: depth)! {
        case .lthi, .rthi:
            let psi = p[c[depth == 2 ? 0 : 1]]
            let drop = q.y - psi.y
            guard drop > 0.5 * width, drop < 8 * width, abs(q.x - psi.x) < 2.5 * width else { return nil }
            if depth == 3 && !(p[c[2]].x < q.x) { return nil }
            // Mid-thigh sits about three pelvis widths below the spine, roughly under it.
            return sq((drop / width - 3) / 2) + sq((q.x - psi.x) / (1.5 * width))
        case .lkne, .rkne:
            let thi = p[c[depth == 4 ? 2 : 3]]
            let drop = q.y - thi.y
            guard drop > 0.3 * width, drop < 6 * width, abs(q.x - thi.x) < 2 * width else { return nil }
            var cost = sq((drop / width - 1.8) / 1.5) + sq((q.x - thi.x) / (1.2 * width))
            if depth == 5 && !(p[c[4]].x < q.x) { cost += 2 }
            return cost
        case .lhee, .rhee:
            let thi = p[c[depth == 6 ? 2 : 3]], kne = p[c[depth == 6 ? 4 : 5]]
            let thigh = kne.distance(to: thi)
            let shank = q.distance(to: kne)
            // The legs swing in the sagittal plane: seen from behind, a heel stays close to
            // the vertical through its knee (a spot far to the side is a lamp or a reflection).
            guard shank > 0.15 * thigh, shank < 6 * thigh, abs(q.x - kne.x) < 1.5 * width else { return nil }
            // In stance the heel is far below the knee; in swing it rises behind it.
            return sq((shank / thigh - 2.5) / 2) + sq((q.x - kne.x) / (1.5 * width))
        default:
            return nil
        }
    }
}
