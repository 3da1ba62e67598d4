/// Tracks one camera view's LED markers from frame to frame: the per-camera real-time tracker.
///
/// Per frame: exposure levels (refreshed every `levelsInterval` frames), blob detection (only in
/// windows around the predicted positions while tracking; the whole frame when acquiring or when
/// a marker is lost), labelling (from scratch with `SideLabeller`/`RearLabeller`, otherwise by
/// minimum-cost assignment of blobs to constant-velocity predictions inside a motion-scaled gate),
/// then a segment-length check that drops a marker rather than accept a likely identity swap.
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
        /// Frames between exposure re-estimates while tracking.
        public var levelsInterval = 30
        public init() {}
    }

    struct Track: Sendable {
        var position: Point
        var velocity: Point
        /// Frames since the last detection (0 = detected in the latest frame).
        var missing: Int
    }

    public let markerSet: MarkerSet
    public var settings: Settings
    var detector = BlobDetector()
    var levels: ExposureLevels?
    var framesSinceLevels = 0
    var ledPeak = 255.0
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
        var usedFullScan = false
        var assigned = [Int?](repeating: nil, count: markerSet.count)

        let liveTracks = tracks.compactMap { $0 }.count
        if liveTracks == markerSet.count {
            blobs.removeAll(keepingCapacity: true)
            if detectInWindows(image, levels: lv, k: k) {
                assigned = assignToPredictions(k: k)
            } else {
                usedFullScan = true
                fullScan(image, levels: lv)
                assigned = assignToPredictions(k: k)
            }
            if assigned.contains(where: { $0 == nil }) && !usedFullScan {
                // A marker left its window: look at the whole frame before giving up on it.
                usedFullScan = true
                fullScan(image, levels: lv)
                assigned = assignToPredictions(k: k)
            }
        } else {
            usedFullScan = true
            fullScan(image, levels: lv)
            if liveTracks >= (markerSet.count * 2 + 2) / 3 {
                assigned = assignToPredictions(k: k)
            }
        }

        // Drop assignments that break segment lengths (likely swaps or stray spots).
        rejectInconsistent(&assigned, k: k)

        // Too few markers held by tracks: label from scratch.
        let heldCount = assigned.compactMap { $0 }.count
        var relabelled = false
        if heldCount < (markerSet.count * 2 + 2) / 3 {
            if let h = labelFromScratch() {
                assigned = h.blobForMarker
                relabelled = true
                if markerSet.view == .side && forward == 0 { forwardVote = h.forward * 0.2 }
            }
        }

        // Update tracks and build the output.
        var out = MarkerFrame(repeating: nil, count: markerSet.count)
        for m in 0..<markerSet.count {
            if let b = assigned[m] {
                let p = blobs[b].centroid
                var confidence = 1.0
                if let t = tracks[m], !relabelled {
                    let predicted = t.position + t.velocity * Double(t.missing + 1) * k
                    let gate = gateRadius(t, k: k)
                    let d = p.distance(to: predicted)
                    confidence = max(0.3, 1 - 0.5 * (d / gate) * (d / gate))
                    let steps = Double(t.missing + 1) * k
                    tracks[m] = Track(position: p, velocity: (p - t.position) / steps, missing: 0)
                } else if relabelled, let t = tracks[m], t.missing == 0 {
                    tracks[m] = Track(position: p, velocity: (p - t.position) / k, missing: 0)
                    confidence = 0.8
                } else {
                    tracks[m] = Track(position: p, velocity: .zero, missing: 0)
                    confidence = 0.8
                }
                out[m] = TrackedMarker(position: p, confidence: confidence, source: .detected)
                ledPeak = ledPeak * 0.99 + Double(blobs[b].peak) * 0.01
            } else if var t = tracks[m] {
                t.missing += 1
                if t.missing > settings.maxBridgeFrames {
                    tracks[m] = nil
                } else {
                    let p = t.position + t.velocity * Double(t.missing) * k
                    out[m] = TrackedMarker(position: p, confidence: 0.6 * pow07(t.missing), source: .predicted)
                    tracks[m] = t
                }
            }
        }
        if relabelled {
            // Tracks not confirmed by the new labelling are stale.
            for m in 0..<markerSet.count where assigned[m] == nil { tracks[m] = nil }
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
        return TrackedFrame(markers: out, blobCount: blobs.count, status: status, forward: forward,
                            fullScan: usedFullScan)
    }

    private func pow07(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 0.7 }
        return r
    }

    private func gateRadius(_ t: Track, k: Double) -> Double {
        let speed = t.velocity.length * k
        return min(settings.gateMax,
                   settings.gateBase + settings.gateVelocityFactor * speed + 3 * Double(t.missing))
    }

    // MARK: - detection

    private mutating func fullScan(_ image: LumaImage, levels: ExposureLevels) {
        blobs.removeAll(keepingCapacity: true)
        detector.detect(in: image, levels: levels, into: &blobs)
    }

    /// Detects in merged windows around the predictions. Returns false when a blob touches a
    /// window edge (it may be cut), so the caller falls back to a full scan.
    private mutating func detectInWindows(_ image: LumaImage, levels: ExposureLevels, k: Double) -> Bool {
        var windows: [PixelRect] = []
        for case let t? in tracks {
            let predicted = t.position + t.velocity * Double(t.missing + 1) * k
            let r = Int(gateRadius(t, k: k).rounded(.up)) + 4
            var w = PixelRect(center: predicted, radius: r).clamped(width: image.width, height: image.height)
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
                if touches { return false }
            }
        }
        return true
    }

    // MARK: - labelling

    private func assignToPredictions(k: Double) -> [Int?] {
        var rows: [Int] = []
        var cost: [[Double]] = []
        for m in 0..<markerSet.count {
            guard let t = tracks[m] else { continue }
            let predicted = t.position + t.velocity * Double(t.missing + 1) * k
            let gate = gateRadius(t, k: k)
            rows.append(m)
            cost.append(blobs.map { b in
                let d = b.centroid.distance(to: predicted)
                return d <= gate ? (d / gate) * (d / gate) : .infinity
            })
        }
        var out = [Int?](repeating: nil, count: markerSet.count)
        guard !rows.isEmpty, !blobs.isEmpty else { return out }
        let solved = Assignment.solve(cost)
        for (r, m) in rows.enumerated() { out[m] = solved[r] }
        return out
    }

    private func labelFromScratch() -> LabelHypothesis? {
        switch markerSet.view {
        case .side: SideLabeller().label(blobs, knownForward: forward)
        case .rear: RearLabeller().label(blobs)
        }
    }

    // MARK: - consistency

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
            return 0.4
        }
    }

    private func rejectInconsistent(_ assigned: inout [Int?], k: Double) {
        for (s, seg) in markerSet.segments.enumerated() {
            guard let ref = referenceLengths[s], let tol = tolerance(s),
                  let a = assigned[seg.from], let b = assigned[seg.to] else { continue }
            let len = blobs[a].centroid.distance(to: blobs[b].centroid)
            if abs(len / ref - 1) <= tol { continue }
            // Distrust the end that strayed further from its prediction.
            func residual(_ m: Int, _ blob: Int) -> Double {
                guard let t = tracks[m] else { return .infinity }
                let p = t.position + t.velocity * Double(t.missing + 1) * k
                return blobs[blob].centroid.distance(to: p) / gateRadius(t, k: k)
            }
            if residual(seg.from, a) >= residual(seg.to, b) {
                assigned[seg.from] = nil
            } else {
                assigned[seg.to] = nil
            }
        }
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
