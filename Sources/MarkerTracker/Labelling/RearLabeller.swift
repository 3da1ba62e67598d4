/// Labels rear-view blobs from scratch, in any running frame, for any runner's build and any
/// camera set-up a clinic uses (within `RearGeometry`'s ranges).
///
/// Seen from behind, each leg swings in its own sagittal plane, which the camera sees nearly
/// edge on: a leg's LEDs stay near one vertical line, and their heights follow the leg's
/// joints. No length in pixels is assumed: every measure is taken against the leg's own drop
/// from its pelvis LED to its knee LED (`RearGeometry`). The two posterior iliac spines are a
/// pair among the highest blobs (left one on image left); thighs and knees hang below their
/// spine in left-right order, each thigh LED part way down its leg; both legs drop about as far
/// (one thigh foreshortens as it swings forward, by a bounded amount); each heel stays near
/// the vertical through its knee, within a shank's reach, anywhere up or down (it rises above
/// the knee in swing, and above the thigh LED in a fast runner's kick). Markers already known
/// can be fixed, so lost ones are re-found among the spare blobs. A labelling not clearly
/// better than every other is not returned: `attempt` says why.
public struct RearLabeller: Sendable {
    public var geometry = RearGeometry()
    /// Most blobs considered (brightest first); extra spots beyond this are ignored.
    public var maxBlobs = 14
    /// A marker is labelled only if every labelling within this much of the best (squared
    /// spreads) puts it on the same spot. 12: on the tuning population's frames (true LED
    /// positions, 36,000 frames) 4 let 235 wrong markers through, 9 let 4, 12 none. Starting
    /// from nothing, the tracker does not need it so strict: it weighs the rivals over time
    /// (`IdentityVote`); this margin is for re-finding lost markers and checking held ones.
    public var ambiguityMargin = 12.0
    /// A labelling costing more than this is no body: nothing is labelled (a spot chosen only
    /// because nothing better was left, such as a lamp taken for a hidden LED, costs far more).
    public var maxCost = 40.0

    public init() {}

    /// The labelling of `blobs`, or nil (see `attempt`).
    public func label(_ blobs: [Blob], fixed: [Int?]? = nil, reference: [Double?]? = nil,
                      prior: LabelPrior? = nil) -> LabelHypothesis? {
        attempt(blobs, fixed: fixed, reference: reference, prior: prior).hypothesis
    }

    /// Labels `blobs`. `fixed[m]` pins marker m to a blob index; `reference` holds lengths learned
    /// while tracking in `MarkerSet.rear.segments` order (only the spines' spacing is used: the
    /// other segments foreshorten as the legs swing); `prior` keeps markers near their tracks.
    public func attempt(_ blobs: [Blob], fixed: [Int?]? = nil, reference: [Double?]? = nil,
                        prior: LabelPrior? = nil) -> LabelAttempt {
        var unused: [LabelHypothesis] = []
        return attempt(blobs, fixed: fixed, reference: reference, prior: prior, candidates: &unused, keep: 0)
    }

    /// Every complete labelling of `blobs` costing less than the best plus `margin` (at most
    /// `limit`, cheapest first; the best first of all): the rival readings of one frame, for
    /// deciding between them over the next frames (`IdentityVote`).
    /// `fixed[m]` pins marker m to a blob, as for `attempt`.
    public func candidates(_ blobs: [Blob], fixed: [Int?]? = nil, margin: Double, limit: Int = 24) -> [LabelHypothesis] {
        var labeller = self
        labeller.ambiguityMargin = margin
        var out: [LabelHypothesis] = []
        _ = labeller.attempt(blobs, fixed: fixed, reference: nil, prior: nil, candidates: &out, keep: limit)
        return out
    }

    private func attempt(_ blobs: [Blob], fixed: [Int?]?, reference: [Double?]?, prior: LabelPrior?,
                         candidates: inout [LabelHypothesis], keep: Int) -> LabelAttempt {
        let fixedBlobs = Set((fixed ?? []).compactMap { $0 })
        var order = blobs.indices.filter { !fixedBlobs.contains($0) }.sorted { blobs[$0].mass > blobs[$1].mass }
        order = Array(order.prefix(max(0, maxBlobs - fixedBlobs.count))) + fixedBlobs.sorted()
        let n = order.count
        guard n >= 8 else { return .failed(.tooFewSpots(found: n, needed: 8)) }
        let pts = order.map { blobs[$0].centroid }
        var pinned = [Int](repeating: -1, count: 8)
        if let fixed {
            for (m, b) in fixed.enumerated() where m < 8 {
                if let b, let i = order.firstIndex(of: b) { pinned[m] = i }
            }
        }
        var search = Search(points: pts, pinned: pinned, margin: ambiguityMargin)

        // Pelvis: the pinned spines, or each pair among the highest four blobs. The first pass
        // finds the best labelling; the second visits every labelling within the margin of it.
        let byHeight = pts.indices.sorted { pts[$0].y < pts[$1].y }
        let top = Array(byHeight.prefix(4))
        let lefts = pinned[0] >= 0 ? [pinned[0]] : top
        let rights = pinned[1] >= 0 ? [pinned[1]] : top
        for pass in 0..<2 {
            if pass == 1 {
                guard search.bestCost.isFinite else { return .failed(.noFit(marker: search.deepest)) }
                guard search.bestCost <= maxCost else { return .failed(.poorFit(marker: search.worstMarker)) }
                search.collecting = true
                search.keep = keep
            }
            for a in lefts {
                for b in rights where a != b {
                    guard let c = geometry.pelvisCost(pts[a], pts[b]) else { continue }
                    search.reach(1)
                    search.chosen[0] = a
                    search.chosen[1] = b
                    assignLegs(&search, pelvisCost: c, reference: reference, prior: prior)
                }
            }
        }
        if keep > 0 {
            search.visited.sort { $0.cost < $1.cost }
            candidates = search.visited.prefix(keep).map { v in
                LabelHypothesis(blobForMarker: v.chain.map { order[$0] }, cost: v.cost, forward: 0)
            }
        }
        // A heel passing a knee or thigh LED could as well be that LED: both stay unlabelled.
        for (heel, other) in passing(search.best.map { pts[$0] }) {
            search.uncertain[heel] = true
            search.uncertain[other] = true
            if search.rival == nil { search.rival = (heel, other) }
        }
        guard search.uncertain.contains(false) else { return .failed(search.ambiguity()) }
        let map: [Int?] = (0..<8).map { search.uncertain[$0] ? nil : order[search.best[$0]] }
        return .labelled(LabelHypothesis(blobForMarker: map, cost: search.bestCost, forward: 0,
                                          unsure: search.uncertain.contains(true) ? search.ambiguity() : nil))
    }

    /// Heels passing close to a knee or thigh LED in `p` (spots in marker order), with that LED.
    func passing(_ p: [Point]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        for side in 0..<2 {
            let heel = RearMarker.lhee.rawValue + side
            let drop = p[RearMarker.lkne.rawValue + side].y - p[side].y
            for m in RearMarker.lthi.rawValue...RearMarker.rkne.rawValue
            where p[heel].distance(to: p[m]) < geometry.interchangeable * drop {
                out.append((heel, m))
            }
        }
        return out
    }

    /// State of one depth-first search: the chain being built, the best labelling, and (second
    /// pass) which markers some labelling within the margin of the best places elsewhere.
    struct Search {
        let points: [Point]
        let pinned: [Int]
        let margin: Double
        var chosen = [Int](repeating: -1, count: 8)
        var stepCosts = [Double](repeating: 0, count: 8)
        var used: [Bool]
        var best = [Int](repeating: -1, count: 8)
        var bestSteps = [Double](repeating: 0, count: 8)
        var bestCost = Double.infinity
        /// Second pass: visiting the labellings within the margin of the best.
        var collecting = false
        /// Second pass: the labellings visited, kept when `keep` > 0 (at most that many).
        var keep = 0
        var visited: [(chain: [Int], cost: Double)] = []
        var uncertain = [Bool](repeating: false, count: 8)
        /// The first marker found uncertain, and which marker a rival labelling gives its spot to.
        var rival: (marker: Int, other: Int?)?
        /// The deepest marker any chain got past (for saying which marker fits nowhere).
        var deepest = 0

        init(points: [Point], pinned: [Int], margin: Double) {
            self.points = points
            self.pinned = pinned
            self.margin = margin
            used = [Bool](repeating: false, count: points.count)
        }

        /// Partial chains costing this much cannot change the answer (costs only grow): first
        /// pass, they cannot beat the best; second pass, they cannot come within the margin of it.
        var bound: Double { collecting ? bestCost + margin : bestCost }

        mutating func reach(_ depth: Int) { deepest = max(deepest, min(7, depth + 1)) }

        mutating func consider(_ cost: Double) {
            if !collecting {
                if cost < bestCost {
                    bestCost = cost
                    best = chosen
                    bestSteps = stepCosts
                }
                return
            }
            if keep > 0 {
                visited.append((chosen, cost))
                if visited.count > 4 * keep {
                    visited.sort { $0.cost < $1.cost }
                    visited.removeLast(visited.count - keep)
                }
            }
            for m in 0..<8 where chosen[m] != best[m] {
                if !uncertain[m] && rival == nil { rival = (m, chosen.firstIndex(of: best[m])) }
                uncertain[m] = true
            }
        }

        /// The first uncertain marker and its rival, as a reason.
        func ambiguity() -> LabellingFailure {
            .ambiguous(marker: rival?.marker ?? 0, other: rival?.other ?? nil)
        }

        /// The marker that adds most to the best labelling's cost.
        var worstMarker: Int { bestSteps.indices.max { bestSteps[$0] < bestSteps[$1] } ?? 0 }
    }

    /// Tries every ordered choice of the remaining blobs as LTHI, RTHI, LKNE, RKNE, LHEE, RHEE.
    private func assignLegs(_ s: inout Search, pelvisCost: Double, reference: [Double?]?, prior: LabelPrior?) {
        let p = s.points
        for i in s.used.indices { s.used[i] = false }
        s.used[s.chosen[0]] = true
        s.used[s.chosen[1]] = true
        for m in 2..<8 where s.pinned[m] >= 0 { s.used[s.pinned[m]] = true }
        var start = pelvisCost + spacingCost(p[s.chosen[0]].distance(to: p[s.chosen[1]]), reference)
        if let prior {
            start += prior.cost(of: 0, at: p[s.chosen[0]]) + prior.cost(of: 1, at: p[s.chosen[1]])
        }
        s.stepCosts[0] = start
        s.stepCosts[1] = 0
        func search(_ depth: Int, _ cost: Double) {
            if cost >= s.bound { return }
            if depth == 8 {
                s.consider(cost)
                return
            }
            func place(_ i: Int) {
                guard var c = stepCost(p, s.chosen, depth: depth, candidate: i) else { return }
                if let prior { c += prior.cost(of: depth, at: p[i]) }
                s.reach(depth)
                s.chosen[depth] = i
                s.stepCosts[depth] = c
                search(depth + 1, cost + c)
                s.chosen[depth] = -1
            }
            if s.pinned[depth] >= 0 {
                place(s.pinned[depth])
                return
            }
            for i in 0..<p.count where !s.used[i] {
                s.used[i] = true
                place(i)
                s.used[i] = false
            }
        }
        search(2, start)
    }

    /// The spines' spacing against the one learned while tracking.
    private func spacingCost(_ width: Double, _ reference: [Double?]?) -> Double {
        guard let reference, let ref = reference.first ?? nil, ref > 1 else { return 0 }
        let d = (width / ref - 1) / geometry.learnedSpacingSpread
        return d * d
    }

    /// Cost of putting blob `i` at marker `depth` given the markers before it, or nil if impossible.
    private func stepCost(_ p: [Point], _ c: [Int], depth: Int, candidate i: Int) -> Double? {
        let q = p[i]
        let g = geometry
        switch RearMarker(rawValue: depth)! {
        case .lthi, .rthi:
            let psi = p[c[depth - 2]]
            let drop = q.y - psi.y
            // Below its spine; the sideways check waits for the knee (it needs the leg's drop).
            guard drop > 0 else { return nil }
            if depth == 3 && !(p[c[2]].x < q.x) { return nil }
            return 0
        case .lkne, .rkne:
            let side = depth - 4
            let psi = p[c[side]], thi = p[c[2 + side]]
            guard var cost = g.legCost(psi: psi, thigh: thi, knee: q, outward: side == 0 ? -1 : 1) else { return nil }
            if depth == 5 {
                guard g.kneesInOrder(p[c[0]], p[c[4]], psi, q),
                      let both = g.legsCost(left: (p[c[0]], p[c[2]], p[c[4]]), right: (psi, thi, q)) else { return nil }
                cost += both
            }
            return cost
        case .lhee, .rhee:
            let side = depth - 6
            let psi = p[c[side]], kne = p[c[4 + side]]
            let cost = g.heelCost(psi: psi, knee: kne, heel: q, outward: side == 0 ? -1 : 1)
            if depth == 7, !g.oneFootDown(left: (p[c[0]], p[c[4]], p[c[6]]), right: (psi, kne, q)) { return nil }
            return cost
        default:
            return nil
        }
    }
}
