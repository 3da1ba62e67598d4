public import MarkerTracker

/// An angle as the report plots it over one leg's gait cycle: which recorded angle, with which
/// sign, and which markers it is measured from.
///
/// Side-view angles belong to the camera-side leg. Rear-view angles are taken per leg: hip
/// adduction and knee projection of that leg, and the pelvis as contralateral pelvic drop (the
/// obliquity signed so that the swing side lower is positive in each leg's stance).
public enum CycleVariable: String, CaseIterable, Sendable, Codable {
    case trunkLean = "trunk_lean"
    case hipFlexion = "hip_flexion"
    case thighAngle = "thigh_angle"
    case kneeFlexion = "knee_flexion"
    case ankleDorsiflexion = "ankle_dorsiflexion"
    case tibiaAngle = "tibia_angle"
    case footAngle = "foot_angle"
    case pelvicDrop = "pelvic_drop"
    case hipAdduction = "hip_adduction"
    case kneeFrontal = "knee_frontal"

    public var view: CameraView {
        switch self {
        case .pelvicDrop, .hipAdduction, .kneeFrontal: .rear
        default: .side
        }
    }

    public var title: String {
        switch self {
        case .trunkLean: "Trunk lean"
        case .hipFlexion: "Hip flexion"
        case .thighAngle: "Thigh angle"
        case .kneeFlexion: "Knee flexion"
        case .ankleDorsiflexion: "Ankle dorsiflexion"
        case .tibiaAngle: "Tibia angle"
        case .footAngle: "Foot angle"
        case .pelvicDrop: "Contralateral pelvic drop"
        case .hipAdduction: "Hip adduction"
        case .kneeFrontal: "Knee frontal projection"
        }
    }

    /// The recorded angle for a leg and the sign applied to it.
    public func angle(for side: BodySide) -> (kind: AngleKind, sign: Double) {
        switch self {
        case .trunkLean: (.trunkLean, 1)
        case .hipFlexion: (.hipFlexion, 1)
        case .thighAngle: (.thighAngle, 1)
        case .kneeFlexion: (.kneeFlexion, 1)
        case .ankleDorsiflexion: (.ankleDorsiflexion, 1)
        case .tibiaAngle: (.tibiaAngle, 1)
        case .footAngle: (.footAngle, 1)
        case .pelvicDrop: (.pelvicObliquity, side == .left ? 1 : -1)
        case .hipAdduction: (side == .left ? .hipAdductionLeft : .hipAdductionRight, 1)
        case .kneeFrontal: (side == .left ? .kneeFrontalLeft : .kneeFrontalRight, 1)
        }
    }

    /// Marker indices the angle is measured from.
    public func markers(for side: BodySide) -> [Int] {
        let (sho, gt, kne, ank, hee, mt5) = (SideMarker.sho.rawValue, SideMarker.gt.rawValue, SideMarker.kne.rawValue,
                                              SideMarker.ank.rawValue, SideMarker.hee.rawValue, SideMarker.mt5.rawValue)
        let l = side == .left
        let psi = [RearMarker.lpsi.rawValue, RearMarker.rpsi.rawValue]
        let thi = l ? RearMarker.lthi.rawValue : RearMarker.rthi.rawValue
        let rk = l ? RearMarker.lkne.rawValue : RearMarker.rkne.rawValue
        let rh = l ? RearMarker.lhee.rawValue : RearMarker.rhee.rawValue
        switch self {
        case .trunkLean: return [sho, gt]
        case .hipFlexion: return [sho, gt, kne]
        case .thighAngle: return [gt, kne]
        case .kneeFlexion: return [gt, kne, ank]
        case .ankleDorsiflexion: return [kne, ank, hee, mt5]
        case .tibiaAngle: return [kne, ank]
        case .footAngle: return [hee, mt5]
        case .pelvicDrop: return psi
        case .hipAdduction: return psi + [thi, rk]
        case .kneeFrontal: return [thi, rk, rh]
        }
    }
}
