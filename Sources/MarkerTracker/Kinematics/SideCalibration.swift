/// What a standing trial (or the athlete's known leg length) tells the side-view angles.
///
/// `neutralAnkle` and `neutralFoot` are the standing values subtracted from ankle dorsiflexion
/// and foot angle (degrees); `centimetresPerPixel` turns image distances into centimetres for
/// overstride and vertical oscillation.
public struct SideCalibration: Sendable, Hashable, Codable {
    public var neutralAnkle: Double
    public var neutralFoot: Double
    public var centimetresPerPixel: Double?

    public init(neutralAnkle: Double = 0, neutralFoot: Double = 0, centimetresPerPixel: Double? = nil) {
        self.neutralAnkle = neutralAnkle
        self.neutralFoot = neutralFoot
        self.centimetresPerPixel = centimetresPerPixel
    }

    public static let none = SideCalibration()
}
