import MarkerTracker
import OfflineAnalysis

/// Stride metrics computed from the simulated runner's truth: true events, true (unfiltered)
/// angles. What the measured strides are compared with.
struct TruthStrides {
    /// Mean of each metric per side over the true strides in `frames`.
    var means: [BodySide: [StrideMetric: Double]] = [:]

    init(_ seq: TruthSequence, frames: Range<Int>) {
        var sums: [BodySide: [StrideMetric: (Double, Int)]] = [:]
        func add(_ side: BodySide, _ m: StrideMetric, _ v: Double?) {
            guard let v else { return }
            var e = sums[side, default: [:]][m, default: (0, 0)]
            e.0 += v
            e.1 += 1
            sums[side, default: [:]][m] = e
        }
        for side in BodySide.allCases {
            let ics = seq.events.filter { $0.kind == .initialContact && $0.side == side }
            for (a, b) in zip(ics, ics.dropFirst()) where frames.contains(a.frame) && frames.contains(b.frame) {
                guard let to = seq.events.first(where: { $0.kind == .toeOff && $0.side == side && $0.time > a.time && $0.time < b.time })
                else { continue }
                add(side, .cadence, 120 / (b.time - a.time))
                add(side, .contactTime, 1000 * (to.time - a.time))
                let stance = seq.samples[a.frame..<to.frame]
                // At the contact's own time, between its frame (the first at or after it) and the
                // one before, as the stride metrics take it.
                let back = a.frame > 0 ? (seq.samples[a.frame].time - a.time) * seq.fps : 0
                func ic(_ k: AngleKind) -> Double? {
                    guard let y = seq.samples[a.frame].angles[k] else { return nil }
                    guard back > 0, let x = seq.samples[a.frame - 1].angles[k] else { return y }
                    return y + (x - y) * min(1, back)
                }
                switch seq.view {
                case .side:
                    add(side, .kneeFlexionAtContact, ic(.kneeFlexion))
                    add(side, .hipFlexionAtContact, ic(.hipFlexion))
                    add(side, .ankleDorsiflexionAtContact, ic(.ankleDorsiflexion))
                    add(side, .tibiaAngleAtContact, ic(.tibiaAngle))
                    add(side, .footAngleAtContact, ic(.footAngle))
                    add(side, .peakKneeFlexion, stance.compactMap { $0.angles[.kneeFlexion] }.max())
                    add(side, .peakAnkleDorsiflexion, stance.compactMap { $0.angles[.ankleDorsiflexion] }.max())
                    add(side, .peakThighExtension, seq.samples[a.frame..<b.frame].compactMap { $0.angles[.thighAngle] }.min().map { -$0 })
                case .rear:
                    let sign: Double = side == .left ? 1 : -1
                    add(side, .pelvicDrop, stance.compactMap { $0.angles[.pelvicObliquity].map { sign * $0 } }.max())
                    add(side, .hipAdduction, stance.compactMap { $0.angles[side == .left ? .hipAdductionLeft : .hipAdductionRight] }.max())
                }
            }
        }
        for (side, m) in sums { means[side] = m.mapValues { $0.0 / Double($0.1) } }
    }
}
