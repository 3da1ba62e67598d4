/// One gait event of one leg: initial contact, midstance or toe-off.
public struct GaitEvent: Sendable, Hashable, Codable {
    /// The three events gaitlive detects per side.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Initial contact: the foot touches the belt.
        case initialContact = "IC"
        /// Midstance: peak knee flexion in stance (side view), lowest pelvis (rear view).
        case midstance = "MS"
        /// Toe-off: the foot leaves the belt.
        case toeOff = "TO"
    }

    public var kind: Kind
    public var side: BodySide
    /// Which camera's markers the event was found in.
    public var view: CameraView
    /// Frame number within the view's stream (0-based).
    public var frame: Int
    /// Seconds on the stream's clock (kernel timestamps, or simulated time).
    public var time: Double

    public init(kind: Kind, side: BodySide, view: CameraView, frame: Int, time: Double) {
        self.kind = kind
        self.side = side
        self.view = view
        self.frame = frame
        self.time = time
    }
}
