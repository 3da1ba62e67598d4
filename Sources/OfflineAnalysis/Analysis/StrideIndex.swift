public import MarkerTracker
public import SessionStore

/// The strides of one recorded stage that review shows, per side, from initial contact to the
/// next initial contact of the same leg, in session seconds, each with its metrics.
///
/// Built from the stage's stride records (`strides.csv`, or measured again) with the report's
/// acceptance rule (`StageStrides.accepted`): a stride not wholly in the stage, or spanning a
/// missed contact, is in neither the report nor review's chart and stride list. Each leg is timed
/// by one camera: the side camera for the leg it films, else the rear camera. A stride carries the
/// metrics of both cameras (the other camera's accepted stride of the same leg whose contact lies
/// within `matchTolerance`), and marks the values that are outliers among its leg's strides.
public struct StrideIndex: Sendable {
    /// One stride of one leg.
    public struct Stride: Sendable, Equatable {
        public var side: BodySide
        /// The stride's number as recorded (the camera's count of this leg's strides); a
        /// correction keeps the numbers of the strides it re-measures.
        public var number: Int
        public var start: Double
        public var end: Double
        /// Toe-off within the stride, if seen.
        public var toeOff: Double?
        /// The camera whose contacts time the stride.
        public var view: CameraView
        /// Every metric measured for this stride, by either camera.
        public var values: [StrideMetric: Double]
        /// The metrics whose value is an outlier among this leg's strides (`StrideOutliers`).
        public var outliers: Set<StrideMetric>
        public var duration: Double { end - start }

        public init(side: BodySide, number: Int, start: Double, end: Double, toeOff: Double? = nil,
                    view: CameraView = .side, values: [StrideMetric: Double] = [:], outliers: Set<StrideMetric> = []) {
            self.side = side
            self.number = number
            self.start = start
            self.end = end
            self.toeOff = toeOff
            self.view = view
            self.values = values
            self.outliers = outliers
        }

        /// Fraction of the gait cycle at time `t` (0 at contact, 1 at the next).
        public func phase(at t: Double) -> Double { (t - start) / max(1e-9, duration) }
        public func time(atPhase p: Double) -> Double { start + p * duration }
        public func contains(_ t: Double) -> Bool { t >= start && t < end }
    }

    public private(set) var strides: [Stride] = []
    /// Strides left out by the acceptance rule: not wholly in the stage, and implausible duration
    /// (a missed or an extra contact).
    public private(set) var partial = 0
    public private(set) var implausible = 0
    /// Strides left out because they began in the settle period after the stage change.
    public private(set) var settling = 0

    /// Largest distance in time between the two cameras' contacts of one stride, seconds.
    public static let matchTolerance = 0.1

    /// The accepted strides of `records` (one stage, both cameras), those begun in `settle` left out.
    public init(records: [StrideRecord], settle: SettlePeriod? = nil) {
        let accepted = StageStrides.accepted(records, settle: settle)
        partial = accepted.partial
        implausible = accepted.implausible
        settling = accepted.settling
        let kept = accepted.kept
        for side in BodySide.allCases {
            let view: CameraView? = (kept[.side]?.contains { $0.side == side } ?? false) ? .side
                : ((kept[.rear]?.contains { $0.side == side } ?? false) ? .rear : nil)
            guard let view else { continue }
            let other = kept[view == .side ? .rear : .side]?.filter { $0.side == side } ?? []
            for r in kept[view] ?? [] where r.side == side {
                var values: [StrideMetric: Double] = [:]
                if let o = other.min(by: { abs($0.contactTime - r.contactTime) < abs($1.contactTime - r.contactTime) }),
                   abs(o.contactTime - r.contactTime) <= StrideIndex.matchTolerance {
                    values = o.values
                }
                for (m, v) in r.values where m.views.first == view || values[m] == nil { values[m] = v }
                strides.append(Stride(side: side, number: r.number, start: r.contactTime, end: r.nextContactTime,
                                      toeOff: r.toeOffTime, view: view, values: values))
            }
        }
        for side in BodySide.allCases {
            let idx = strides.indices.filter { strides[$0].side == side }
            let flagged = StrideOutliers.flag(idx.map { strides[$0].values })
            for (i, f) in zip(idx, flagged) { strides[i].outliers = f }
        }
        strides.sort { $0.start < $1.start }
    }

    public func strides(of side: BodySide) -> [Stride] { strides.filter { $0.side == side } }

    /// The stride of `side` containing time `t`.
    public func stride(of side: BodySide, containing t: Double) -> Stride? {
        strides.first { $0.side == side && $0.contains(t) }
    }
}
