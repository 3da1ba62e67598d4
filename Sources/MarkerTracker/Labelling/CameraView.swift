/// Which camera a frame, marker set or angle belongs to.
///
/// `side` films the sagittal plane of the camera-side leg; `rear` films the frontal plane from
/// behind (the athlete's left is on image left).
public enum CameraView: String, Sendable, CaseIterable, Hashable, Codable {
    case side
    case rear
}

/// Left or right side of the athlete's body.
public enum BodySide: String, Sendable, CaseIterable, Hashable, Codable {
    case left
    case right

    public var opposite: BodySide { self == .left ? .right : .left }
    /// One letter, as in table headers: "L" or "R".
    public var letter: String { self == .left ? "L" : "R" }
}
