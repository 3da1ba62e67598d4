/// Tracks one camera view's LED markers from frame to frame: the per-camera real-time tracker.
///
/// Per frame: exposure levels (refreshed every `levelsInterval` frames), blob detection (only in
/// windows around the predicted positions while every marker is tracked; the whole frame
/// otherwise), then labelling:
/// 1. a blob with the light of two LEDs near two predictions, or the only blob for two
///    predictions closer than two spot widths (touching LEDs, as a heel passing its knee seen
///    from behind), is split into two (`BlobSplitter`); if it cannot be parted it is taken by
///    neither marker, and both are carried by prediction;
/// 2. assignment of blobs to constant-velocity predictions inside a motion-scaled gate (global
///    minimum cost, with an explicit "miss" per marker), then an ambiguity check: two markers
///    that could as well have each other's blobs (or one marker whose blob another missing
///    marker could as well own) are dropped rather than risk a swap;
/// 3. a segment-length check that drops a marker rather than accept a likely identity swap;
/// 4. re-acquisition of lost markers by labelling the spare blobs with the tracked ones held fixed
///    and the predictions as a prior, or, with too few markers held, labelling from scratch; a
///    marker carried by prediction is taken back by its gate only while its whole limb is tracked;
/// 5. every `verifyInterval` frames, a from-scratch labelling that must agree with the tracks; two
///    confident disagreements in a row replace them (a swap that slipped through is undone).
///    The same while markers stay lost with spots to spare: a held marker sitting on another's
///    LED (after a jump of the picture) would otherwise keep the rest from ever fitting.
/// Short gaps are bridged by prediction (source `.predicted`, falling confidence); longer ones
/// leave the marker missing until it is re-acquired. Working storage is kept between frames: once
/// warm, a frame tracked in windows allocates only the returned marker array.
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
        /// A blob with more than this many times a marker's usual light, near two predictions,
        /// holds two LEDs and is split (or, if it cannot be, left to neither).
        public var mergedMassRatio = 1.4
        /// Two assigned markers whose swapped assignment costs less than this much more (in
        /// squared gate units) are too close to tell apart: both are dropped for the frame.
        public var swapMargin = 0.35
        /// Pixels a just-labelled marker is expected to move in a frame, for the swap check.
        public var youngTrackScale = 4.0
        /// Frames between exposure re-estimates while tracking.
        public var levelsInterval = 30
        /// Frames between from-scratch labelling checks while tracking.
        public var verifyInterval = 15
        /// When every track misses its LED at once though the picture has spots (the picture
        /// jumped), forget them all and label the frame afresh. Off only to test what else
        /// recovers from a jump.
        public var restartAfterJump = true
        /// Side view: the change of a segment's length that LEDs taped up to 2 cm off their
        /// landmarks cause as the joint between them turns, over the thigh's length (2 cm of a
        /// 43 cm thigh, about 0.05), added to every segment's relative tolerance.
        public var placementSlack = 0.05
        /// The camera's frame rate (sets the vote's window in frames).
        public var framesPerSecond = 120.0
        /// Rear view: rival readings of a frame are weighed over this long before one is trusted
        /// (`IdentityVote`): half the stride of the slowest runner gaitlive is made for (2 m/s,
        /// 160 steps/min: 0.75 s), so both legs trade stance and swing in it. On the tuning
        /// population 0.3 s still let 5 of 300 acquisitions pick a crossover runner's heels the
        /// wrong way round; 0.4 s none.
        public var voteSeconds = 0.4
        /// The winning reading must lead every rival by this much accumulated cost (squared
        /// spreads; 8 on the tuning population, where 12 decided no differently).
        public var voteMargin = 8.0
        /// Readings of one frame within this much of the best become the vote's rivals (twice the
        /// largest cost difference by which a wrong reading beat the right one in any one frame
        /// of the tuning population's acquisitions).
        public var voteCandidateMargin = 16.0
        /// What a frame in which a reading is impossible for the body adds to its total.
        public var impossibleCost = 25.0
        /// A reading that leads by `voteMargin` in every frame on average is trusted after this
        /// long already (on the tuning population: half the acquisitions decided within 9
        /// frames, none wrongly; a lead of 5 per frame let 3 of 300 go wrong).
        public var voteEarlySeconds = 0.05
        public init() {}

        /// The vote's window in frames.
        public var voteFrames: Int { max(1, Int((voteSeconds * framesPerSecond).rounded())) }
        /// The vote's earliest decision, frames.
        public var voteEarlyFrames: Int { max(1, Int((voteEarlySeconds * framesPerSecond).rounded())) }
    }

    struct Track: Sendable {
        var position: Point
        var velocity: Point
        /// Frames since the last detection (0 = detected in the latest frame).
        var missing: Int
        /// Detections so far (velocity is known from the second on).
        var age: Int
        /// Typical light of this marker's LED (running mean of its unsplit blobs' mass), 0 unknown.
        var mass = 0.0
    }

    public let markerSet: MarkerSet
    public var settings: Settings
    /// Markers that move together as one limb; a limb with a broken segment is re-found whole.
    let limbGroups: [[Int]]
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
    /// Side view: the running direction (the one rule, `RunningDirection`).
    var direction = RunningDirection()
    /// Side view: +1 running toward image right, -1 toward image left, 0 not yet known.
    public var forward: Double { direction.forward }
    var blobs: [Blob] = []
    /// Spots not labelled as markers at the latest whole-frame scan.
    var strayLights = 0
    /// Typical Gaussian radius of an LED spot, pixels (learned from single-LED blobs).
    var ledSigma = 1.5
    /// Rear view: rival readings of the tracked spots being weighed (markers they disagree on are
    /// not shown meanwhile).
    var vote: IdentityVote?
    /// Why the latest labelling from scratch left markers out.
    var lastFailure: LabellingFailure?
    var votePositions: [Point] = []
    let geometry = RearGeometry()

    // Working storage reused every frame (no allocation once warm).
    var histogram: [Int] = []
    var windows: [PixelRect] = []
    var solver = Assignment()
    var costs: [Double] = []
    var solved: [Int] = []
    var rows: [Int] = []
    var preds: [Point?] = []
    var forbidden: [Bool] = []
    var owner: [Int] = []
    /// This frame's gate radii per marker (x: horizontal, y: vertical), with `preds`.
    var radii: [Point] = []
    var assignedScratch: [Int?] = []

    public init(markerSet: MarkerSet, settings: Settings = Settings()) {
        self.markerSet = markerSet
        self.settings = settings
        limbGroups = ViewTracker.limbGroups(markerSet.view)
        tracks = [Track?](repeating: nil, count: markerSet.count)
        referenceLengths = [Double?](repeating: nil, count: markerSet.segments.count)
        blobs.reserveCapacity(64)
    }

    /// The exposure levels used for the latest frame.
    public var currentLevels: ExposureLevels? { levels }

    /// Forgets every track (the next frame is labelled from scratch).
    public mutating func reset() {
        tracks = [Track?](repeating: nil, count: markerSet.count)
        vote = nil
    }

    /// Labels one frame from scratch, as at acquisition, without using or changing the tracks:
    /// exposure levels (refreshed every `levelsInterval` frames, as while tracking), detection
    /// over the whole frame, then the view's labeller (learned segment lengths and the running
    /// direction are used when known). What `gaitlive bench track` times as "full frame"; every
    /// marker found has source `.detected`.
    public mutating func processWholeFrame(_ image: LumaImage) -> TrackedFrame {
        framesSinceLevels += 1
        if levels == nil || framesSinceLevels >= settings.levelsInterval {
            levels = ExposureLevels.estimate(image, ledPeak: ledPeak, histogram: &histogram)
            framesSinceLevels = 0
        }
        blobs.removeAll(keepingCapacity: true)
        detector.detect(in: image, levels: levels!, into: &blobs)
        var out = MarkerFrame(repeating: nil, count: markerSet.count)
        var status = TrackingStatus.noMarkers
        var reason: LabellingFailure?
        if !blobs.isEmpty {
            status = .searching
            let attempt = labelFromScratch(fixed: nil)
            reason = attempt.failure ?? attempt.hypothesis?.unsure
            if let h = attempt.hypothesis {
                for (m, b) in h.blobForMarker.enumerated() {
                    guard let b else { continue }
                    out[m] = TrackedMarker(position: blobs[b].centroid, confidence: 0.8, source: .detected)
                }
                status = out.allSatisfy { $0 != nil } ? .tracking : .partial
                strayLights = blobs.count - out.count { $0 != nil }
            }
        }
        return TrackedFrame(markers: out, blobCount: blobs.count, status: status, forward: forward, fullScan: true,
                            strayLights: strayLights, reason: reason)
    }

    /// Tracks one frame. `elapsedFrames` is 1 normally, more after dropped frames.
    public mutating func process(_ image: LumaImage, elapsedFrames: Int = 1) -> TrackedFrame {
        let k = Double(max(1, elapsedFrames))
        framesSinceLevels += 1
        if levels == nil || framesSinceLevels >= settings.levelsInterval {
            levels = ExposureLevels.estimate(image, ledPeak: ledPeak, histogram: &histogram)
            framesSinceLevels = 0
        }
        let lv = levels!
        var fullScan = false
        var liveTracks = 0
        for t in tracks where t != nil { liveTracks += 1 }
        blobs.removeAll(keepingCapacity: true)
        if liveTracks == markerSet.count && detectInWindows(image, levels: lv, k: k) {
            // windows were enough
        } else {
            fullScan = true
            detector.detect(in: image, levels: lv, into: &blobs)
        }
        var assigned = assignedScratch
        assignedScratch = []
        assignToPredictions(image, levels: lv, k: k, into: &assigned)
        if !fullScan && assigned.contains(where: { $0 == nil }) && blobs.count < markerSet.count + 4 {
            // A marker left its window: look at the whole frame before giving up on it.
            fullScan = true
            blobs.removeAll(keepingCapacity: true)
            detector.detect(in: image, levels: lv, into: &blobs)
            assignToPredictions(image, levels: lv, k: k, into: &assigned)
        }
        let inconsistent = rejectInconsistent(&assigned, k: k)

        // Re-acquire lost markers, or label from scratch.
        var relabelled = Set<Int>()
        var held = 0
        for b in assigned where b != nil { held += 1 }
        let needed = (markerSet.count * 2 + 2) / 3
        if settings.restartAfterJump && held == 0 && liveTracks > 0 && blobs.count >= needed {
            // Every track missed its LED at once though the picture has spots: the picture jumped
            // (or the tracks were wrong). No prediction is worth showing; label the frame afresh.
            for m in 0..<markerSet.count { tracks[m] = nil }
            vote = nil
        }
        lastFailure = nil
        if markerSet.view == .rear {
            // Seen from behind, the shape alone cannot always tell a heel from the LED it
            // passes, or one heel from the other: markers are found, and readings checked, only
            // through a vote over frames (`IdentityVote`); one runs at a time.
            if vote == nil && held < markerSet.count && blobs.count > held {
                rescanWholeFrame(image, levels: lv, assigned: &assigned, fullScan: &fullScan)
                if inconsistent {
                    // The rest of a limb that broke a segment length is suspect too: re-find it whole.
                    for group in limbGroups where group.contains(where: { assigned[$0] == nil }) {
                        for m in group { assigned[m] = nil }
                    }
                }
                let before = assigned
                if acquireByVote(&assigned) {
                    for m in 0..<markerSet.count where before[m] == nil && assigned[m] != nil { relabelled.insert(m) }
                }
            } else if vote != nil && tracks.contains(where: { $0 == nil }) && blobs.count > held {
                rescanWholeFrame(image, levels: lv, assigned: &assigned, fullScan: &fullScan)
                refindDuringVote(&assigned, relabelled: &relabelled)
            } else if vote == nil && held == markerSet.count {
                framesSinceVerify += 1
                if framesSinceVerify >= settings.verifyInterval {
                    framesSinceVerify = 0
                    verify(&assigned, relabelled: &relabelled, image: image, levels: lv, fullScan: &fullScan)
                }
            }
        } else {
            reacquireSide(&assigned, relabelled: &relabelled, held: held, needed: needed, inconsistent: inconsistent,
                          image: image, levels: lv, k: k, fullScan: &fullScan)
        }

        // Update tracks and build the output.
        var out = MarkerFrame(repeating: nil, count: markerSet.count)
        for m in 0..<markerSet.count {
            if let b = assigned[m] {
                let blob = blobs[b]
                let p = blob.centroid
                var confidence = 0.8
                let oldMass = tracks[m]?.mass ?? 0
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
                if blob.isSplit {
                    // Half of two touching LEDs: measured, but less surely than a lone LED.
                    confidence = min(confidence, 0.6)
                    tracks[m]?.mass = oldMass
                } else {
                    tracks[m]?.mass = oldMass == 0 ? blob.mass : oldMass * 0.9 + min(blob.mass, 1.3 * oldMass) * 0.1
                    ledMass = ledMass == 0 ? blob.mass : ledMass * 0.99 + min(blob.mass, 1.5 * ledMass) * 0.01
                    // A round spot's light spreads sigma x sqrt(2) from its centre.
                    ledSigma = ledSigma * 0.99 + min(4, max(0.7, blob.spread / 2.0.squareRoot())) * 0.01
                }
                out[m] = TrackedMarker(position: p, confidence: confidence, source: .detected)
                ledPeak = ledPeak * 0.99 + Double(blob.peak) * 0.01
            } else if var t = tracks[m] {
                t.missing += 1
                if t.missing > settings.maxBridgeFrames || t.age < 2 {
                    tracks[m] = nil
                } else {
                    let p = t.position + t.velocity * Double(t.missing) * k
                    // A guess fades with each unseen frame, and faster for a fast marker (a foot in
                    // swing cannot be extrapolated far): angles need 0.25 by default.
                    let speed = t.velocity.length * k
                    let confidence = 0.6 * pow07(t.missing) / (1 + speed / 4)
                    out[m] = TrackedMarker(position: p, confidence: confidence, source: .predicted)
                    tracks[m] = t
                }
            }
        }
        weighReadings(&out)
        learnLengths(out)
        if markerSet.view == .side { direction.add(out) }

        assignedScratch = assigned
        var detected = 0
        for case let marker? in out where marker.source == .detected { detected += 1 }
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
        if fullScan && status != .searching {
            // Spots that are neither a marker's blob nor near where a marker is expected.
            var strays = 0
            for i in 0..<blobs.count where !assigned.contains(i) {
                var near = false
                for m in 0..<markerSet.count where tracks[m] != nil && m < preds.count {
                    if gateCost(blobs[i].centroid, marker: m, k: k).isFinite { near = true }
                }
                if !near { strays += 1 }
            }
            strayLights = strays
        }
        let reason = status == .searching || status == .partial ? (vote?.contested ?? lastFailure) : nil
        return TrackedFrame(markers: out, blobCount: blobs.count, status: status, forward: forward, fullScan: fullScan,
                            strayLights: strayLights, reason: reason)
    }

    /// Side view: re-acquires lost markers, or labels from scratch (the body's shape with the
    /// tracks' predictions as a prior), and checks held markers against the whole frame.
    private mutating func reacquireSide(_ assigned: inout [Int?], relabelled: inout Set<Int>, held: Int, needed: Int,
                                        inconsistent: Bool, image: LumaImage, levels lv: ExposureLevels, k: Double,
                                        fullScan: inout Bool) {
        var fromScratch: LabelHypothesis?
        if inconsistent {
            // Something is wrong: a labelling of the whole frame decides, if it is sure. The
            // tracks' predictions weigh in.
            rescanWholeFrame(image, levels: lv, assigned: &assigned, fullScan: &fullScan)
            fromScratch = labelFromScratch(fixed: nil, prior: prior(k: k)).hypothesis
        }
        if let h = fromScratch {
            assigned = h.blobForMarker
            relabelled = Set(0..<markerSet.count)
        } else if held < needed {
            rescanWholeFrame(image, levels: lv, assigned: &assigned, fullScan: &fullScan)
            if let h = labelFromScratch(fixed: nil, prior: prior(k: k)).hypothesis {
                assigned = h.blobForMarker
                relabelled = Set(0..<markerSet.count)
                if markerSet.view == .side { direction.seed(h.forward) }
            }
        } else if held < markerSet.count && blobs.count > held {
            rescanWholeFrame(image, levels: lv, assigned: &assigned, fullScan: &fullScan)
            if inconsistent {
                // The rest of a limb that broke a segment length is suspect too: re-find it whole.
                for group in limbGroups where group.contains(where: { assigned[$0] == nil }) {
                    for m in group { assigned[m] = nil }
                }
            }
            if let h = labelFromScratch(fixed: assigned, prior: prior(k: k)).hypothesis {
                for m in 0..<markerSet.count where assigned[m] == nil {
                    guard let b = h.blobForMarker[m], reacquisitionIsSafe(m, blob: b, k: k) else { continue }
                    assigned[m] = b
                    relabelled.insert(m)
                }
            }
            if assigned.contains(where: { $0 == nil }) {
                // Still short of markers with LEDs to spare: a held marker may sit on another's
                // LED (after a jump of the picture, say), so that the rest never fit around it.
                framesSinceVerify += 1
                if framesSinceVerify >= settings.verifyInterval {
                    framesSinceVerify = 0
                    verifyPartial(&assigned, relabelled: &relabelled)
                }
            }
        } else if held == markerSet.count {
            framesSinceVerify += 1
            if framesSinceVerify >= settings.verifyInterval {
                framesSinceVerify = 0
                verify(&assigned, relabelled: &relabelled, image: image, levels: lv, fullScan: &fullScan)
            }
        }
    }

    // MARK: - weighing rival readings (rear view)

    /// Finds the markers `assigned` lacks (the others pinned to their blobs): the best reading's
    /// spots become their tracks, and if other readings fit about as well, a vote between them.
    /// Returns whether it labelled.
    private mutating func acquireByVote(_ assigned: inout [Int?]) -> Bool {
        let pins = assigned.contains { $0 != nil } ? assigned : nil
        let candidates = RearLabeller().candidates(blobs, fixed: pins, margin: settings.voteCandidateMargin)
        guard let best = candidates.first else {
            lastFailure = RearLabeller().attempt(blobs, fixed: pins).failure
            return false
        }
        assigned = best.blobForMarker
        let v = IdentityVote(candidates: candidates.map(\.blobForMarker))
        vote = v.isContested ? v : nil
        return true
    }

    /// Starts a vote between the tracks' reading and the readings a labelling from scratch
    /// finds (the whole frame scanned, every marker held).
    private mutating func contest(_ assigned: [Int?]) {
        var hypotheses = [Array(0..<markerSet.count)]
        for c in RearLabeller().candidates(blobs, margin: settings.voteCandidateMargin) {
            let perm = c.blobForMarker.map { b in b.flatMap { b in assigned.firstIndex(of: b) } }
            guard perm.allSatisfy({ $0 != nil }) else { continue }
            let p = perm.map { $0! }
            if !hypotheses.contains(p) { hypotheses.append(p) }
        }
        let v = IdentityVote(hypotheses: hypotheses)
        vote = v.isContested ? v : nil
    }

    /// While a vote runs, tracks lost to merging LEDs are re-found without letting the vote's
    /// still disputed reading shape anything: only undisputed markers are pinned; a lost
    /// undisputed marker takes the spot the body's shape is sure of; a lost disputed one takes
    /// the one spot the shape gives the disputed markers that no surviving disputed track holds.
    private mutating func refindDuringVote(_ assigned: inout [Int?], relabelled: inout Set<Int>) {
        guard let v = vote else { return }
        var pins = assigned
        for m in 0..<markerSet.count where !v.agreed[m] { pins[m] = nil }
        guard let best = RearLabeller().candidates(blobs, fixed: pins, margin: settings.voteCandidateMargin).first
        else { return }
        let sure = labelFromScratch(fixed: pins).hypothesis
        var spare: [Int] = []
        for m in 0..<markerSet.count where !v.agreed[m] {
            if let b = best.blobForMarker[m], !assigned.contains(b) { spare.append(b) }
        }
        for m in 0..<markerSet.count where tracks[m] == nil && assigned[m] == nil && v.agreed[m] {
            guard let b = sure?.blobForMarker[m], !assigned.contains(b), !spare.contains(b) else { continue }
            assigned[m] = b
            relabelled.insert(m)
        }
        // The disputed spot only once every undisputed marker is held again: while one of them is
        // still lost, its LED may be the spot the shape reserves for the disputed ones.
        guard (0..<markerSet.count).allSatisfy({ !v.agreed[$0] || assigned[$0] != nil }), spare.count == 1 else { return }
        for m in 0..<markerSet.count where tracks[m] == nil && assigned[m] == nil && !v.agreed[m] {
            assigned[m] = spare[0]
            relabelled.insert(m)
        }
    }

    /// While a vote runs: adds this frame (when every marker was measured), applies the winning
    /// reading once decided, and meanwhile hides the markers the readings dispute.
    private mutating func weighReadings(_ out: inout MarkerFrame) {
        guard vote != nil else { return }
        var lostDisputed = 0
        for m in 0..<markerSet.count where tracks[m] == nil && !vote!.agreed[m] { lostDisputed += 1 }
        if lostDisputed > 1 {
            // Two disputed tracks lost at once: which spot was which cannot be told on their
            // return. Forget the disputed ones and start again.
            for m in 0..<markerSet.count where !vote!.agreed[m] {
                tracks[m] = nil
                out[m] = nil
            }
            vote = nil
            return
        }
        if out.allSatisfy({ $0?.source == .detected }) {
            votePositions.removeAll(keepingCapacity: true)
            for marker in out { votePositions.append(marker!.position) }
            vote!.add(votePositions, impossibleCost: settings.impossibleCost) { geometry.cost($0) }
        }
        if let winner = vote!.decision(window: settings.voteFrames, margin: settings.voteMargin,
                                       early: settings.voteEarlyFrames) {
            let oldTracks = tracks, oldOut = out // rare: once per vote
            for m in 0..<markerSet.count {
                tracks[m] = oldTracks[winner[m]]
                out[m] = oldOut[winner[m]]
            }
            vote = nil
            return
        }
        for m in 0..<markerSet.count where !vote!.agreed[m] { out[m] = nil }
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
        windows.removeAll(keepingCapacity: true)
        for case let t? in tracks {
            // The gate plus an LED's reach, so a blob centred anywhere in the gate lies inside.
            let (rx, ry) = gateRadii(t, k: k)
            let c = predicted(t, k: k)
            let cx = Int(c.x.rounded()), cy = Int(c.y.rounded())
            let hx = Int(rx.rounded(.up)) + 4, hy = Int(ry.rounded(.up)) + 4
            var w = PixelRect(minX: cx - hx, minY: cy - hy, maxX: cx + hx, maxY: cy + hy)
                .clamped(width: image.width, height: image.height)
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
        for wi in 0..<windows.count {
            let w = windows[wi]
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
        let keep = assigned.map { $0.map { blobs[$0].centroid } } // rare path: allocation is fine
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

    /// Normalised squared distance of `p` from `prediction` in a gate of radii (rx, ry):
    /// at most 1 inside the gate, infinity outside.
    private func gateCost(_ p: Point, _ prediction: Point, _ rx: Double, _ ry: Double) -> Double {
        let dx = (p.x - prediction.x) / rx, dy = (p.y - prediction.y) / ry
        let c = dx * dx + dy * dy
        return c <= 1 ? c : .infinity
    }

    /// Gate cost of `p` for marker m, from this frame's predictions and gate radii.
    private func gateCost(_ p: Point, marker m: Int, k: Double) -> Double {
        guard let q = preds[m] else { return .infinity }
        return gateCost(p, q, radii[m].x, radii[m].y)
    }

    /// Global assignment of this frame's blobs to the tracks' predictions; `out[m]` is marker
    /// m's blob index or nil.
    private mutating func assignToPredictions(_ image: LumaImage, levels: ExposureLevels, k: Double,
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
    private func mayUseGate(_ m: Int) -> Bool {
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
    private func bridgedWithLimb(_ m: Int) -> Bool {
        guard let t = tracks[m], t.missing > 0 else { return false }
        for group in limbGroups where group.contains(m) {
            for j in group where j != m && (tracks[j]?.missing ?? 0) > 0 { return true }
        }
        return false
    }

    /// The common case, without the general solver: every tracked marker has at most one blob
    /// in its gate and no blob is in two gates. Returns false (leaving `out` empty) otherwise.
    private mutating func assignUnambiguous(_ out: inout [Int?], k: Double) -> Bool {
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

    /// Splits blobs that hold two LEDs (much more light than the markers near them usually give,
    /// and two predictions in gate); marks the ones that cannot be parted as `forbidden`.
    private mutating func splitMergedBlobs(_ image: LumaImage, levels: ExposureLevels, k: Double) {
        forbidden.removeAll(keepingCapacity: true)
        forbidden.append(contentsOf: repeatElement(false, count: blobs.count))
        let original = blobs.count
        for i in 0..<original where !blobs[i].isSplit {
            // Markers that could be in this blob: gated to it, or predicted inside its box (a
            // merged blob's centre lies between its two LEDs, maybe outside both gates).
            let c = blobs[i].centroid
            let box = blobs[i].bounds.expanded(by: 2)
            var best = -1, second = -1
            var bestCost = Double.infinity, secondCost = Double.infinity
            for m in 0..<markerSet.count {
                guard let q = preds[m] else { continue }
                var g = gateCost(c, marker: m, k: k)
                if !g.isFinite && box.contains(q) { g = 1 + q.distance(to: c) }
                guard g.isFinite else { continue }
                if g < bestCost {
                    second = best
                    secondCost = bestCost
                    best = m
                    bestCost = g
                } else if g < secondCost {
                    second = m
                    secondCost = g
                }
            }
            guard best >= 0, let pa = preds[best] else { continue }
            guard second >= 0, let pb = preds[second] else {
                // The light of two LEDs near one prediction only: the other LED's marker is lost
                // (or the spot is a stray light's). Its centre lies between the two, so it is
                // no one marker's; the other LED sits mirrored across the centre from ours.
                let usual = max(tracks[best]?.mass ?? 0, ledMass)
                guard usual > 0, blobs[i].mass > settings.mergedMassRatio * usual else { continue }
                let mirror = c * 2 - pa
                if let (p, q) = detector.split(blobs[i], in: image, levels: levels, seeds: (pa, mirror), sigma: ledSigma) {
                    blobs[i] = p
                    blobs.append(q)
                    forbidden.append(false)
                } else {
                    forbidden[i] = true
                }
                continue
            }
            let usual = max(tracks[best]?.mass ?? 0, tracks[second]?.mass ?? 0, ledMass)
            let heavy = usual > 0 && blobs[i].mass > settings.mergedMassRatio * usual
            // Two predictions closer than two spot widths, served by this blob alone: the LEDs
            // have run into each other even if the light does not show it clearly.
            let close = pa.distance(to: pb) < 5 * ledSigma && onlyBlobInGate(i, of: second, k: k)
                && onlyBlobInGate(i, of: best, k: k)
            guard heavy || close else { continue }
            if let (p, q) = detector.split(blobs[i], in: image, levels: levels, seeds: (pa, pb), sigma: ledSigma) {
                blobs[i] = p
                blobs.append(q)
                forbidden.append(false)
            } else {
                forbidden[i] = true
            }
        }
    }

    /// Whether lost marker `m` may be re-found on `blob`: a marker still bridged by prediction
    /// only inside its own gate, and never on a blob another tracked marker could as well own.
    private func reacquisitionIsSafe(_ m: Int, blob b: Int, k: Double) -> Bool {
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

    private func onlyBlobInGate(_ i: Int, of m: Int, k: Double) -> Bool {
        for j in 0..<blobs.count where j != i && gateCost(blobs[j].centroid, marker: m, k: k).isFinite { return false }
        return true
    }

    /// Drops assignments that are not clearly better than swapping: two markers that could as
    /// well have each other's blobs, or a marker whose blob a missing marker could as well own.
    private func dropAmbiguous(_ out: inout [Int?], k: Double) {
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
    private func swapCost(_ p: Point, marker m: Int, k: Double) -> Double {
        guard let t = tracks[m], let q = preds[m] else { return .infinity }
        if t.age >= 2 { return gateCost(p, marker: m, k: k) }
        let d = p.distance(to: q) / settings.youngTrackScale
        return d * d
    }

    private mutating func labelFromScratch(fixed: [Int?]?, prior: LabelPrior? = nil) -> LabelAttempt {
        let reference = referenceLengths.contains { $0 != nil } ? referenceLengths : nil
        let attempt: LabelAttempt
        switch markerSet.view {
        case .side:
            attempt = SideLabeller().attempt(blobs, knownForward: forward, fixed: fixed, reference: reference, prior: prior)
        case .rear:
            attempt = RearLabeller().attempt(blobs, fixed: fixed, reference: reference, prior: prior)
        }
        lastFailure = attempt.failure ?? attempt.hypothesis?.unsure
        return attempt
    }

    /// The live tracks' predictions as a continuity prior for re-finding markers (not those of
    /// markers bridged together with another of their limb: see `mayUseGate`).
    private func prior(k: Double) -> LabelPrior {
        let expected = tracks.indices.map { m in bridgedWithLimb(m) ? nil : tracks[m].map { predicted($0, k: k) } }
        return markerSet.view == .rear ? LabelPrior(expected: expected, scaleX: 4, scaleY: 12)
            : LabelPrior(expected: expected, scaleX: 10, scaleY: 10)
    }

    /// Checks the tracks against a from-scratch labelling of the whole frame.
    private mutating func verify(_ assigned: inout [Int?], relabelled: inout Set<Int>, image: LumaImage,
                                 levels: ExposureLevels, fullScan: inout Bool) {
        rescanWholeFrame(image, levels: levels, assigned: &assigned, fullScan: &fullScan)
        guard let h = labelFromScratch(fixed: nil).hypothesis else { return }
        lastFailure = nil
        if markerSet.view == .rear {
            // A marker the shape is sure of sits elsewhere than its track: weigh both readings
            // over the next frames rather than trust one frame.
            let disputed = (0..<markerSet.count).contains { m in h.blobForMarker[m].map { $0 != assigned[m] } ?? false }
            if disputed { contest(assigned) }
            return
        }
        if h.blobForMarker == assigned {
            disagreements = 0
            return
        }
        disagree(h, &assigned, relabelled: &relabelled)
    }

    /// One more confident disagreement of a whole-frame labelling with the tracks; the second in
    /// a row replaces them.
    private mutating func disagree(_ h: LabelHypothesis, _ assigned: inout [Int?], relabelled: inout Set<Int>) {
        disagreements += 1
        if disagreements >= 2 {
            disagreements = 0
            assigned = h.blobForMarker
            relabelled = Set(0..<markerSet.count)
        }
    }

    /// While some markers stay lost though the frame has spare spots: checks the held markers
    /// against a from-scratch labelling of the whole frame (already scanned). One that labels at
    /// least as many markers and disagrees with a held one, or finds more, twice in a row,
    /// replaces the tracks: held markers that keep the others from fitting are released.
    private mutating func verifyPartial(_ assigned: inout [Int?], relabelled: inout Set<Int>) {
        guard let h = labelFromScratch(fixed: nil).hypothesis else { return }
        lastFailure = nil
        var held = 0, found = 0, agree = true
        for m in 0..<markerSet.count {
            if assigned[m] != nil { held += 1 }
            if h.blobForMarker[m] != nil { found += 1 }
            if let b = assigned[m], let c = h.blobForMarker[m], b != c { agree = false }
        }
        guard found >= held, !agree || found > held else {
            disagreements = 0
            return
        }
        disagree(h, &assigned, relabelled: &relabelled)
    }

    // MARK: - consistency

    /// The limb groups of a view's marker set.
    static func limbGroups(_ view: CameraView) -> [[Int]] {
        switch view {
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
            if seg.from == RearMarker.lpsi.rawValue && seg.to == RearMarker.rpsi.rawValue { return 0.3 }
            // The thigh LED to the knee LED: as the thigh swings forward the knee LED rises toward
            // the thigh LED, down to a third of their distance at hip extension: no check.
            if seg.to == RearMarker.lkne.rawValue || seg.to == RearMarker.rkne.rawValue { return nil }
            // Spine to thigh LED follows the cosine of the thigh's swing: from hip extension to a
            // fast runner's 55 degrees of flexion it changes by a factor of 1.8.
            return 0.5
        }
    }

    /// Side view: what LEDs taped up to 2 cm off their landmarks can change a segment's length by
    /// as the joint between them turns (an ankle LED 2 cm up the shank nears or leaves the heel
    /// LED as the ankle flexes): `Settings.placementSlack` of the thigh's learned length.
    private var placementSlack: Double {
        guard markerSet.view == .side, let thigh = referenceLengths[1] else { return 0 }
        return settings.placementSlack * thigh
    }

    /// Drops assignments that break a segment length; returns whether any did.
    private func rejectInconsistent(_ assigned: inout [Int?], k: Double) -> Bool {
        var any = false
        for (s, seg) in markerSet.segments.enumerated() {
            guard let ref = referenceLengths[s], let tol = tolerance(s),
                  let a = assigned[seg.from], let b = assigned[seg.to] else { continue }
            let len = blobs[a].centroid.distance(to: blobs[b].centroid)
            if abs(len - ref) <= tol * ref + placementSlack { continue }
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
}
