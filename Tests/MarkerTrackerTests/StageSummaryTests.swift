import Testing
@testable import MarkerTracker

@Suite struct StageSummaryTests {
    func stride(_ view: CameraView, _ side: BodySide, _ n: Int, _ values: [StrideMetric: Double]) -> StrideMetrics {
        var s = StrideMetrics(view: view, side: side, number: n, contact: .init(frame: n * 85, time: Double(n) * 0.71),
                              nextContact: .init(frame: n * 85 + 85, time: Double(n) * 0.71 + 0.71))
        for (m, v) in values { s[m] = v }
        return s
    }

    @Test func aMeanNeedsSevenStridesPerSide() {
        var s = StageSummary()
        for n in 1...6 {
            s.add(stride(.rear, .left, n, [.pelvicDrop: 5 + Double(n % 2)]))
            s.add(stride(.rear, .right, n, [.pelvicDrop: 8]))
        }
        #expect(s.stats(.pelvicDrop, .left).count == 6)
        #expect(s.mean(.pelvicDrop, .left) == nil)
        #expect(s.leftMinusRight(.pelvicDrop) == nil)
        s.add(stride(.rear, .left, 7, [.pelvicDrop: 5.5]))
        s.add(stride(.rear, .right, 7, [.pelvicDrop: 8]))
        #expect(abs(s.mean(.pelvicDrop, .left)! - 5.5) < 1e-12)
        #expect(abs(s.leftMinusRight(.pelvicDrop)! + 2.5) < 1e-12)
        #expect(abs(s.symmetryIndex(.pelvicDrop)! - 100 * -2.5 / 6.75) < 1e-9)
        #expect(s.strides(.left) == 7)
    }

    @Test func timingComesFromTheRearCameraWhenItHasAny() {
        var s = StageSummary()
        s.add(stride(.side, .right, 1, [.cadence: 170, .kneeFlexionAtContact: 20]))
        #expect(s.source(.cadence) == .side)
        s.add(stride(.rear, .left, 1, [.cadence: 168]))
        #expect(s.source(.cadence) == .rear)
        #expect(s.stats(.cadence, .right).count == 0)
        #expect(s.stats(.cadence, .right, view: .side).count == 1)
        #expect(s.source(.kneeFlexionAtContact) == .side)
        #expect(s.source(.stepWidth) == nil)
    }

    @Test func summariesOfTwoCamerasMerge() {
        var a = StageSummary(), b = StageSummary(), all = StageSummary()
        for n in 1...9 {
            let x = stride(.side, .right, n, [.kneeFlexionAtContact: Double(n)])
            let y = stride(.rear, .left, n, [.hipAdduction: Double(n * n)])
            a.add(x); b.add(y); all.add(x); all.add(y)
        }
        a.merge(b)
        for (m, side) in [(StrideMetric.kneeFlexionAtContact, BodySide.right), (.hipAdduction, .left)] {
            #expect(abs(a.mean(m, side)! - all.mean(m, side)!) < 1e-12)
            #expect(abs(a.standardDeviation(m, side)! - all.standardDeviation(m, side)!) < 1e-9)
        }
    }

    @Test func runningStatsMergeLikeOneStream() {
        let x: [Double] = [1, 4, 9, 2], y: [Double] = [7, 7.5, -3]
        let m = RunningStats(x).merged(with: RunningStats(y)), all = RunningStats(x + y)
        #expect(m.count == all.count)
        #expect(abs(m.mean - all.mean) < 1e-12)
        #expect(abs(m.standardDeviation - all.standardDeviation) < 1e-12)
        #expect(m.min == -3 && m.max == 9)
    }

    @Test func metricColumnsAreUniqueAndReadBack() {
        let columns = StrideMetric.allCases.map(\.column)
        #expect(Set(columns).count == columns.count)
        for m in StrideMetric.allCases {
            #expect(StrideMetric(column: m.column) == m)
            #expect(m.title.count <= 16)
            #expect(!m.views.isEmpty)
        }
        #expect(StrideMetric.metrics(for: .rear).contains(.pelvicDrop))
        #expect(!StrideMetric.metrics(for: .side).contains(.pelvicDrop))
    }

    @Test func missingMetricsStayMissing() {
        var s = stride(.side, .left, 1, [:])
        s[.overstride] = .nan
        #expect(s[.overstride] == nil)
        s[.overstride] = 12
        #expect(s.measured.map(\.0) == [.overstride])
        #expect(abs(s.duration - 0.71) < 1e-12)
    }
}
