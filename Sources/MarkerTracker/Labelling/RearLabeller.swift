/// Labels rear-view blobs from scratch, in any running frame.
///
/// The two posterior iliac spines are the highest pair of blobs close together (left one on image
/// left). The remaining six are tried as thigh, knee and heel of each leg: thighs below their own
/// spine and in left-right order, knees below thighs, and segment lengths in proportion to the
/// pelvis width. As with the side view, a labelling that is not clearly the best is not returned.
public struct RearLabeller: Sendable {
    public var maxBlobs = 10
    public var ambiguityRatio = 1.6

    public init() {}

    public func label(_ blobs: [Blob]) -> LabelHypothesis? {
        let n = min(blobs.count, maxBlobs)
        guard n >= 8 else { return nil }
        let order = Array(blobs.indices.sorted { blobs[$0].mass > blobs[$1].mass }.prefix(n))
        let pts = order.map { blobs[$0].centroid }
        var best: (cost: Double, perm: [Int])?
        var second: (cost: Double, perm: [Int])?

        // Pelvis: try each pair among the highest four blobs.
        let byHeight = pts.indices.sorted { pts[$0].y < pts[$1].y }
        let top = Array(byHeight.prefix(4))
        var chosen = [Int](repeating: -1, count: 8)
        for a in top {
            for b in top where pts[a].x < pts[b].x {
                chosen[0] = a
                chosen[1] = b
                let rest = pts.indices.filter { $0 != a && $0 != b }
                assignLegs(pts, rest, &chosen) { cost, perm in
                    if let bb = best {
                        if cost < bb.cost {
                            if bb.perm != perm { second = bb }
                            best = (cost, perm)
                        } else if bb.perm != perm, cost < (second?.cost ?? .infinity) {
                            second = (cost, perm)
                        }
                    } else {
                        best = (cost, perm)
                    }
                }
            }
        }
        guard let b = best else { return nil }
        if let s = second, s.cost < max(b.cost * ambiguityRatio, b.cost + 0.05) { return nil }
        let map: [Int?] = b.perm.map { order[$0] }
        return LabelHypothesis(blobForMarker: map, cost: b.cost, forward: 0)
    }

    /// Tries every ordered choice of the remaining blobs as LTHI, RTHI, LKNE, RKNE, LHEE, RHEE.
    private func assignLegs(_ p: [Point], _ rest: [Int], _ chosen: inout [Int], _ report: (Double, [Int]) -> Void) {
        let lpsi = p[chosen[0]], rpsi = p[chosen[1]]
        let width = lpsi.distance(to: rpsi)
        guard width > 2 else { return }
        let pelvisY = (lpsi.y + rpsi.y) / 2
        var used = [Bool](repeating: false, count: p.count)
        func search(_ depth: Int, _ cost: Double) {
            if depth == 8 {
                report(cost, chosen)
                return
            }
            for i in rest where !used[i] {
                guard let c = stepCost(p, chosen, depth: depth, candidate: i, width: width, pelvisY: pelvisY) else {
                    continue
                }
                chosen[depth] = i
                used[i] = true
                search(depth + 1, cost + c)
                used[i] = false
                chosen[depth] = -1
            }
        }
        search(2, 0)
    }

    /// Cost of putting blob `i` at marker `depth` given the markers before it, or nil if impossible.
    private func stepCost(_ p: [Point], _ c: [Int], depth: Int, candidate i: Int, width: Double, pelvisY: Double) -> Double? {
        let q = p[i]
        func sq(_ x: Double) -> Double { x * x }
        switch RearMarker(rawValue: depth)! {
        case .lthi, .rthi:
            let psi = p[c[depth == 2 ? 0 : 1]]
            let drop = q.y - psi.y
            guard drop > 0.5 * width, drop < 6 * width else { return nil }
            if depth == 3 && !(p[c[2]].x < q.x) { return nil }
            // Mid-thigh sits about 2.5 pelvis widths below the spine, roughly under it.
            return sq((drop / width - 2.5) / 1.5) + sq((q.x - psi.x) / (1.5 * width))
        case .lkne, .rkne:
            let thi = p[c[depth == 4 ? 2 : 3]]
            let drop = q.y - thi.y
            guard drop > 0.5 * width, drop < 6 * width else { return nil }
            var cost = sq((drop / width - 2.2) / 1.5) + sq((q.x - thi.x) / (1.2 * width))
            if depth == 5 && !(p[c[4]].x < q.x) { cost += 2 }
            return cost
        case .lhee, .rhee:
            let thi = p[c[depth == 6 ? 2 : 3]], kne = p[c[depth == 6 ? 4 : 5]]
            let thigh = kne.distance(to: thi)
            let shank = q.distance(to: kne)
            guard shank > 0.3 * thigh, shank < 4 * thigh else { return nil }
            // In stance the heel is well below the knee; in swing it may rise behind it.
            return sq((shank / thigh - 2.0) / 1.2) + sq((q.x - kne.x) / (1.5 * width))
        default:
            return nil
        }
    }
}
