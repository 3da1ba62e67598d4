import Testing
@testable import MarkerTracker

@Suite struct GaitEventTests {
    @Test func cadenceFromStrides() throws {
        var c = CadenceMeter()
        for i in 0..<6 {
            c.add(GaitEvent(kind: .initialContact, side: .right, view: .side, frame: i * 85, time: Double(i) * 0.71))
        }
        #expect(abs(try #require(c.stepsPerMinute) - 120 / 0.71) < 1e-9)
    }

    @Test func runningStats() {
        let s = RunningStats([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(s.count == 8)
        #expect(s.mean == 5)
        #expect(abs(s.standardDeviation - 2.138089935299395) < 1e-12)
        #expect(s.min == 2 && s.max == 9)
    }
}
