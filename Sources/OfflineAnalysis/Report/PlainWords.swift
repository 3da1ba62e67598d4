public import MarkerTracker

/// A finding said in plain words for the athlete's page: what was seen, on which leg, with no
/// thresholds, sources or statistics.
public enum PlainWords {
    /// One or two sentences for `f`.
    public static func sentence(_ f: Finding) -> String {
        let leg = f.side.rawValue, other = f.side.opposite.rawValue
        let metric = StrideMetric(column: f.metric)
        switch f.kind {
        case .pelvicDrop:
            return "When your \(leg) foot is on the ground, the \(other) side of your pelvis drops more than it should. "
                + "The muscles on the outside of your \(leg) hip are not quite holding your pelvis level."
        case .overstriding:
            return "Your \(leg) foot lands far out in front of your body with the knee almost straight. "
                + "This brakes every step and loads the knee."
        case .ankleDorsiflexion:
            return "While your \(leg) foot is on the ground, your shin tips further forward over it than usual."
        case .kneeFlexionInStance:
            return "Your \(leg) knee bends further than usual, or not as far, while your foot is on the ground."
        case .kneeExtendedAtContact:
            return "Your \(leg) knee is nearly straight when your foot lands."
        case .crossover:
            return "Your feet land across the middle line, one in front of the other, as on a tightrope."
        case .asymmetry:
            return "Your \(leg) side moves differently from your \(other) side (\(metric.map(FindingRules.name) ?? f.metric))."
        case .inclineChange:
            return "Going uphill changes your \(leg) side more than your \(other) side "
                + "(\(metric.map(FindingRules.name) ?? f.metric))."
        case .hamstringDominant:
            return "Your therapist saw that the back of your \(leg) thigh, more than your buttock, drives your leg backwards."
        }
    }

    /// "on the flat belt", "uphill", or both.
    public static func stages(_ kinds: [String]) -> String {
        let words = kinds.map { $0 == "incline" ? "uphill" : "on the flat belt" }
        var unique: [String] = []
        for w in words where !unique.contains(w) { unique.append(w) }
        return unique.joined(separator: " and ")
    }
}
