public import MarkerTracker
public import SessionStore

/// One recorded stage as the findings rules see it: what it was and its usable strides.
public struct StageInput: Sendable {
    public var info: SessionManifest.Stage
    public var strides: StageStrides

    public init(info: SessionManifest.Stage, strides: StageStrides) {
        self.info = info
        self.strides = strides
    }

    /// Level running: reference values of level running apply.
    public var isLevel: Bool { abs(info.inclinePercent) < 0.5 }

    /// A side's mean of a metric and its stride count, once there are enough strides.
    public func mean(_ metric: StrideMetric, _ side: BodySide) -> (mean: Double, count: Int)? {
        guard let s = strides.summary(metric, side), let m = s.mean else { return nil }
        return (m, s.count)
    }
}
