/// Words for left and right that cannot be misread (issue #14, item 5). A stride metric belongs to
/// the leg in stance; for contralateral pelvic drop the side that moves is the other one, so
/// "pelvic drop 9.0 (left)" is said as "pelvic drop in left stance (right side drops)".
public enum SideWording {
    /// The side that moves for `metric` measured in `side`'s stance: the swing side for pelvic
    /// drop, the stance leg itself for every other metric.
    public static func movingSide(_ metric: StrideMetric, stance side: BodySide) -> BodySide {
        metric == .pelvicDrop ? side.opposite : side
    }

    /// "in left stance (right side drops)" for pelvic drop; "left" for every other metric.
    public static func long(_ metric: StrideMetric, _ side: BodySide) -> String {
        metric == .pelvicDrop ? "in \(side.rawValue) stance (\(side.opposite.rawValue) side drops)" : side.rawValue
    }

    /// "L stance (R drops)" for pelvic drop; "L" for every other metric.
    public static func short(_ metric: StrideMetric, _ side: BodySide) -> String {
        metric == .pelvicDrop ? "\(side.letter) stance (\(side.opposite.letter) drops)" : side.letter
    }

    /// The live pelvis angle (obliquity, + right side lower: docs/angles.md) in words:
    /// "right side 5° low", "left side 3° low", "level" (under half a degree).
    public static func pelvis(_ obliquity: Double, degreeSign: String = "°") -> String {
        let r = Int(abs(obliquity).rounded())
        guard r > 0 else { return "level" }
        return "\(obliquity > 0 ? "right" : "left") side \(r)\(degreeSign) low"
    }
}
