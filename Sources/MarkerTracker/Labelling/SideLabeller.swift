/// Labels side-view blobs from scratch, in any running frame, with no standing pose.
///
/// Searches every ordered choice of six blobs as SHO, GT, KNE, ANK, HEE, MT5 (depth first, pruned
/// as soon as a partial chain becomes implausible) and scores the chain by segment-length ratios
/// to the thigh (GT-KNE) and by joint-angle plausibility for each running direction. The foot is
/// recognised as a rigid triangle: HEE-MT5 is its longest side and ANK-HEE its shortest, which
/// holds in every foot orientation. Returns the best hypothesis only if it is clearly better than
/// any different labelling: when unsure, nothing is labelled.
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
    public var maxBlobs = 10
    /// The runner-up must cost at least this many times the best for the labels to be trusted.
    public var ambiguityRatio = 1.6

    public init() {}

    public func label(_ blobs: [Blob], knownForward: Double = 0) -> LabelHypothesis? {
        let n = min(blobs.count, maxBlobs)
        guard n >= 6 else { return nil }
        let order = blobs.indices.sorted { blobs[$0].mass > blobs[$1].mass }.prefix(n)
        let pts = order.map { blobs[$0].centroid }
        var best: (cost: Double, perm: [Int], f: Double)?
        var second: (cost: Double, perm: [Int])?
        var chosen = [Int](repeating: -1, count: 6)
        var used = [Bool](repeating: false, count: n)
        let forwards: [Double] = knownForward != 0 ? [knownForward] : [1, -1]

        func consider(_ cost: Double, _ f: Double) {
            if let b = best {
                if cost < b.cost {
                    if b.perm != chosen { second = (b.cost, b.perm) }
                    best = (cost, chosen, f)
                } else if b.perm != chosen, cost < (second?.cost ?? .infinity) {
                    second = (cost, chosen)
                }
            } else {
                best = (cost, chosen, f)
            }
        }

        // Depth-first search with pruning; depth = marker index.
        func search(_ depth: Int) {
            if depth == 6 {
                for f in forwards {
                    if let c = fullCost(pts, chosen, forward: f) { consider(c, f) }
                }
                return
            }
            for i in 0..<n where !used[i] {
                chosen[depth] = i
                if !partialOK(pts, chosen, depth: depth) { continue }
                used[i] = true
                search(depth + 1)
                used[i] = false
            }
            chosen[depth] = -1
        }
        search(0)

        guard let b = best else { return nil }
        if let s = second, s.cost < max(b.cost * ambiguityRatio, b.cost + 0.05) {
            return nil
        }
        var map = [Int?](repeating: nil, count: 6)
        for (m, i) in b.perm.enumerated() { map[m] = order[order.startIndex + i] }
        return LabelHypothesis(blobForMarker: map, cost: b.cost, forward: b.f)
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
            return hm > am && am > ah
        default:
            return true
        }
    }

    private func fullCost(_ p: [Point], _ c: [Int], forward f: Double) -> Double? {
        let sho = p[c[0]], gt = p[c[1]], kne = p[c[2]], ank = p[c[3]], hee = p[c[4]], mt5 = p[c[5]]
        let thighLen = gt.distance(to: kne)
        func ratio(_ a: Point, _ b: Point, _ nominal: (nominal: Double, spread: Double)) -> Double {
            let d = (a.distance(to: b) / thighLen - nominal.nominal) / nominal.spread
            return d * d
        }
        var cost = ratio(sho, gt, proportions.trunk) + ratio(kne, ank, proportions.shank)
            + ratio(ank, hee, proportions.ankleHeel) + ratio(ank, mt5, proportions.ankleToe)
            + ratio(hee, mt5, proportions.heelToe)
        let calc = AngleCalculator(forward: f, minimumConfidence: 0)
        let m: MarkerFrame = [sho, gt, kne, ank, hee, mt5].map {
            TrackedMarker(position: $0, confidence: 1, source: .detected)
        }
        let a = calc.side(m)
        guard let lean = a[.trunkLean], let knee = a[.kneeFlexion], let thigh = a[.thighAngle],
              let ankle = a[.ankleDorsiflexion] else { return nil }
        // Hard anatomical limits for running.
        guard lean > -30, lean < 50, knee > -15, knee < 150, thigh > -60, thigh < 85,
              ankle > -75, ankle < 50 else { return nil }
        // Soft preferences: the trunk leans slightly forward; the foot sits at right angles to the shank.
        cost += ((lean - 8) / 20) * ((lean - 8) / 20) * 0.5
        cost += (ankle / 40) * (ankle / 40) * 0.5
        // The foot lies on the side of the ankle toward which it points: HEE behind, MT5 ahead,
        // relative to the shank line, whatever the running direction.
        let shank = ank - kne
        let heelSide = shank.cross(hee - ank), toeSide = shank.cross(mt5 - ank)
        if heelSide * toeSide > 0 { cost += 1 }
        return cost
    }
}
