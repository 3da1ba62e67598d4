/// Causal smoothing of every angle of a view, frame by frame: the numbers the live view shows.
///
/// One `CausalLowPass` per `AngleKind` at `AngleSmoother.liveCutoffHz`; a missing angle resets
/// its filter (the smoothed value is missing too, never carried over a gap). Review, the offline
/// analysis and the stride metrics use the zero-lag filter instead (`AngleSeriesFilter`).
public struct AngleSmoother: Sendable {
    /// Cut-off of the live (causal) filter, Hz. See docs/angles.md for the choice.
    public static let liveCutoffHz = 12.0

    var filters: [CausalLowPass]

    public init(sampleRateHz: Double, cutoffHz: Double = AngleSmoother.liveCutoffHz) {
        filters = AngleKind.allCases.map { _ in CausalLowPass(cutoffHz: cutoffHz, sampleRateHz: sampleRateHz) }
    }

    /// The smoothed angles for the next frame's raw angles.
    public mutating func smooth(_ raw: AngleSet) -> AngleSet {
        var out = AngleSet()
        for k in AngleKind.allCases {
            out[k] = filters[k.rawValue](raw[k])
        }
        return out
    }

    public mutating func reset() {
        for i in filters.indices { filters[i].reset() }
    }
}
