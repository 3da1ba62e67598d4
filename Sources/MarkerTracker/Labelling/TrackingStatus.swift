/// What the tracker could do with one frame, for the console's status line and the tables.
public enum TrackingStatus: String, Sendable, Hashable, Codable {
    /// Every marker of the view found in this frame.
    case tracking
    /// Some markers missing or bridged by prediction; the rest are trusted.
    case partial
    /// Blobs are visible but could not be labelled with confidence (acquiring).
    case searching
    /// No LED blobs in the frame at all.
    case noMarkers = "no-markers"

    /// One word for the console.
    public var display: String {
        switch self {
        case .tracking: "tracking"
        case .partial: "partial"
        case .searching: "searching"
        case .noMarkers: "no LEDs"
        }
    }
}
