/// Labels side-view blobs from scratch, in any running frame, with no standing pose.
///
/// Searches every ordered choice of six blobs as SHO, GT, KNE, ANK, HEE, MT5 (depth first, pruned
/// as soon as a partial chain becomes implausible) and scores the chain by segment-length ratios
/// to the thigh (GT-KNE), or to the lengths learned while tracking when given, and by joint-angle
/// plausibility for each running direction. The foot is recognised as a rigid triangle whose
/// longest side is HEE-MT5, which holds in every foot orientation and with every LED taped up to
/// 2 cm off (it is at least 1.27 times ANK-MT5 over the simulated population); that alone tells
/// the ankle from the heel and the toe. (ANK-HEE is the shortest side only nominally: an ankle
/// and a toe LED 2 cm off can make ANK-MT5 the shorter, down to 0.81 times.) Markers
/// already known can be fixed, so one lost marker is re-found among the spare blobs. Returns the
/// best hypothesis only if it is clearly better than any different labelling: when unsure,
/// nothing is labelled.
public struct SideLabeller: Sendable {
    /// Nominal segment lengths as a fraction of the thigh (GT-KNE), with the spread allowed.
    public struct Proportions: Sendable {
        public var trunk = (nominal: 1.15, spread: 0.35)
        public var shank = (nominal: 1.0, spread: 0.2)
        public var ankleHeel = (nominal: 0.19, spread: 0.12)
        public var ankleToe = (nominal: 0.40, spread: 0.15)
        public var heelToe = (nominal: 0.50, spread: 0.15)
        public init() {}
    }

    public var proportions = Proportions()
    /// Most blobs considered (brightest first); extra spots beyond this are ignored.
    public var maxBlobs = 14
    /// The runner-up must cost at least this many times the best for the labels to be trusted.
    public var ambiguityRatio = 1.6
    /// A labelling costing more than this is no body: nothing is labelled (a spot chosen only
    /// because nothing better was left, such as a lamp taken for a hidden LED, costs far more).
    public var maxCost = 12.0

    public init() {}

    /// Labels `blobs`. `fixed[m]` pins marker m to a blob index; `reference` holds learned segment
    /// lengths in pixels in `MarkerSet.side.segments` order (nil where unknown).
    public func label(_ blobs: [Blob], knownForward: Double = 0, fixed: [Int?]? = nil,
                      reference: [Double?]? = nil, prior: LabelPrior? = nil) -> LabelHypothesis? {
        attempt(blobs, knownForward: knownForward, fixed: fixed, reference: reference, prior: prior).hypothesis
    }

    /// `label`, or why there is no labelling.
    public func attempt(_ blobs: [Blob], knownForward: Double = 0, fixed: [Int?]? = nil,
                        reference: [Double?]? = nil, prior: LabelPrior? = nil) -> LabelAttempt {
        let fixedBlobs = Set((fixed ?? []).compactMap { $0 })
        var order = blobs.indices.filter { !fixedBlobs.contains($0) }.sorted { blobs[$0].mass > blobs[$1].mass }
        order = Array(order.prefix(max(0, maxBlobs - fixedBlobs.count))) + fixedBlobs.sorted()
        let n = order.count
        guard n >= 6 else { return .failed(.tooFewSpots(found: n, needed: 6)) }
        let pts = order.map { blobs[$0].centroid }
        // Fixed markers as positions in `order`.
        var pinned = [Int](repeating: -1, count: 6)
        if let fixed {
            for (m, b) in fixed.enumerated() where m < 6 {
                if let b, let i = order.firstIndex(of: b) { pinned[m] = i }
            }
        }
        var best = [Int](repeating: -1, count: 6)
        var bestCost = Double.infinity, bestForward = 0.0
        var secondCost = Double.infinity
        var second = [Int](repeating: -1, count: 6)
        var deepest = 0
        var chosen = [Int](repeating: -1, count: 6)
        var used = [Bool](repeating: false, count: n)
        for m in 0..<6 where pinned[m] >= 0 { used[pinned[m]] = true }
        let forwards: [Double] = knownForward != 0 ? [knownForward] : [1, -1]
        let ratio = ambiguityRatio

        func consider(_ cost: Double, _ f: Double) {
            if cost < bestCost {
                if best != chosen {
                    secondCost = bestCost
                    second = best
                }
                bestCost = cost
                bestForward = f
                for i in 0..<6 { best[i] = chosen[i] }
            } else if best != chosen, cost < secondCost {
                secondCost = cost
                second = chosen
            }
        }

        // Chains costing this much cannot change the answer (costs only grow with depth).
        func bound() -> Double { min(secondCost, max(bestCost * ratio, bestCost + 0.05)) }

        func search(_ depth: Int) {
            if depth == 6 {
                var continuity = 0.0
                if let prior {
                    for m in 0..<6 { continuity += prior.cost(of: m, at: pts[chosen[m]]) }
                    if continuity >= bound() { return }
                }
                for f in forwards {
                    if let c = cost(pts[chosen[0]], pts[chosen[1]], pts[chosen[2]], pts[chosen[3]], pts[chosen[4]],
                                    pts[chosen[5]], forward: f, reference: reference) {
                        consider(c + continuity, f)
                    }
                }
                return
            }
            if pinned[depth] >= 0 {
                chosen[depth] = pinned[depth]
                if partialOK(pts, chosen, depth: depth) {
                    deepest = max(deepest, min(5, depth + 1))
                    search(depth + 1)
                }
                chosen[depth] = -1
                return
            }
            for i in 0..<n where !used[i] {
                chosen[depth] = i
                if !partialOK(pts, chosen, depth: depth) { continue }
                deepest = max(deepest, min(5, depth + 1))
                used[i] = true
                search(depth + 1)
                used[i] = false
            }
            chosen[depth] = -1
        }
        search(0)

        guard bestCost.isFinite else { return .failed(.noFit(marker: deepest)) }
        guard bestCost <= maxCost else { return .failed(.poorFit(marker: worstMarker(best.map { pts[$0] }, bestForward))) }
        if secondCost < max(bestCost * ambiguityRatio, bestCost + 0.05) {
            let m = (0..<6).first { best[$0] != second[$0] } ?? 0
            return .failed(.ambiguous(marker: m, other: second.firstIndex(of: best[m])))
        }
        var map = [Int?](repeating: nil, count: 6)
        for (m, i) in best.enumerated() { map[m] = order[i] }
        return .labelled(LabelHypothesis(blobForMarker: map, cost: bestCost, forward: bestForward))
    }

    /// The marker of a labelling whose segment to its neighbour is furthest from the body's
    /// proportions (for saying which marker fits poorly).
    private func worstMarker(_ p: [Point], _ f: Double) -> Int {
        let thigh = max(1, p[1].distance(to: p[2]))
        let checks: [(Int, Int, Int, (nominal: Double, spread: Double))] = [
            (0, 0, 1, proportions.trunk), (3, 2, 3, proportions.shank), (4, 3, 4, proportions.ankleHeel),
            (5, 3, 5, proportions.ankleToe),
        ]
        var worst = 0, worstValue = -1.0
        for (m, a, b, prop) in checks {
            let d = abs(p[a].distance(to: p[b]) / thigh - prop.nominal) / prop.spread
            if d > worstValue { worstValue = d; worst = m }
        }
        return worst
    }

    /// Cheap necessary conditions on a partial chain.
    private func partialOK(_ p: [Point], _ c: [Int], depth: Int) -> Bool {
        switch depth {
        case 1: // GT below SHO, trunk within 50 degrees of vertical
            let v = p[c[0]] - p[c[1]]
            return v.y < 0 && abs(v.x) < -v.y * 1.2
        case 2: // KNE below GT, thigh within 80 degrees of vertical
            let thigh = p[c[2]] - p[c[1]]
            let l = thigh.length
            guard l > 4, thigh.y > -0.2 * l else { return false }
            let r = p[c[0]].distance(to: p[c[1]]) / l
            return r > proportions.trunk.nominal - 2 * proportions.trunk.spread
                && r < proportions.trunk.nominal + 2 * proportions.trunk.spread
        case 3: // shank length
            let l = p[c[2]].distance(to: p[c[1]])
            let r = p[c[3]].distance(to: p[c[2]]) / l
            return abs(r - proportions.shank.nominal) < 2 * proportions.shank.spread
        case 4:
            let l = p[c[2]].distance(to: p[c[1]])
            let r = p[c[4]].distance(to: p[c[3]]) / l
            return abs(r - proportions.ankleHeel.nominal) < 2 * proportions.ankleHeel.spread
        case 5:
            let ah = p[c[4]].distance(to: p[c[3]])
            let am = p[c[5]].distance(to: p[c[3]])
            let hm = p[c[5]].distance(to: p[c[4]])
            guard hm > am && hm > ah else { return false }
            let l = p[c[2]].distance(to: p[c[1]])
            return abs(am / l - proportions.ankleToe.nominal) < 3 * proportions.ankleToe.spread
                && abs(hm / l - proportions.heelToe.nominal) < 3 * proportions.heelToe.spread
        default:
            return true
        }
    }

    /// Plausibility cost of six points as SHO, GT, KNE, ANK, HEE, MT5 running toward `forward`;
    /// nil when anatomically impossible.
    public func cost(_ p: [Point], forward f: Double, reference: [Double?]? = nil) -> Double? {
        cost(p[0], p[1], p[2], p[3], p[4], p[5], forward: f, reference: reference)
    }

    func cost(_ sho: Point, _ gt: Point, _ kne: Point, _ ank: Point, _ hee: Point, _ mt5: Point, forward f: Double,
              reference: [Double?]?) -> Double? {
        let thighLen = gt.distance(to: kne)
        guard thighLen > 1 else { return nil }
        func ratio(_ a: Point, _ b: Point, _ nominal: (nominal: Double, spread: Double)) -> Double {
            let d = (a.distance(to: b) / thighLen - nominal.nominal) / nominal.spread
            return d * d
        }
        var cost = ratio(sho, gt, proportions.trunk) + ratio(kne, ank, proportions.shank)
            + ratio(ank, hee, proportions.ankleHeel) + ratio(ank, mt5, proportions.ankleToe)
            + ratio(hee, mt5, proportions.heelToe)
        if let reference {
            // Lengths learned while tracking are much tighter than population proportions.
            let points = (sho, gt, kne, ank, hee, mt5)
            func point(_ i: Int) -> Point {
                switch i {
                case 0: points.0
                case 1: points.1
                case 2: points.2
                case 3: points.3
                case 4: points.4
                default: points.5
                }
            }
            // LEDs up to 2 cm off their landmarks change a short segment's length by a fixed
            // amount as its joint turns (`ViewTracker.Settings.placementSlack`, 0.05 thigh).
            let slack = 0.05 * ((reference.count > 1 ? reference[1] : nil) ?? thighLen)
            for (s, seg) in MarkerSet.side.segments.enumerated() {
                guard s < reference.count, let ref = reference[s], ref > 1 else { continue }
                let d = (point(seg.from).distance(to: point(seg.to)) - ref) / (0.12 * ref + slack)
                cost += d * d
            }
        }
        // The angles of docs/angles.md (as AngleCalculator computes them, uncalibrated).
        let lean = AngleMath.fromUpward(sho - gt, forward: f)
        let thigh = AngleMath.fromDownward(kne - gt, forward: f)
        let shankAngle = AngleMath.fromDownward(ank - kne, forward: f)
        let knee = AngleMath.wrap(thigh - shankAngle)
        let ankle = AngleMath.wrap(AngleMath.fromDownward(mt5 - hee, forward: f) - shankAngle - 90)
        // Hard anatomical limits for running.
        guard lean > -30, lean < 50, knee > -15, knee < 150, thigh > -60, thigh < 85,
              ankle > -75, ankle < 50 else { return nil }
        // Soft preferences: the trunk leans slightly forward; the foot sits at right angles to the shank.
        cost += ((lean - 8) / 20) * ((lean - 8) / 20) * 0.5
        cost += (ankle / 40) * (ankle / 40) * 0.5
        // The foot lies across the shank line: HEE behind it, MT5 ahead, whatever the direction.
        let shank = ank - kne
        let heelSide = shank.cross(hee - ank), toeSide = shank.cross(mt5 - ank)
        if heelSide * toeSide > 0 { cost += 1 }
        return cost
    }
}
