import Testing
@testable import MarkerTracker

@Suite struct SegmentLengthGuardTests {
    func frame(kneeAt knee: Point = Point(x: 310, y: 280)) -> MarkerFrame {
        [Point(x: 300, y: 100), Point(x: 300, y: 200), knee, Point(x: 300, y: 360), Point(x: 290, y: 372),
         Point(x: 330, y: 378)].map { TrackedMarker(position: $0, confidence: 1, source: .detected) }
    }

    @Test func aMarkerOnTheWrongLightIsLeftOut() {
        var g = SegmentLengthGuard(view: .side)
        for _ in 0..<24 { #expect(g.check(frame()) == frame()) }
        #expect(g.isReady)
        // The knee taken for a stray light 150 px away: thigh and shank both break.
        let out = g.check(frame(kneeAt: Point(x: 460, y: 300)))
        #expect(out[SideMarker.kne.rawValue] == nil && out[SideMarker.gt.rawValue] == nil && out[SideMarker.ank.rawValue] == nil)
        #expect(out[SideMarker.sho.rawValue] != nil && out[SideMarker.hee.rawValue] != nil && out[SideMarker.mt5.rawValue] != nil)
        // The right LED found again passes.
        #expect(g.check(frame()) == frame())
    }

    @Test func theRearViewIsLeftAlone() {
        var g = SegmentLengthGuard(view: .rear)
        let m: MarkerFrame = (0..<8).map { TrackedMarker(position: Point(x: Double($0) * 50, y: 0), confidence: 1, source: .detected) }
        for _ in 0..<30 { #expect(g.check(m) == m) }
        #expect(!g.isReady)
    }
}
