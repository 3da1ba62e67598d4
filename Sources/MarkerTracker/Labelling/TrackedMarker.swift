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
