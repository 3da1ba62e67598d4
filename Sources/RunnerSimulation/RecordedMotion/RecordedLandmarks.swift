public import MarkerTracker

/// The landmarks gaitlive's LEDs sit on, per frame, rebuilt from a motion-capture recording:
/// what the virtual cameras film when a real runner is replayed.
///
/// Room axes and metres (x forward, y up, z right). Per side: the side-view LEDs (acromion,
/// greater trochanter, lateral femoral epicondyle, lateral malleolus, posterior heel, 5th
/// metatarsal head), the rear-view LEDs (posterior superior iliac spine, mid posterior thigh,
/// posterior knee centre, heel counter centre), and joint centres and a toe point for drawing
/// the body. A landmark is nil in a frame where it could not be rebuilt.
public struct RecordedLandmarks: Sendable {
    /// One side's landmarks in one frame.
    public struct Leg: Sendable {
        public var shoulder: Vector3?
        public var trochanter: Vector3?
        public var lateralKnee: Vector3?
        public var lateralAnkle: Vector3?
        public var heel: Vector3?
        public var fifthMetatarsal: Vector3?
        public var spine: Vector3?
        public var posteriorThigh: Vector3?
        public var posteriorKnee: Vector3?
        public var heelCounter: Vector3?
        /// Joint centres and the toe, for the body silhouette.
        public var hipCentre: Vector3?
        public var kneeCentre: Vector3?
        public var ankleCentre: Vector3?
        public var toe: Vector3?

        public init() {}
    }

    /// What the recording is and how its landmarks were rebuilt (for the docs and messages).
    public var description: String
    public var frameRate: Double
    public var times: [Double]
    public var left: [Leg]
    public var right: [Leg]

    public func legs(_ s: BodySide) -> [Leg] { s == .left ? left : right }
}
