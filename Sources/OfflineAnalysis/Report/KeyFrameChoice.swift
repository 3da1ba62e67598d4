public import MarkerTracker

/// Which pictures a stage's key frames show: for each finding, the event where it shows, of
/// both legs when the camera that measures it films both (the rear camera), else of the leg the
/// side camera films with the rear view at the same instant. A left-stance pelvic drop shows the
/// rear view at left and at right midstance; over-striding the side view at initial contact.
public struct KeyFrameChoice: Sendable, Equatable {
    public var view: CameraView
    public var side: BodySide
    public var event: GaitEvent.Kind
    /// What it shows ("pelvic drop in left stance (right side drops)").
    public var shows: String?

    public init(view: CameraView, side: BodySide, event: GaitEvent.Kind, shows: String?) {
        self.view = view
        self.side = side
        self.event = event
        self.shows = shows
    }

    /// The event of a stride where `metric` is taken (contact values at initial contact, stance
    /// peaks at midstance, thigh extension at toe-off).
    public static func event(of metric: StrideMetric) -> GaitEvent.Kind {
        switch metric {
        case .pelvicDrop, .hipAdduction, .kneeFrontalProjection, .peakKneeFlexion, .peakAnkleDorsiflexion, .trunkLean,
             .verticalOscillation: .midstance
        case .peakThighExtension: .toeOff
        default: .initialContact
        }
    }

    /// The pictures for `findings` of one stage (the finding's side first, then the other leg;
    /// each picture once); empty when there is none.
    public static func forFindings(_ findings: [Finding], markerSide: BodySide) -> [KeyFrameChoice] {
        var out: [KeyFrameChoice] = []
        for f in findings {
            guard let m = StrideMetric(column: f.metric) else { continue }
            let e = event(of: m)
            let view = m.views.first ?? .side
            let sides = view == .rear ? [f.side, f.side.opposite] : [markerSide]
            for side in sides where !out.contains(where: { $0.view == view && $0.side == side && $0.event == e }) {
                let what = m == .pelvicDrop ? "\(FindingRules.name(m)) \(SideWording.long(m, side))"
                    : "\(FindingRules.name(m)), \(side.rawValue)"
                out.append(KeyFrameChoice(view: view, side: side, event: e, shows: what))
            }
        }
        return out
    }

    /// The typical stride's pictures: the side camera's leg at contact, midstance and toe-off.
    public static func typical(markerSide: BodySide) -> [KeyFrameChoice] {
        [.initialContact, .midstance, .toeOff].map { KeyFrameChoice(view: .side, side: markerSide, event: $0, shows: nil) }
    }
}
