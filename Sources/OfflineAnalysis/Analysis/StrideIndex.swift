public import MarkerTracker

/// The strides of one recorded stage, per side, from initial contact to the next initial contact
/// of the same leg, in session seconds.
///
/// Built from the stage's events: for each leg, the view that sees its contacts (the side view
/// for the leg carrying the side markers, the rear view for either leg when it reports them).
public struct StrideIndex: Sendable {
    /// One stride of one leg.
    public struct Stride: Sendable, Equatable {
        public var side: BodySide
        /// 1-based number among this side's strides in the stage.
        public var number: Int
        public var start: Double
        public var end: Double
        /// Toe-off within the stride, if seen.
        public var toeOff: Double?
        public var duration: Double { end - start }

        /// Fraction of the gait cycle at time `t` (0 at contact, 1 at the next).
        public func phase(at t: Double) -> Double { (t - start) / max(1e-9, duration) }
        public func time(atPhase p: Double) -> Double { start + p * duration }
        public func contains(_ t: Double) -> Bool { t >= start && t < end }
    }

    public private(set) var strides: [Stride] = []

    /// Strides longer than this are gaps in the events, not strides (under 60 steps/min).
    public static let longestStride = 2.0

    public init(events: [GaitEvent]) {
        for side in BodySide.allCases {
            // Prefer the side view's contacts for the leg it sees; otherwise any view's.
            let mine = events.filter { $0.side == side && $0.kind == .initialContact }
            let views = Set(mine.map(\.view))
            let view: CameraView? = views.contains(.side) ? .side : views.first
            let ics = mine.filter { $0.view == view }.map(\.time).sorted()
            let tos = events.filter { $0.side == side && $0.kind == .toeOff && $0.view == view }.map(\.time)
            var n = 0
            for (a, b) in zip(ics, ics.dropFirst()) where b - a > 0.2 && b - a < StrideIndex.longestStride {
                n += 1
                strides.append(Stride(side: side, number: n, start: a, end: b, toeOff: tos.first { $0 > a && $0 < b }))
            }
        }
        strides.sort { $0.start < $1.start }
    }

    public func strides(of side: BodySide) -> [Stride] { strides.filter { $0.side == side } }

    /// The stride of `side` containing time `t`.
    public func stride(of side: BodySide, containing t: Double) -> Stride? {
        strides.first { $0.side == side && $0.contains(t) }
    }
}
