/// One labelled marker in one frame: where it is, how sure the tracker is, and where it came from.
public struct TrackedMarker: Hashable, Sendable {
    /// How a marker position was obtained.
    public enum Source: String, Sendable, Hashable, Codable {
        /// Measured from a blob in this frame.
        case detected
        /// Carried over a short gap by the motion model; no blob backs it.
        case predicted
        /// Placed by a clinician in review.
        case manual
    }

    /// Position in pixels (image coordinates, y down).
    public var position: Point
    /// 0...1: 1 for a clean, well-gated detection; lower when gated loosely or predicted.
    /// From `ViewTracker`: a tracked detection 0.3-1 (falling with the distance from its
    /// prediction, relative to the gate); 0.8 when just labelled from the body's shape; at most
    /// 0.6 for one half of two touching LEDs; a guess carried by prediction 0.6 x 0.7^n after n
    /// unseen frames, divided by (1 + speed / 4 px per frame), so it drops below
    /// `AngleCalculator`'s 0.25 within a frame or two (at once for a fast marker).
    public var confidence: Double
    public var source: Source

    public init(position: Point, confidence: Double, source: Source) {
        self.position = position
        self.confidence = confidence
        self.source = source
    }
}

/// The markers of one view in one frame, indexed like the view's `MarkerSet`; nil = missing.
public typealias MarkerFrame = [TrackedMarker?]
