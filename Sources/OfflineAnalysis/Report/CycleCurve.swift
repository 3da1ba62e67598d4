public import MarkerTracker
public import SessionStore

/// One angle of one leg over the gait cycle in one stage: the mean and SD over the leg's
/// strides at every 2 % from initial contact (0 %) to the next one (100 %).
///
/// Angles are the recorded ones after the review's zero-lag low-pass filter; samples where a
/// marker the angle needs was unsure are left out. A phase point needs three strides.
public struct CycleCurve: Sendable, Equatable, Codable {
    public static let phases: [Double] = stride(from: 0.0, through: 100.0, by: 2.0).map { $0 }
    public static let minimumStrides = 3

    public var variable: CycleVariable
    public var side: BodySide
    /// Stage directory.
    public var stage: String
    /// Per entry of `phases`: mean and standard deviation (nil where too few strides).
    public var mean: [Double?]
    public var standardDeviation: [Double?]
    /// Strides averaged.
    public var strides: Int
    /// Mean toe-off, percent of the cycle, if known.
    public var toeOffPercent: Double?

    /// Averages `variable` over `strides` (all of one leg and one view); `times` are the view's
    /// frame times and `filtered` its filtered angles (`filteredAngles`).
    public init(variable: CycleVariable, side: BodySide, stage: String, strides: [StrideRecord], times: [Double],
                filtered: [AngleKind: [Double?]], trust: MarkerTrust) {
        self.variable = variable
        self.side = side
        self.stage = stage
        let (kind, sign) = variable.angle(for: side)
        let markers = variable.markers(for: side)
        let series = filtered[kind] ?? []
        var sums = [RunningStats](repeating: RunningStats(), count: CycleCurve.phases.count)
        var used = 0
        var toeOffs: [Double] = []
        for s in strides {
            guard let a = s.contactFrame, let b = s.nextContactFrame, b > a, b < series.count else { continue }
            var any = false
            var k = a
            for (i, p) in CycleCurve.phases.enumerated() {
                let t = s.contactTime + p / 100 * s.duration
                while k + 1 < b && times[k + 1] <= t { k += 1 }
                guard let v0 = series[k], let v1 = series[k + 1], trust.allSure(markers, in: k...(k + 1)) else { continue }
                let t0 = times[k], t1 = times[k + 1]
                let f = t1 > t0 ? min(1, max(0, (t - t0) / (t1 - t0))) : 0
                sums[i].add(sign * (v0 + (v1 - v0) * f))
                any = true
            }
            if any {
                used += 1
                if let to = s.toeOffTime { toeOffs.append(100 * (to - s.contactTime) / s.duration) }
            }
        }
        mean = sums.map { $0.count >= CycleCurve.minimumStrides ? $0.mean : nil }
        standardDeviation = sums.map { $0.count >= CycleCurve.minimumStrides ? $0.standardDeviation : nil }
        self.strides = used
        toeOffPercent = toeOffs.isEmpty ? nil : toeOffs.reduce(0, +) / Double(toeOffs.count)
    }

    /// Whether any phase point has a mean.
    public var isEmpty: Bool { !mean.contains { $0 != nil } }

    /// The recorded angles of a view filtered as the review filters them, per angle kind.
    public static func filteredAngles(_ rv: RecordedView, framesPerSecond: Double) -> [AngleKind: [Double?]] {
        let filter = ZeroLagLowPass(cutoffHz: AngleSeriesFilter.reviewCutoffHz, sampleRateHz: framesPerSecond)
        let kinds = AngleKind.kinds(for: rv.view)
        var raw = [[Double?]](repeating: [], count: kinds.count)
        for n in 0..<rv.frameCount {
            let a = rv.angles(at: n)
            for (i, k) in kinds.enumerated() { raw[i].append(a[k]) }
        }
        var out: [AngleKind: [Double?]] = [:]
        for (i, k) in kinds.enumerated() { out[k] = filter(raw[i]) }
        return out
    }
}
