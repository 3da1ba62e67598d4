public import MarkerTracker

/// The words the progress and compare outputs share: the rule, a summary cell, a change cell.
public enum ProgressWording {
    /// The real-change rule in one paragraph.
    public static let rule = "A change is real when it is larger than the metric's smallest detectable difference (SDD: "
        + "pelvic drop 2.8 deg, ankle 4.8, knee 3.8, foot 2.3) and larger than 1.96 x sqrt(sd1²/n1 + sd2²/n2), the 95 % limit "
        + "of a difference between two means of strides (sd, n: each session's stride-to-stride SD and stride count); so the "
        + "threshold is the larger of the two. Metrics without a published 2D SDD are shown, not judged. A mean needs "
        + "\(MetricSummary.minimumSteps) strides."

    /// "9.0 ± 0.7 (9)", or "too few (4)".
    public static func summary(_ s: MetricSummary) -> String {
        let m = s.metric
        guard let mean = s.mean, let sd = s.standardDeviation else { return "too few (\(s.count))" }
        return "\(ReportNumber.plain(mean, m)) ± \(ReportNumber.plain(sd, m)) (\(s.count))"
    }

    /// "-5.0, real decrease (beyond 2.8)", "+0.4, no real change (within 2.8)", "+3, not judged".
    public static func change(_ c: RealChange?, _ m: StrideMetric) -> String {
        guard let c else { return "" }
        let d = ReportNumber.signed(c.change, m)
        guard let t = c.threshold else { return "\(d), not judged" }
        let limit = ReportNumber.plain(t, m)
        return c.isReal ? "\(d), \(c.verdict.rawValue) (beyond \(limit))" : "\(d), no real change (within \(limit))"
    }

    /// "left" or, for pelvic drop, "left stance (right side drops)".
    public static func side(_ side: BodySide, _ m: StrideMetric) -> String {
        guard m == .pelvicDrop else { return side.rawValue }
        return "\(side.rawValue) stance (\(side == .left ? "right" : "left") side drops)"
    }
}
