public import MarkerTracker

/// The simulated runner at one instant: joint centres, LED marker positions and the true gait
/// state, all in room coordinates (metres; x forward, y up, z right).
public struct BodyPose: Sendable {
    /// One leg's joints and its gait state.
    public struct Leg: Sendable {
        public var hip: Vector3
        public var knee: Vector3
        public var ankle: Vector3
        public var heel: Vector3
        public var toe: Vector3
        public var shoulder: Vector3
        public var elbow: Vector3
        public var hand: Vector3
        /// Gait-cycle phase of this leg, 0 at initial contact.
        public var phase: Double
        public var inStance: Bool
    }

    public var time: Double
    public var pelvis: Vector3
    public var shoulderCentre: Vector3
    public var head: Vector3
    public var left: Leg
    public var right: Leg
    /// LED positions per view, indexed like `MarkerSet.side` / `MarkerSet.rear`.
    public var sideMarkers: [Vector3]
    public var rearMarkers: [Vector3]
    /// Belt incline, percent.
    public var inclinePercent: Double

    public func leg(_ s: BodySide) -> Leg { s == .left ? left : right }

    public func markers(for view: CameraView) -> [Vector3] { view == .side ? sideMarkers : rearMarkers }
}
