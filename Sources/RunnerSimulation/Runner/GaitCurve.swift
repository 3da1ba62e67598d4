/// A periodic curve over the gait cycle (0..100 %, initial contact at 0), smooth through keypoints.
///
/// Interpolated with a periodic Catmull-Rom spline, which passes through every keypoint and has a
/// continuous first derivative, like the mean joint-angle curves published for running.
public struct GaitCurve: Sendable {
    public let phases: [Double]
    public let values: [Double]

    /// `points` are (percent of cycle, value) with increasing percent in [0, 100).
    public init(_ points: [(Double, Double)]) {
        precondition(points.count >= 4, "a gait curve needs at least four keypoints")
        phases = points.map { $0.0 / 100 }
        values = points.map(\.1)
    }

    /// The value at `phase` (fraction of the cycle; wrapped into [0, 1)).
    public func callAsFunction(_ phase: Double) -> Double {
        var p = phase - phase.rounded(.down)
        if p < 0 { p += 1 }
        let n = phases.count
        // Segment i: phases[i] ... phases[i+1] (wrapping).
        var i = n - 1
        for j in 0..<n where phases[j] <= p { i = j }
        let i0 = (i - 1 + n) % n, i1 = (i + 1) % n, i2 = (i + 2) % n
        // Forward distance between keypoints a -> b around the cycle.
        func gap(_ a: Int, _ b: Int) -> Double { b > a ? phases[b] - phases[a] : phases[b] + 1 - phases[a] }
        let t0 = phases[i]
        let h = gap(i, i1)
        var pp = p
        if pp < t0 { pp += 1 }
        let u = (pp - t0) / h
        let v0 = values[i0], v1 = values[i], v2 = values[i1], v3 = values[i2]
        // Non-uniform Catmull-Rom: tangents from the neighbouring keypoints, scaled to this interval.
        let m1 = (v2 - v0) / (gap(i0, i) + h) * h
        let m2 = (v3 - v1) / (h + gap(i1, i2)) * h
        let u2 = u * u, u3 = u2 * u
        return (2 * u3 - 3 * u2 + 1) * v1 + (u3 - 2 * u2 + u) * m1 + (-2 * u3 + 3 * u2) * v2 + (u3 - u2) * m2
    }
}
