public import MarkerTracker

/// Running figures of one camera over one stage: every angle's distribution over tracked frames,
/// the stage's cadence, and how many events were seen.
public struct StageAggregate: Sendable {
    public var angles: [AngleKind: RunningStats] = [:]
    public var cadence = CadenceMeter()
    public var events: [GaitEvent.Kind: Int] = [:]
    public var frames = 0

    public init() {}

    public mutating func add(_ p: ProcessedFrame) {
        frames += 1
        for (k, v) in p.angles.present(in: p.frame.view) { angles[k, default: RunningStats()].add(v) }
        for e in p.events {
            cadence.add(e)
            events[e.kind, default: 0] += 1
        }
    }
}
