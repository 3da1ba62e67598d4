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
/// 3. a segment-length check (`SegmentLengthModel`) that drops a marker rather than accept a
///    likely identity swap;
/// 4. re-acquisition of lost markers by labelling the spare blobs with the tracked ones held fixed
///    and the predictions as a prior, or, with too few markers held, labelling from scratch; a
///    marker carried by prediction is taken back by its gate only while its whole limb is tracked;
/// 5. every `verifyInterval` frames, a from-scratch labelling that must agree with the tracks; two
///    confident disagreements in a row replace them (a swap that slipped through is undone).
///    The same while markers stay lost with spots to spare: a held marker sitting on another's
///    LED (after a jump of the picture) would otherwise keep the rest from ever fitting.
///    Seen from behind, markers are found and held ones checked through a vote over frames
///    between the rival readings of the spots (`IdentityVote`); disputed markers are hidden
///    until it decides.
/// Short gaps are bridged by prediction (source `.predicted`, falling confidence); longer ones
/// leave the marker missing until it is re-acquired. Working storage is kept between frames: once
/// warm, a frame tracked in windows allocates only the returned marker array.
///
/// `process` runs these as named steps, each in a file of its own (`ViewTracker+Detection`,
/// `+Gating`, `+Consistency`, `+Relabelling`, `+Vote`, `+TrackUpdate`); every tuned number is a
/// field of `Settings` (`ViewTracker+Settings`) with where it came from. docs/architecture.md.
public struct ViewTracker: Sendable {

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
    /// The usual segment lengths (the one model, `SegmentLengthModel`), learnt as tracking goes.
    var lengths: SegmentLengthModel
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
        lengths = SegmentLengthModel(markerSet: markerSet, placementSlack: settings.placementSlack)
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
        let levels = refreshLevels(image)
        blobs.removeAll(keepingCapacity: true)
        detector.detect(in: image, levels: levels, into: &blobs)
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
                    out[m] = TrackedMarker(position: blobs[b].centroid, confidence: settings.labelledConfidence, source: .detected)
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
        let levels = refreshLevels(image)
        var liveTracks = 0
        for t in tracks where t != nil { liveTracks += 1 }
        var fullScan = detectBlobs(image, levels: levels, k: k, everyMarkerTracked: liveTracks == markerSet.count)
        var assigned = assignedScratch
        assignedScratch = []
        assignToPredictions(image, levels: levels, k: k, into: &assigned)
        lookAtWholeFrameIfLost(image, levels: levels, k: k, assigned: &assigned, fullScan: &fullScan)
        let inconsistent = rejectInconsistent(&assigned, k: k)
        var relabelled = Set<Int>()
        relabel(image, levels: levels, k: k, liveTracks: liveTracks, inconsistent: inconsistent,
                assigned: &assigned, relabelled: &relabelled, fullScan: &fullScan)
        var out = updateTracks(assigned, relabelled: relabelled, k: k)
        weighReadings(&out)
        learnLengths(out)
        if markerSet.view == .side { direction.add(out) }
        assignedScratch = assigned
        let status = status(of: out)
        if blobs.isEmpty { framesSinceLevels = settings.levelsInterval } // re-estimate next frame
        if fullScan && status != .searching { strayLights = countStrayLights(assigned, k: k) }
        let reason = status == .searching || status == .partial ? (vote?.contested ?? lastFailure) : nil
        return TrackedFrame(markers: out, blobCount: blobs.count, status: status, forward: forward, fullScan: fullScan,
                            strayLights: strayLights, reason: reason)
    }
}
