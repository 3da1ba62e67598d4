/// Tracks one camera view's LED markers from frame to frame: the per-camera real-time tracker.
///
/// Per frame: exposure levels (refreshed every `levelsInterval` frames), blob detection (only in
/// windows around the predicted positions while every marker is tracked; the whole frame
/// otherwise), then labelling:
/// 1. assignment of blobs to constant-velocity predictions inside a motion-scaled gate (global
///    minimum cost), except where two predictions nearly coincide (two LEDs merging into one blob):
///    then neither takes the blob, both are carried by prediction;
/// 2. a segment-length check that drops a marker rather than accept a likely identity swap;
/// 3. re-acquisition of lost markers by labelling the spare blobs with the tracked ones held fixed,
///    or, with too few markers held, labelling from scratch;
/// 4. every `verifyInterval` frames, a from-scratch labelling that must agree with the tracks; two
///    confident disagreements in a row replace them (a swap that slipped through is undone).
/// Short gaps are bridged by prediction (source `.predicted`, falling confidence); longer ones
/// leave the marker missing until it is re-acquired.
public struct ViewTracker: Sendable {
    /// Tuning of gates, bridging and refresh intervals.
    public struct Settings: Sendable {
        /// Frames a marker may be carried by prediction alone.
        public var maxBridgeFrames = 6
        /// Gate radius at rest, pixels.
        public var gateBase = 6.0
        /// Extra gate per pixel/frame of predicted speed.
        public var gateVelocityFactor = 0.9
        public var gateMax = 80.0
        /// Gate for a track whose velocity is not known yet (just labelled).
        public var gateNewTrack = 30.0
        /// Largest change of a marker's velocity per frame the gate allows for, pixels/frame^2.
        public var maxAcceleration = 1.5
        /// Two predictions closer than this (pixels) are treated as merging LEDs.
        public var mergeDistance = 6.0
        /// Frames between exposure re-estimates while tracking.
        public var levelsInterval = 30
        /// Frames between from-scratch labelling checks while tracking.
        public var verifyInterval = 15
        public init() {}
    }

    struct Track: Sendable {
        var position: Point
        var velocity: Point
        /// Frames since the last detection (0 = detected in the latest frame).
        var missing: Int
        /// Detections so far (velocity is known from the second on).
        var age: Int
    }

    public let markerSet: MarkerSet
    public var settings: Settings
    var detector = BlobDetector()
    var levels: ExposureLevels?
    var framesSinceLevels = 0
    var framesSinceVerify = 0
    var disagreements = 0
    var ledPeak = 255.0
    /// Typical light of one LED blob (running average of assigned blobs), 0 until known.
    var ledMass = 0.0
    var tracks: [Track?]
    var referenceLengths: [Double?]
    var forwardVote = 0.0
    /// Side view: +1 running toward image right, -1 toward image left, 0 not yet known.
    public private(set) var forward: Double = 0
    var blobs: [Blob] = []

    public init(markerSet: MarkerSet, settings: Settings = Settings()) {
        self.markerSet = markerSet
        self.settings = settings
        tracks = [Track?](repeating: nil, count: markerSet.count)
        referenceLengths = [Double?](repeating: nil, count: markerSet.segments.count)
        blobs.reserveCapacity(64)
    }

    /// The exposure levels used for the latest frame.
    public var currentLevels: ExposureLevels? { levels }

    /// Forgets every track (the next frame is labelled from scratch).
    public mutating func reset() {
        tracks = [Track?](repeating: nil, count: markerSet.count)
    }

    /// Tracks one frame. `elapsedFrames` is 1 normally, more after dropped frames.
    public mutating func process(_ image: LumaImage, elapsedFrames: Int = 1) -> TrackedFrame {
        let k = Double(max(1, elapsedFrames))
        framesSinceLevels += 1
        if levels == nil || framesSinceLevels >= settings.levelsInterval {
            levels = ExposureLevels.estimate(image, ledPeak: ledPeak)
            framesSinceLevels = 0
        }
        let lv = levels!
        var fullScan = false
        let liveTracks = tracks.compactMap { $0 }.count
        blobs.removeAll(keepingCapacity: true)
        if liveTracks == markerSet.count && detectInWindows(image, levels: lv, k: k) {
            // windows were enough
        } else {
            fullScan = true
            detector.detect(in: image, levels: lv, into: &blobs)
        }
        var assigned = assignToPredictions(k: k)
        if !fullScan && assigned.contains(where: { $0 == nil }) && blobs.count < markerSet.count + 4 {
            // A marker left its window: look at the whole frame before giving up on it.
            fullScan = true
            blobs.removeAll(keepingCapacity: true)
            detector.detect(in: image, levels: lv, into: &blobs)
            assigned = assignToPredictions(k: k)
        }
        let inconsistent = rejectInconsistent(&assigned, k: k)

        // Re-acquire lost markers, or label from scratch.
        var relabelled = Set<Int>()
        let held = assigned.compactMap { $0 }.count
        let needed = (markerSet.count * 2 + 2) / 3
        var fromScratch: LabelHypothesis?
        if inconsistent {
            // Something is wrong: a labelling of the whole frame decides, if it is sure.
            rescanWholeFrame(image, levels: lv, assigned: &assigned, fullScan: &fullScan)
            fromScratch = labelFromScratch(fixed: nil)
        }
        if let h = fromScratch {
            assigned = h.blobForMarker
            relabelled = Set(0..<markerSet.count)
        } else if held < needed {
            rescanWholeFrame(image, levels: lv, assigned: &assigned, fullScan: &fullScan)
            if let h = labelFromScratch(fixed: nil) {
                assigned = h.blobForMarker
                relabelled = Set(0..<markerSet.count)
                if markerSet.view == .side && forward == 0 { forwardVote = h.forward * 0.2 }
            }
        } else if held < markerSet.count && blobs.count > held {
            rescanWholeFrame(image, levels: lv, assigned: &assigned, fullScan: &fullScan)
            if inconsistent {
                // The rest of a limb that broke a segment length is suspect too: re-find it whole.
                for group in limbGroups where group.contains(where: { assigned[$0] == nil }) {
                    for m in group { assigned[m] = nil }
                }
            }
            if let h = labelFromScratch(fixed: assigned, prior: prior(k: k)) {
                for m in 0..<markerSet.count where assigned[m] == nil && h.blobForMarker[m] != nil {
                    assigned[m] = h.blobForMarker[m]
                    relabelled.insert(m)
                }
            }
        } else if held == markerSet.count {
            framesSinceVerify += 1
            if framesSinceVerify >= settings.verifyInterval {
                framesSinceVerify = 0
                verify(&assigned, relabelled: &relabelled, image: image, levels: lv, fullScan: &fullScan)
            }
        }

        // Update tracks and build the output.
        var out = MarkerFrame(repeating: nil, count: markerSet.count)
        for m in 0..<markerSet.count {
            if let b = assigned[m] {
                let p = blobs[b].centroid
                var confidence = 0.8
                if let t = tracks[m], !relabelled.contains(m) {
                    let predicted = t.position + t.velocity * Double(t.missing + 1) * k
                    let gate = gateRadius(t, k: k)
                    let d = p.distance(to: predicted)
                    confidence = max(0.3, 1 - 0.5 * (d / gate) * (d / gate))
                    let steps = Double(t.missing + 1) * k
                    tracks[m] = Track(position: p, velocity: (p - t.position) / steps, missing: 0, age: t.age + 1)
                } else if let t = tracks[m], t.missing <= settings.maxBridgeFrames, p.distance(to: t.position) < 40 {
                    let steps = Double(t.missing + 1) * k
                    tracks[m] = Track(position: p, velocity: (p - t.position) / steps, missing: 0, age: 1)
                } else {
                    tracks[m] = Track(position: p, velocity: .zero, missing: 0, age: 0)
                }
                out[m] = TrackedMarker(position: p, confidence: confidence, source: .detected)
                ledPeak = ledPeak * 0.99 + Double(blobs[b].peak) * 0.01
                ledMass = ledMass == 0 ? blobs[b].mass : ledMass * 0.99 + min(blobs[b].mass, 1.5 * ledMass) * 0.01
            } else if var t = tracks[m] {
                t.missing += 1
                if t.missing > settings.maxBridgeFrames || t.age < 2 {
                    tracks[m] = nil
                } else {
                    let p = t.position + t.velocity * Double(t.missing) * k
                    out[m] = TrackedMarker(position: p, confidence: 0.6 * pow07(t.missing), source: .predicted)
                    tracks[m] = t
                }
            }
        }
        learnLengths(out)
        if markerSet.view == .side { voteForward(out) }

        let detected = out.filter { $0?.source == .detected }.count
        let status: TrackingStatus
        if blobs.isEmpty && out.allSatisfy({ $0 == nil }) {
            status = .noMarkers
        } else if detected == markerSet.count {
            status = .tracking
        } else if out.contains(where: { $0 != nil }) {
            status = .partial
        } else {
            status = .searching
        }
        if blobs.isEmpty { framesSinceLevels = settings.levelsInterval } // re-estimate next frame
        return TrackedFrame(markers: out, blobCount: blobs.count, status: status, forward: forward, fullScan: fullScan)
    }

    private func pow07(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 0.7 }
        return r
    }

    private func predicted(_ t: Track, k: Double) -> Point {
        t.position + t.velocity * Double(t.missing + 1) * k
    }

    private func gateRadius(_ t: Track, k: Double) -> Double {
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
    private func gateRadii(_ t: Track, k: Double) -> (Double, Double) {
        let g = gateRadius(t, k: k)
        guard markerSet.view == .rear else { return (g, g) }
        let sideways = 3 + abs(t.velocity.x) * k * 1.5 + 0.5 * Double(t.missing)
        return (min(g, sideways), g)
    }

    // MARK: - detection

    /// Detects in merged windows around the predictions. Returns false when a blob touches a
    /// window edge (it may be cut), so the caller falls back to a full scan.
    private mutating func detectInWindows(_ image: LumaImage, levels: ExposureLevels, k: Double) -> Bool {
        var windows: [PixelRect] = []
        for case let t? in tracks {
            let r = Int(gateRadius(t, k: k).rounded(.up)) + 4
            var w = PixelRect(center: predicted(t, k: k), radius: r).clamped(width: image.width, height: image.height)
            if w.isEmpty { return false }
            // Merge with any overlapping window so no blob is split between two.
            var merged = true
            while merged {
                merged = false
                if let i = windows.firstIndex(where: { $0.expanded(by: 2).intersects(w) }) {
                    w = w.union(windows.remove(at: i))
                    merged = true
                }
            }
            windows.append(w)
        }
        for w in windows {
            let start = blobs.count
            detector.detect(in: image, levels: levels, region: w, into: &blobs)
            for b in blobs[start...] {
                let touches = (b.bounds.minX == w.minX && w.minX > 0) || (b.bounds.minY == w.minY && w.minY > 0)
                    || (b.bounds.maxX == w.maxX && w.maxX < image.width - 1)
                    || (b.bounds.maxY == w.maxY && w.maxY < image.height - 1)
                if touches {
                    blobs.removeAll(keepingCapacity: true)
                    return false
                }
            }
        }
        return true
    }

    /// Replaces window detections by a whole-frame scan, keeping each held marker on its blob.
    private mutating func rescanWholeFrame(_ image: LumaImage, levels: ExposureLevels, assigned: inout [Int?],
                                           fullScan: inout Bool) {
        guard !fullScan else { return }
        fullScan = true
        let keep = assigned.map { $0.map { blobs[$0].centroid } }
        blobs.removeAll(keepingCapacity: true)
        detector.detect(in: image, levels: levels, into: &blobs)
        assigned = keep.map { p in
            p.flatMap { old in
                blobs.indices.min { blobs[$0].centroid.distance(to: old) < blobs[$1].centroid.distance(to: old) }
                    .flatMap { blobs[$0].centroid.distance(to: old) < 0.5 ? $0 : nil }
            }
        }
    }

    // MARK: - labelling

    private func assignToPredictions(k: Double) -> [Int?] {
        var out = [Int?](repeating: nil, count: markerSet.count)
        var rows: [Int] = []
        var cost: [[Double]] = []
        var merging = Set<Int>()
        let preds: [Point?] = tracks.map { $0.map { predicted($0, k: k) } }
        for a in 0..<markerSet.count {
            guard let pa = preds[a] else { continue }
            for b in (a + 1)..<markerSet.count {
                if let pb = preds[b], pa.distance(to: pb) < settings.mergeDistance {
                    merging.insert(a)
                    merging.insert(b)
                }
            }
        }
        // A blob with the light of two LEDs, near two predictions, is two LEDs merged: its centre
        // belongs to neither, so neither takes it.
        var mergedBlobs = Set<Int>()
        if ledMass > 0 {
            for (i, b) in blobs.enumerated() where b.mass > 1.6 * ledMass {
                var near = 0
                for m in 0..<markerSet.count {
                    guard let t = tracks[m], let p = preds[m] else { continue }
                    if b.centroid.distance(to: p) <= gateRadius(t, k: k) { near += 1 }
                }
                if near >= 2 { mergedBlobs.insert(i) }
            }
        }
        for m in 0..<markerSet.count {
            guard let t = tracks[m], let p = preds[m], !merging.contains(m) else { continue }
            let (rx, ry) = gateRadii(t, k: k)
            rows.append(m)
            cost.append(blobs.enumerated().map { i, b in
                if mergedBlobs.contains(i) { return .infinity }
                let dx = (b.centroid.x - p.x) / rx, dy = (b.centroid.y - p.y) / ry
                let c = dx * dx + dy * dy
                return c <= 1 ? c : .infinity
            })
        }
        guard !rows.isEmpty, !blobs.isEmpty else { return out }
        // Each marker may also stay unassigned at the cost of a blob on its gate's edge, so two
        // markers are never forced onto each other's blobs just to use every blob.
        let n = blobs.count
        for r in 0..<rows.count {
            var miss = [Double](repeating: .infinity, count: rows.count)
            miss[r] = 1
            cost[r].append(contentsOf: miss)
        }
        let solved = Assignment.solve(cost)
        for (r, m) in rows.enumerated() { out[m] = solved[r].flatMap { $0 < n ? $0 : nil } }
        // A blob that also lies very close to a merging pair's predictions is probably the merged
        // pair itself: do not let a neighbour take it either.
        for m in 0..<markerSet.count {
            guard let b = out[m] else { continue }
            for j in merging where preds[j].map({ $0.distance(to: blobs[b].centroid) < settings.mergeDistance }) == true {
                out[m] = nil
            }
        }
        return out
    }

    private func labelFromScratch(fixed: [Int?]?, prior: LabelPrior? = nil) -> LabelHypothesis? {
        let reference = referenceLengths.contains { $0 != nil } ? referenceLengths : nil
        switch markerSet.view {
        case .side:
            return SideLabeller().label(blobs, knownForward: forward, fixed: fixed, reference: reference, prior: prior)
        case .rear:
            return RearLabeller().label(blobs, fixed: fixed, reference: reference, prior: prior)
        }
    }

    /// The live tracks' predictions as a continuity prior for re-finding markers.
    private func prior(k: Double) -> LabelPrior {
        let expected = tracks.map { t in t.map { predicted($0, k: k) } }
        return markerSet.view == .rear ? LabelPrior(expected: expected, scaleX: 4, scaleY: 12)
            : LabelPrior(expected: expected, scaleX: 10, scaleY: 10)
    }

    /// Checks the tracks against a from-scratch labelling of the whole frame.
    private mutating func verify(_ assigned: inout [Int?], relabelled: inout Set<Int>, image: LumaImage,
                                 levels: ExposureLevels, fullScan: inout Bool) {
        rescanWholeFrame(image, levels: levels, assigned: &assigned, fullScan: &fullScan)
        guard let h = labelFromScratch(fixed: nil) else { return }
        if h.blobForMarker == assigned {
            disagreements = 0
            return
        }
        disagreements += 1
        if disagreements >= 2 {
            disagreements = 0
            assigned = h.blobForMarker
            relabelled = Set(0..<markerSet.count)
        }
    }

    // MARK: - consistency

    /// Markers that move together as one limb; a limb with a broken segment is re-found whole.
    private var limbGroups: [[Int]] {
        switch markerSet.view {
        case .side:
            return [[SideMarker.sho.rawValue, SideMarker.gt.rawValue],
                    [SideMarker.kne.rawValue, SideMarker.ank.rawValue, SideMarker.hee.rawValue, SideMarker.mt5.rawValue]]
        case .rear:
            return [[RearMarker.lpsi.rawValue, RearMarker.rpsi.rawValue],
                    [RearMarker.lthi.rawValue, RearMarker.lkne.rawValue, RearMarker.lhee.rawValue],
                    [RearMarker.rthi.rawValue, RearMarker.rkne.rawValue, RearMarker.rhee.rawValue]]
        }
    }

    /// Relative length tolerance per segment before an assignment is distrusted.
    private func tolerance(_ s: Int) -> Double? {
        let seg = markerSet.segments[s]
        switch markerSet.view {
        case .side:
            if seg.from == SideMarker.ank.rawValue || seg.from == SideMarker.hee.rawValue { return 0.35 }
            return 0.18
        case .rear:
            // The shank foreshortens strongly in swing seen from behind: no check.
            if seg.to == RearMarker.lhee.rawValue || seg.to == RearMarker.rhee.rawValue { return nil }
            // The thigh foreshortens by up to a fifth with hip flexion.
            return 0.3
        }
    }

    /// Drops assignments that break a segment length; returns whether any did.
    private func rejectInconsistent(_ assigned: inout [Int?], k: Double) -> Bool {
        var any = false
        for (s, seg) in markerSet.segments.enumerated() {
            guard let ref = referenceLengths[s], let tol = tolerance(s),
                  let a = assigned[seg.from], let b = assigned[seg.to] else { continue }
            let len = blobs[a].centroid.distance(to: blobs[b].centroid)
            if abs(len / ref - 1) <= tol { continue }
            any = true
            // Distrust the end that strayed further from its prediction.
            func residual(_ m: Int, _ blob: Int) -> Double {
                guard let t = tracks[m] else { return .infinity }
                return blobs[blob].centroid.distance(to: predicted(t, k: k)) / gateRadius(t, k: k)
            }
            if residual(seg.from, a) >= residual(seg.to, b) {
                assigned[seg.from] = nil
            } else {
                assigned[seg.to] = nil
            }
        }
        return any
    }

    private mutating func learnLengths(_ m: MarkerFrame) {
        for (s, seg) in markerSet.segments.enumerated() {
            guard let a = m[seg.from], let b = m[seg.to], a.source == .detected, b.source == .detected,
                  a.confidence > 0.7, b.confidence > 0.7 else { continue }
            let len = a.position.distance(to: b.position)
            if let r = referenceLengths[s] {
                referenceLengths[s] = r * 0.98 + len * 0.02
            } else {
                referenceLengths[s] = len
            }
        }
    }

    /// Running direction from the foot (toe ahead of heel most of the cycle) and the trunk
    /// (leaning slightly forward), accumulated over frames with hysteresis.
    private mutating func voteForward(_ m: MarkerFrame) {
        var vote = 0.0
        if let h = m[SideMarker.hee.rawValue], let t = m[SideMarker.mt5.rawValue] {
            let v = t.position - h.position
            vote += v.x / max(1, v.length)
        }
        if let s = m[SideMarker.sho.rawValue], let g = m[SideMarker.gt.rawValue] {
            let v = s.position - g.position
            vote += 0.5 * v.x / max(1, v.length)
        }
        forwardVote = forwardVote * 0.98 + vote * 0.02
        if forward == 0 {
            if abs(forwardVote) > 0.15 { forward = forwardVote > 0 ? 1 : -1 }
        } else if forwardVote * forward < -0.3 {
            forward = -forward
        }
    }
}
