extension ViewTracker {
    /// Every tuned number of the tracker, with where it came from.
    ///
    /// "By hand" means chosen when the tracker was written, on the default simulated runner at
    /// 640x480 and 120 fps, and checked since by the tracking tests (TrackingFaultTests,
    /// TrackingOnSimulationTests, RealMotionTests, PopulationTrackingTests); "tuning population"
    /// means measured on the simulated population's tuning seeds (1-999; seeds 1001-1999 and the
    /// recording RBDS0041 are never tuned on: docs/accuracy.md). Pixel figures assume a runner
    /// filling about 70 % of a 480-row frame; the population's 40-90 % passes with them.
    public struct Settings: Sendable {
        // MARK: gates

        /// Frames a marker may be carried by prediction alone: 50 ms at 120 fps, less than a
        /// tenth of a stride, over which a marker's path is still close to a straight line (by hand).
        public var maxBridgeFrames = 6
        /// Gate radius at rest, pixels: a few LED radii, above centroid noise and skin wobble (by hand).
        public var gateBase = 6.0
        /// Extra gate per pixel/frame of predicted speed: a marker's speed can change by most of
        /// itself within a frame at a foot's strike (by hand).
        public var gateVelocityFactor = 0.9
        /// The largest gate, pixels: a foot in swing at 10 m/s moves about 40 px a frame in the
        /// default picture; twice that (by hand).
        public var gateMax = 80.0
        /// Gate for a track whose velocity is not known yet (just labelled), pixels: a swinging
        /// foot's travel in one frame at a 7 m/s runner's speed (by hand).
        public var gateNewTrack = 30.0
        /// Largest change of a marker's velocity per frame the gate allows for, pixels/frame^2
        /// (the foot's deceleration at contact in the default picture, by hand).
        public var maxAcceleration = 1.5
        /// Rear view: the gate's half-width is this many pixels at rest, plus
        /// `rearSidewaysVelocityFactor` times the sideways speed and `rearSidewaysPerMissedFrame`
        /// per unseen frame: seen from behind the legs move in the sagittal plane, which projects
        /// onto the image vertical, so sideways motion is small (by hand; the tall gate keeps a
        /// knee and a heel passing each other apart).
        public var rearSidewaysGateBase = 3.0
        public var rearSidewaysVelocityFactor = 1.5
        public var rearSidewaysPerMissedFrame = 0.5
        /// Pixels added around a gate for a detection window: an LED spot's reach, so a blob
        /// centred anywhere in the gate lies wholly inside (a spot's radius is 2-3 px, by hand).
        public var windowMargin = 4
        /// Windows closer than this many pixels are merged, so no blob is split between two.
        public var windowMergeDistance = 2
        /// After a whole-frame rescan a held marker keeps the blob whose centre lies within this
        /// many pixels of its old one (the same spot, found again: detection is deterministic).
        public var rescanMatchDistance = 0.5

        // MARK: telling markers apart

        /// A blob with more than this many times a marker's usual light, near two predictions,
        /// holds two LEDs and is split (or, if it cannot be, left to neither). One LED's light
        /// varies by about 20 % with its angle to the camera (by hand).
        public var mergedMassRatio = 1.4
        /// Two predictions closer than this many LED spot widths (Gaussian sigmas), both served
        /// by one blob alone, have run into each other: the blob is split (by hand).
        public var touchingSpotWidths = 5.0
        /// Two assigned markers whose swapped assignment costs less than this much more (in
        /// squared gate units) are too close to tell apart: both are dropped for the frame (by hand).
        public var swapMargin = 0.35
        /// Pixels a just-labelled marker is expected to move in a frame, for the swap check (by hand).
        public var youngTrackScale = 4.0
        /// A marker lost and found again within `maxBridgeFrames` no further than this many pixels
        /// from where it was lost keeps its velocity history (a foot's travel in a few frames, by hand).
        public var rejoinDistance = 40.0
        /// The tracks' predictions as a prior for re-finding markers: the spread, pixels, across
        /// and along the image (side view: round; rear view: tall, as the gates).
        public var sidePriorScale = Point(x: 10, y: 10)
        public var rearPriorScale = Point(x: 4, y: 12)

        // MARK: confidence

        /// Confidence of a marker just labelled from the body's shape (no prediction to compare).
        public var labelledConfidence = 0.8
        /// Confidence of a tracked marker never falls below this while it is detected.
        public var detectedConfidenceFloor = 0.3
        /// Half of two touching LEDs: measured, but less surely than a lone LED.
        public var splitConfidence = 0.6
        /// A marker carried by prediction starts at this confidence and loses
        /// `bridgedConfidenceDecay` of it with each unseen frame, faster for a fast marker (divided by
        /// 1 + speed / `bridgedSpeedScale` px a frame): a foot in swing cannot be extrapolated
        /// far. Angles need 0.25 by default, so a still marker is shown for 2 frames, one moving
        /// 2 px a frame for 1, a swinging foot for none (by hand).
        public var bridgedConfidence = 0.6
        public var bridgedConfidenceDecay = 0.7
        public var bridgedSpeedScale = 4.0

        // MARK: learning what the LEDs look like

        /// How fast a marker's usual light follows its unsplit blobs, per frame, and the most a
        /// single blob may count as (times the usual light: a merge must not teach it).
        public var markerLightRate = 0.1
        public var markerLightClip = 1.3
        /// The same for the typical LED of the view (all markers), slower.
        public var ledLightRate = 0.01
        public var ledLightClip = 1.5
        /// How fast the LED spot's Gaussian radius and peak follow, per frame, and the radius's
        /// bounds, pixels (a focused LED at 640x480 is 1-2 px; bloom to 4).
        public var ledShapeRate = 0.01
        public var ledSigmaRange: ClosedRange<Double> = 0.7...4
        /// Segment lengths are learnt from detected markers at least this confident, at this
        /// rate per frame (`SegmentLengthModel`; by hand: 50 frames, under half a stride).
        public var lengthLearningConfidence = 0.7
        public var lengthLearningRate = 0.02
        /// Side view: the change of a segment's length that LEDs taped up to 2 cm off their
        /// landmarks cause as the joint between them turns, over the thigh's length (2 cm of a
        /// 43 cm thigh, about 0.05), added to every segment's relative tolerance.
        public var placementSlack = 0.05

        // MARK: refresh and checks

        /// Frames between exposure re-estimates while tracking (a quarter second: lighting and
        /// auto-exposure change slower; by hand).
        public var levelsInterval = 30
        /// Frames between from-scratch labelling checks while tracking (8 a second: a swap that
        /// slipped through lasts at most a quarter second before two checks undo it; by hand).
        public var verifyInterval = 15
        /// When every track misses its LED at once though the picture has spots (the picture
        /// jumped), forget them all and label the frame afresh. Off only to test what else
        /// recovers from a jump.
        public var restartAfterJump = true
        /// The camera's frame rate (sets the vote's window in frames).
        public var framesPerSecond = 120.0

        // MARK: rear view: weighing rival readings (`IdentityVote`)

        /// Rival readings of a frame are weighed over this long before one is trusted: half the
        /// stride of the slowest runner gaitlive is made for (2 m/s, 160 steps/min: 0.75 s), so
        /// both legs trade stance and swing in it. On the tuning population 0.3 s still let 5 of
        /// 300 acquisitions pick a crossover runner's heels the wrong way round; 0.4 s none.
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
}
