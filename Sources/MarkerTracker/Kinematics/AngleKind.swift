/// Every joint or segment angle gaitlive measures per frame (docs/angles.md).
///
/// All values are degrees. Side-view angles are for the camera-side leg; rear-view angles come
/// per side where the definition is per leg. Signs: see each case.
public enum AngleKind: Int, CaseIterable, Sendable, Hashable, Codable {
    /// GT->SHO against vertical; + forward.
    case trunkLean
    /// GT->KNE against vertical; + knee ahead of hip (negative peak = hip extension).
    case thighAngle
    /// Between SHO->GT extended and GT->KNE; + flexion.
    case hipFlexion
    /// 180 - angle(GT, KNE, ANK), signed; + flexion, 0 straight, negative hyperextension.
    case kneeFlexion
    /// Angle between KNE->ANK and HEE->MT5 minus 90 (minus the standing value if calibrated); + dorsiflexion.
    case ankleDorsiflexion
    /// ANK->KNE against vertical; + ankle ahead of knee.
    case tibiaAngle
    /// HEE->MT5 against the belt (minus the standing value if calibrated); + toe up.
    case footAngle
    /// LPSI->RPSI against horizontal; + right side lower.
    case pelvicObliquity
    /// Left femur line LTHI->LKNE against the downward perpendicular of the pelvis line; + knee toward midline.
    case hipAdductionLeft
    /// Right femur line, same definition.
    case hipAdductionRight
    /// Angle between LTHI->LKNE and LKNE->LHEE; + valgus (knee medial).
    case kneeFrontalLeft
    /// Right leg, same definition.
    case kneeFrontalRight

    public var view: CameraView { rawValue <= AngleKind.footAngle.rawValue ? .side : .rear }

    /// The angles one view yields, in table order.
    public static func kinds(for view: CameraView) -> [AngleKind] {
        allCases.filter { $0.view == view }
    }

    /// Column name in the session's CSV tables.
    public var column: String {
        switch self {
        case .trunkLean: "trunk_lean"
        case .thighAngle: "thigh_angle"
        case .hipFlexion: "hip_flexion"
        case .kneeFlexion: "knee_flexion"
        case .ankleDorsiflexion: "ankle_dorsiflexion"
        case .tibiaAngle: "tibia_angle"
        case .footAngle: "foot_angle"
        case .pelvicObliquity: "pelvic_obliquity"
        case .hipAdductionLeft: "hip_adduction_l"
        case .hipAdductionRight: "hip_adduction_r"
        case .kneeFrontalLeft: "knee_frontal_l"
        case .kneeFrontalRight: "knee_frontal_r"
        }
    }

    /// Short label for the console (at most 9 characters).
    public var shortName: String {
        switch self {
        case .trunkLean: "trunk"
        case .thighAngle: "thigh"
        case .hipFlexion: "hip flex"
        case .kneeFlexion: "knee flex"
        case .ankleDorsiflexion: "ankle DF"
        case .tibiaAngle: "tibia"
        case .footAngle: "foot"
        case .pelvicObliquity: "pelvis"
        case .hipAdductionLeft: "hip add L"
        case .hipAdductionRight: "hip add R"
        case .kneeFrontalLeft: "knee FP L"
        case .kneeFrontalRight: "knee FP R"
        }
    }

    public init?(column: String) {
        guard let k = AngleKind.allCases.first(where: { $0.column == column }) else { return nil }
        self = k
    }
}
