public import MarkerTracker

/// Which values of one leg's strides stand out, metric by metric, so the therapist can find the
/// odd stride in review's stride list.
///
/// The rule is robust, so the odd stride does not hide itself by widening the spread: the
/// modified z-score of Iglewicz and Hoaglin (1993), 0.6745 (x - median) / MAD, where MAD is the
/// median absolute deviation from the median; a value is an outlier when its score exceeds 3.5.
/// A metric needs `minimumStrides` values. A value must also differ from the median by more than
/// `floor` of the metric (2 deg, 2 cm, 20 ms, 5 steps/min: about what 2D video resolves), so a
/// very steady runner's tiny spread does not turn every small wobble into an outlier.
public enum StrideOutliers {
    /// Modified z-score above which a value is an outlier.
    public static let threshold = 3.5
    /// Fewest values of a metric judged.
    public static let minimumStrides = 5

    /// For each stride (its metric values), the metrics whose value is an outlier among them.
    public static func flag(_ strides: [[StrideMetric: Double]]) -> [Set<StrideMetric>] {
        var out = [Set<StrideMetric>](repeating: [], count: strides.count)
        for metric in StrideMetric.allCases {
            let present = strides.indices.compactMap { i in strides[i][metric].map { (i, $0) } }
            guard present.count >= minimumStrides else { continue }
            let median = middle(present.map(\.1))
            let mad = middle(present.map { abs($0.1 - median) })
            for (i, x) in present {
                let outlier = abs(x - median) > floor(metric) && (mad == 0 || 0.6745 * abs(x - median) / mad > threshold)
                if outlier { out[i].insert(metric) }
            }
        }
        return out
    }

    /// The smallest difference from the median taken for an outlier.
    static func floor(_ metric: StrideMetric) -> Double {
        switch metric.unit {
        case .stepsPerMinute: 5
        case .milliseconds: 20
        case .degrees: 2
        case .centimetres: 2
        }
    }

    static func middle(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
