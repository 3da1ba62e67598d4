/// Mean, standard deviation, minimum and maximum of a stream of values (Welford's method).
public struct RunningStats: Sendable, Hashable, Codable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var m2 = 0.0
    public private(set) var min = Double.infinity
    public private(set) var max = -Double.infinity

    public init() {}

    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for v in values { add(v) }
    }

    public mutating func add(_ x: Double) {
        guard x.isFinite else { return }
        count += 1
        let d = x - mean
        mean += d / Double(count)
        m2 += d * (x - mean)
        if x < min { min = x }
        if x > max { max = x }
    }

    /// The statistics of both streams together (Chan et al.'s parallel update).
    public func merged(with o: RunningStats) -> RunningStats {
        guard o.count > 0 else { return self }
        guard count > 0 else { return o }
        var r = RunningStats()
        r.count = count + o.count
        let d = o.mean - mean
        r.mean = mean + d * Double(o.count) / Double(r.count)
        r.m2 = m2 + o.m2 + d * d * Double(count) * Double(o.count) / Double(r.count)
        r.min = Swift.min(min, o.min)
        r.max = Swift.max(max, o.max)
        return r
    }

    /// Sample standard deviation (n - 1); 0 for fewer than two values.
    public var standardDeviation: Double {
        count > 1 ? (m2 / Double(count - 1)).squareRoot() : 0
    }

    /// The mean, or nil if nothing was added.
    public var meanIfAny: Double? { count > 0 ? mean : nil }
}
