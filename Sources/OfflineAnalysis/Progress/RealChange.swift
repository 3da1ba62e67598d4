import Foundation
public import MarkerTracker

/// How one side's mean of one metric changed between two sessions, and whether the change is
/// real: larger than the metric's smallest detectable difference (`SmallestDetectableDifference`,
/// the report's) AND larger than the two sessions' own stride-to-stride spread allows,
/// 1.96 x sqrt(sd1²/n1 + sd2²/n2) (the 95 % limit of a difference between two means of strides).
/// So the threshold is the larger of the two. A metric without a published 2D SDD is shown and
/// never judged, as in the report. docs/report.md states the rule.
public struct RealChange: Sendable, Equatable, Codable {
    /// What the change is.
    public enum Verdict: String, Sendable, Codable {
        case increase = "real increase"
        case decrease = "real decrease"
        case none = "no real change"
        case notJudged = "not judged (no 2D SDD published)"
    }

    public var metric: String
    public var from: Double
    public var to: Double
    /// `to - from`.
    public var change: Double
    /// The metric's SDD (nil: none published).
    public var sdd: Double?
    /// 1.96 x sqrt(sd1²/n1 + sd2²/n2).
    public var spread: Double
    /// max(sdd, spread); nil when not judged.
    public var threshold: Double?
    public var verdict: Verdict

    /// z for a two-sided 95 % limit.
    public static let z = 1.96

    /// The change of `metric` from `a` to `b`, or nil unless both have a mean (enough strides).
    public static func judge(_ metric: StrideMetric, from a: MetricSummary, to b: MetricSummary) -> RealChange? {
        guard let ma = a.mean, let mb = b.mean, let sa = a.standardDeviation, let sb = b.standardDeviation else { return nil }
        let spread = z * (sa * sa / Double(a.count) + sb * sb / Double(b.count)).squareRoot()
        let sdd = SmallestDetectableDifference.of(metric)?.value
        let threshold = sdd.map { max($0, spread) }
        let d = mb - ma
        let verdict: Verdict
        if let threshold {
            verdict = abs(d) > threshold ? (d > 0 ? .increase : .decrease) : .none
        } else {
            verdict = .notJudged
        }
        return RealChange(metric: metric.column, from: ma, to: mb, change: d, sdd: sdd, spread: spread, threshold: threshold,
                          verdict: verdict)
    }

    /// Real, either way.
    public var isReal: Bool { verdict == .increase || verdict == .decrease }
}
