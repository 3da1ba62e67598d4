extension ViewTracker {
    // MARK: - gates: which spot each tracked marker may have moved to

    /// Where track `t` is expected in this frame (constant velocity over `k` frames a step).
    func predicted(_ t: Track, k: Double) -> Point {
        t.position + t.velocity * Double(t.missing + 1) * k
    }

    /// The gate radius of track `t`, pixels: wider for a fast marker and for each unseen frame.
    func gateRadius(_ t: Track, k: Double) -> Double {
        if t.age < 2 { return settings.gateNewTrack }
        let speed = t.velocity.length * k
        // Unseen frames let the marker change speed: half a maximum acceleration times steps squared.
        let steps = Double(t.missing + 1) * k
        return min(settings.gateMax,
                   settings.gateBase + settings.gateVelocityFactor * speed + 0.5 * settings.maxAcceleration * steps * steps
                       - 0.5 * settings.maxAcceleration)
    }

    /// Horizontal and vertical gate radii. Seen from behind, the legs move in the sagittal
    /// plane, which projects onto the image vertical: rear-view markers barely move sideways, so
    /// their gate is a tall ellipse (it keeps a knee and a heel passing each other apart).
    func gateRadii(_ t: Track, k: Double) -> (Double, Double) {
        let g = gateRadius(t, k: k)
        guard markerSet.view == .rear else { return (g, g) }
        let sideways = settings.rearSidewaysGateBase + abs(t.velocity.x) * k * settings.rearSidewaysVelocityFactor
            + settings.rearSidewaysPerMissedFrame * Double(t.missing)
        return (min(g, sideways), g)
    }

    /// Normalised squared distance of `p` from `prediction` in a gate of radii (rx, ry):
    /// at most 1 inside the gate, infinity outside.
    func gateCost(_ p: Point, _ prediction: Point, _ rx: Double, _ ry: Double) -> Double {
        let dx = (p.x - prediction.x) / rx, dy = (p.y - prediction.y) / ry
        let c = dx * dx + dy * dy
        return c <= 1 ? c : .infinity
    }

    /// Gate cost of `p` for marker m, from this frame's predictions and gate radii.
    func gateCost(_ p: Point, marker m: Int, k: Double) -> Double {
        guard let q = preds[m] else { return .infinity }
        return gateCost(p, q, radii[m].x, radii[m].y)
    }

    /// Global assignment of this frame's blobs to the tracks' predictions; `out[m]` is marker
    /// m's blob index or nil.
    mutating func assignToPredictions(_ image: LumaImage, levels: ExposureLevels, k: Double,
                                              into out: inout [Int?]) {
        let n = markerSet.count
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: repeatElement(nil, count: n))
        preds.removeAll(keepingCapacity: true)
        radii.removeAll(keepingCapacity: true)
        for t in tracks {
            preds.append(t.map { predicted($0, k: k) })
            let (rx, ry) = t.map { gateRadii($0, k: k) } ?? (0, 0)
            radii.append(Point(x: rx, y: ry))
        }
        splitMergedBlobs(image, levels: levels, k: k)
        rows.removeAll(keepingCapacity: true)
        for m in 0..<n where tracks[m] != nil && mayUseGate(m) { rows.append(m) }
        guard !rows.isEmpty, !blobs.isEmpty else { return }
        if assignUnambiguous(&out, k: k) { return }
        // Each marker may also stay unassigned at the cost of a blob on its gate's edge, so two
        // markers are never forced onto each other's blobs just to use every blob. Costs are
        // shifted by that miss cost: an allowed pair costs (gate cost - 1) <= 0 and anything
        // else 0, the same as a miss, so the solver needs no extra "miss" columns.
        costs.removeAll(keepingCapacity: true)
        for r in 0..<rows.count {
            let m = rows[r]
            for i in 0..<blobs.count {
                let g = forbidden[i] ? .infinity : gateCost(blobs[i].centroid, marker: m, k: k)
                costs.append(g.isFinite ? g - 1 : 0)
            }
        }
        solver.solve(rows: rows.count, cols: blobs.count, cost: costs, into: &solved)
        for r in 0..<rows.count where solved[r] >= 0 && costs[r * blobs.count + solved[r]] < 0 {
            out[rows[r]] = solved[r]
        }
        dropAmbiguous(&out, k: k)
    }

    /// A marker carried by prediction is taken back by its gate only while the rest of its limb
    /// is tracked (so the segment-length check can catch a wrong blob); otherwise the labeller
    /// re-finds the limb whole, from the body's shape. Two markers of one limb carried by
    /// prediction together (their LEDs merged, as a heel at the top of its kick on the thigh LED)
    /// are not taken back by their gates either: one of them may have turned back inside the
    /// merge, so the predictions cannot say which spot is which.
    func mayUseGate(_ m: Int) -> Bool {
        guard let t = tracks[m], t.missing > 0 else { return true }
        for group in limbGroups where group.contains(m) {
            for j in group where j != m {
                guard let u = tracks[j] else { return false }
                if u.missing > 0 { return false }
            }
        }
        return true
    }

    /// Whether marker m's prediction is worth nothing for telling spots apart: it and another
    /// marker of its limb are carried by prediction together.
    func bridgedWithLimb(_ m: Int) -> Bool {
        guard let t = tracks[m], t.missing > 0 else { return false }
        for group in limbGroups where group.contains(m) {
            for j in group where j != m && (tracks[j]?.missing ?? 0) > 0 { return true }
        }
        return false
    }

    /// The common case, without the general solver: every tracked marker has at most one blob
    /// in its gate and no blob is in two gates. Returns false (leaving `out` empty) otherwise.
    mutating func assignUnambiguous(_ out: inout [Int?], k: Double) -> Bool {
        owner.removeAll(keepingCapacity: true)
        owner.append(contentsOf: repeatElement(-1, count: blobs.count))
        for m in rows {
            var found = -1
            for i in 0..<blobs.count where !forbidden[i] && gateCost(blobs[i].centroid, marker: m, k: k).isFinite {
                if found >= 0 || owner[i] >= 0 {
                    for j in out.indices { out[j] = nil }
                    return false
                }
                found = i
                owner[i] = m
            }
            if found >= 0 { out[m] = found }
        }
        // No blob lies in two gates, so no two markers could have each other's blobs.
        return true
    }

    /// Whether lost marker `m` may be re-found on `blob`: a marker still bridged by prediction
    /// only inside its own gate, and never on a blob another tracked marker could as well own.
    func reacquisitionIsSafe(_ m: Int, blob b: Int, k: Double) -> Bool {
        let p = blobs[b].centroid
        var own = 0.0
        if tracks[m] != nil {
            own = gateCost(p, marker: m, k: k)
            guard own.isFinite else { return false }
        }
        for j in 0..<markerSet.count where j != m && tracks[j] != nil {
            if gateCost(p, marker: j, k: k) < own + settings.swapMargin { return false }
        }
        return true
    }

    func onlyBlobInGate(_ i: Int, of m: Int, k: Double) -> Bool {
        for j in 0..<blobs.count where j != i && gateCost(blobs[j].centroid, marker: m, k: k).isFinite { return false }
        return true
    }

    /// Drops assignments that are not clearly better than swapping: two markers that could as
    /// well have each other's blobs, or a marker whose blob a missing marker could as well own.
    func dropAmbiguous(_ out: inout [Int?], k: Double) {
        let n = markerSet.count
        for a in 0..<n {
            guard let i = out[a], tracks[a] != nil else { continue }
            let pi = blobs[i].centroid
            let own = swapCost(pi, marker: a, k: k)
            for b in 0..<n where b != a && tracks[b] != nil {
                guard gateCost(pi, marker: b, k: k).isFinite else { continue }
                let theirs = swapCost(pi, marker: b, k: k)
                if let j = out[b] {
                    guard b > a else { continue }
                    let pj = blobs[j].centroid
                    let swapped = theirs + swapCost(pj, marker: a, k: k)
                    if swapped - (own + swapCost(pj, marker: b, k: k)) < settings.swapMargin {
                        out[a] = nil
                        out[b] = nil
                        break
                    }
                } else if theirs < own + settings.swapMargin && tracks[b]!.missing == 0 {
                    // b lost its LED this frame right where a's blob is: whose light is it?
                    out[a] = nil
                    break
                }
            }
        }
    }

    /// How unlikely marker m is at `p`, for telling two markers apart: the gate cost for a track
    /// with a known velocity; for a track just labelled (velocity unknown, wide gate) the squared
    /// distance in units of `youngTrackScale` pixels, as its labels came from the body's shape.
    func swapCost(_ p: Point, marker m: Int, k: Double) -> Double {
        guard let t = tracks[m], let q = preds[m] else { return .infinity }
        if t.age >= 2 { return gateCost(p, marker: m, k: k) }
        let d = p.distance(to: q) / settings.youngTrackScale
        return d * d
    }
}
