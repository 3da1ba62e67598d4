import Testing
@testable import MarkerTracker

/// The one segment-length model the tracker and `SegmentLengthGuard` share.
@Suite struct SegmentLengthModelTests {
    @Test func tolerancesFollowTheViewsAnatomy() {
        let side = SegmentLengthModel(markerSet: .side)
        // Trunk, thigh, shank 18 %; the foot's three segments 35 %.
        #expect(side.tolerances == [0.18, 0.18, 0.18, 0.35, 0.35, 0.35])
        let rear = SegmentLengthModel(markerSet: .rear)
        for (s, seg) in MarkerSet.rear.segments.enumerated() {
            let expected: Double?
            if seg.from == RearMarker.lpsi.rawValue && seg.to == RearMarker.rpsi.rawValue { expected = 0.3 }
            else if [RearMarker.lkne, .rkne, .lhee, .rhee].map(\.rawValue).contains(seg.to) { expected = nil }
            else { expected = 0.5 }
            #expect(rear.tolerances[s] == expected, "\(MarkerSet.rear.labels[seg.from])-\(MarkerSet.rear.labels[seg.to])")
        }
    }

    @Test func aSegmentBreaksBeyondItsToleranceAndTheSlack() {
        var m = SegmentLengthModel(markerSet: .side, placementSlack: 0.05)
        #expect(!m.breaks(0, length: 1000), "nothing learnt yet: nothing breaks")
        m.start(with: [100, 200, 200, 30, 60, 60])
        // Trunk 100 px: 18 px plus 5 % of the 200 px thigh = 28 px either way.
        #expect(!m.breaks(0, length: 127.9) && !m.breaks(0, length: 72.1))
        #expect(m.breaks(0, length: 128.1) && m.breaks(0, length: 71.9))
        // The foot (HEE-MT5, 60 px): 21 px plus the same 10 px of slack.
        #expect(!m.breaks(4, length: 90.9) && m.breaks(4, length: 91.1))
        m.placementSlack = 0
        #expect(m.breaks(0, length: 118.1))
    }

    @Test func lengthsFollowAtTheirRate() {
        var m = SegmentLengthModel(markerSet: .rear)
        #expect(!m.hasLengths)
        m.learn(0, length: 80, rate: 0.02)
        #expect(m.lengths[0] == 80 && m.hasLengths && !m.isComplete)
        m.learn(0, length: 130, rate: 0.02)
        #expect(abs(m.lengths[0]! - 81) < 1e-9)
    }
}
