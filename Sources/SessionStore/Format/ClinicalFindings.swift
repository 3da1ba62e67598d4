public import MarkerTracker

/// The seed clinic's typical findings, switched into the simulated runner on purpose.
///
/// All zero is a symmetric, healthy runner. Each finding changes the kinematics the way the
/// clinic describes it, so the tracker, the metrics and the report can be checked against it.
public struct ClinicalFindings: Sendable, Hashable, Codable {
    /// Extra contralateral pelvic drop, in degrees at its peak, during stance of `hipDropStanceSide`:
    /// the opposite (swing) side of the pelvis drops further, as with weak hip abductors of the
    /// stance leg.
    public var hipDropDegrees: Double
    public var hipDropStanceSide: BodySide
    /// Extra ankle dorsiflexion at midstance on `dorsiflexionSide`, in degrees (the tibia travels
    /// further over the planted foot).
    public var extraDorsiflexionDegrees: Double
    public var dorsiflexionSide: BodySide
    /// Over-striding: the heel lands this many centimetres further ahead of the hip, with the tibia
    /// inclined forward, the knee straighter and the toe higher at initial contact (both legs).
    public var overstrideCentimetres: Double

    public init(hipDropDegrees: Double = 0, hipDropStanceSide: BodySide = .right,
                extraDorsiflexionDegrees: Double = 0, dorsiflexionSide: BodySide = .right,
                overstrideCentimetres: Double = 0) {
        self.hipDropDegrees = hipDropDegrees
        self.hipDropStanceSide = hipDropStanceSide
        self.extraDorsiflexionDegrees = extraDorsiflexionDegrees
        self.dorsiflexionSide = dorsiflexionSide
        self.overstrideCentimetres = overstrideCentimetres
    }

    public static let none = ClinicalFindings()

    public var isNone: Bool { self == .none || (hipDropDegrees == 0 && extraDorsiflexionDegrees == 0 && overstrideCentimetres == 0) }
}
