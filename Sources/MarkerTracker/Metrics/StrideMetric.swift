/// Every figure gaitlive measures per stride (issue 3; docs/metrics.md).
///
/// A stride of one leg runs from its initial contact to its next one. Side-view (sagittal)
/// metrics are for the camera-side leg; rear-view (frontal) metrics for both legs; the timing
/// metrics come from either view (the rear view sees both legs, so it is preferred for
/// left/right comparisons). Definitions, units and signs: docs/metrics.md.
public enum StrideMetric: Int, CaseIterable, Sendable, Hashable, Codable {
    /// Steps per minute over this stride: 120 / stride time.
    case cadence
    /// Initial contact to toe-off, milliseconds.
    case contactTime
    /// Toe-off to the other foot's contact, milliseconds (side view: half the stride minus the contact).
    case flightTime
    /// Knee flexion at initial contact, degrees.
    case kneeFlexionAtContact
    /// Peak knee flexion between contact and toe-off, degrees.
    case peakKneeFlexion
    /// Hip flexion at initial contact, degrees.
    case hipFlexionAtContact
    /// Peak thigh extension over the stride (minus the lowest thigh angle), degrees; + knee behind the hip.
    case peakThighExtension
    /// Ankle dorsiflexion at initial contact, degrees.
    case ankleDorsiflexionAtContact
    /// Peak ankle dorsiflexion between contact and toe-off, degrees.
    case peakAnkleDorsiflexion
    /// Tibia angle at initial contact, degrees; + ankle ahead of the knee.
    case tibiaAngleAtContact
    /// Foot angle at initial contact, degrees; + toe up.
    case footAngleAtContact
    /// Horizontal heel ahead of the greater trochanter at initial contact, centimetres.
    case overstride
    /// Range of the greater trochanter's height over a step (mean of the stride's two), centimetres.
    case verticalOscillation
    /// Trunk lean at midstance, degrees; + forward.
    case trunkLean
    /// Peak contralateral pelvic drop in this leg's stance (the swing side lower), degrees.
    case pelvicDrop
    /// Peak hip adduction of this leg in stance, degrees; + knee toward the midline.
    case hipAdduction
    /// Peak knee frontal projection angle of this leg in stance, degrees; + valgus.
    case kneeFrontalProjection
    /// Heel-to-heel distance across the body at this leg's contact, centimetres; negative = crossover.
    case stepWidth

    /// How values are expressed.
    public enum Unit: String, Sendable, Codable {
        case stepsPerMinute = "steps/min"
        case milliseconds = "ms"
        case degrees = "deg"
        case centimetres = "cm"
    }

    public var unit: Unit {
        switch self {
        case .cadence: .stepsPerMinute
        case .contactTime, .flightTime: .milliseconds
        case .overstride, .verticalOscillation, .stepWidth: .centimetres
        default: .degrees
        }
    }

    /// The views that measure it, preferred first.
    public var views: [CameraView] {
        switch self {
        case .cadence, .contactTime, .flightTime: [.rear, .side]
        case .pelvicDrop, .hipAdduction, .kneeFrontalProjection, .stepWidth: [.rear]
        default: [.side]
        }
    }

    /// Column name in `strides.csv` and the offline analysis output.
    public var column: String {
        switch self {
        case .cadence: "cadence_spm"
        case .contactTime: "contact_ms"
        case .flightTime: "flight_ms"
        case .kneeFlexionAtContact: "knee_flexion_ic"
        case .peakKneeFlexion: "knee_flexion_peak"
        case .hipFlexionAtContact: "hip_flexion_ic"
        case .peakThighExtension: "thigh_extension_peak"
        case .ankleDorsiflexionAtContact: "ankle_dorsiflexion_ic"
        case .peakAnkleDorsiflexion: "ankle_dorsiflexion_peak"
        case .tibiaAngleAtContact: "tibia_angle_ic"
        case .footAngleAtContact: "foot_angle_ic"
        case .overstride: "overstride_cm"
        case .verticalOscillation: "vertical_oscillation_cm"
        case .trunkLean: "trunk_lean_mid"
        case .pelvicDrop: "pelvic_drop_peak"
        case .hipAdduction: "hip_adduction_peak"
        case .kneeFrontalProjection: "knee_frontal_peak"
        case .stepWidth: "step_width_cm"
        }
    }

    /// A short label for screens and reports (at most 16 characters).
    public var title: String {
        switch self {
        case .cadence: "cadence"
        case .contactTime: "contact time"
        case .flightTime: "flight time"
        case .kneeFlexionAtContact: "knee flex IC"
        case .peakKneeFlexion: "knee flex peak"
        case .hipFlexionAtContact: "hip flex IC"
        case .peakThighExtension: "thigh ext peak"
        case .ankleDorsiflexionAtContact: "ankle DF IC"
        case .peakAnkleDorsiflexion: "ankle DF peak"
        case .tibiaAngleAtContact: "tibia IC"
        case .footAngleAtContact: "foot IC"
        case .overstride: "overstride"
        case .verticalOscillation: "vert oscillation"
        case .trunkLean: "trunk lean"
        case .pelvicDrop: "pelvic drop"
        case .hipAdduction: "hip adduction"
        case .kneeFrontalProjection: "knee FPPA"
        case .stepWidth: "step width"
        }
    }

    public init?(column: String) {
        guard let m = StrideMetric.allCases.first(where: { $0.column == column }) else { return nil }
        self = m
    }

    /// The metrics one view measures, in table order.
    public static func metrics(for view: CameraView) -> [StrideMetric] {
        allCases.filter { $0.views.contains(view) }
    }
}
