import Foundation
import MarkerTracker
import Testing
@testable import ReviewTUI
import SessionStore
import OfflineAnalysis

/// Two sessions of one athlete side by side (issue #17, item 3: `review DIR --with OTHER`): `v`
/// goes on from flat vs incline to this stage against the other session's, the same leg's stride
/// at the same place in the list, both from initial contact and at one phase, angles over both.
@Suite struct ReviewSessionComparisonTests {
    @Test func aStrideBesideTheOtherSessionsSameStrideAtOnePhase() throws {
        let before = try SessionFixture(seconds: 2.5, seed: 7)
        let after = try RecordedSession(directory: reviewFeatureFixture.directory)
        let screen = ReviewScreen(session: after, pane: ViewPane(mode: .ascii, utf8: false, colour: false),
                                  other: try RecordedSession(directory: before.directory))
        let r = try #require(screen.review)
        let s = try #require(r.strides.strides(of: .right).first)
        screen.seek(try #require(r.frame(.side, atSeconds: s.time(atPhase: 0.3))))
        for _ in 0..<3 { _ = screen.handle(.character("v")) }
        #expect(screen.compare == .sessions)
        let c = try #require(screen.comparison(r))
        #expect(c.otherSession)
        let other = try #require(c.otherStride, "\(c.missing)")
        #expect(other.side == .right && c.otherReview.stage.info.kind == "flat")
        // The same place in the list: the first right stride of the other session's flat stage.
        #expect(other == c.otherReview.strides.strides(of: .right).first)
        // One phase in both: the frame shown is as far into the other stride as this one is.
        #expect(abs(c.phase - 0.3) < 0.02)
        // (`v` moved the chart to the rear camera's angle of this leg on the way: left vs right.)
        let shown = try #require(c.otherReview.frame(c.view, atSeconds: other.time(atPhase: c.phase)))
        let shownPhase = other.phase(at: c.otherReview.time(c.view, shown))
        #expect(abs(shownPhase - c.phase) <= 1.0 / (120 * other.duration) + 1e-9, "\(shownPhase) against \(c.phase)")

        var g = CellGrid(width: 160, height: 45)
        screen.draw(into: &g)
        let day = String(after.manifest.created.prefix(10))
        let titles = g.text.components(separatedBy: "\(c.view == .side ? "SIDE" : "REAR") flat \(day) right stride").count - 1
        #expect(titles == 2, "both panes titled with their stage, date and stride:\n\(g.text)")
        #expect(g.text.components(separatedBy: "% of the cycle").count - 1 == 2)
        _ = screen.handle(.character("v"))
        #expect(screen.compare == .off)
    }

    @Test func withoutASecondSessionVGoesFromStagesToOff() throws {
        let screen = ReviewScreen(session: try RecordedSession(directory: reviewFeatureFixture.directory),
                                  pane: ViewPane(mode: .ascii, utf8: false, colour: false))
        for _ in 0..<2 { _ = screen.handle(.character("v")) }
        #expect(screen.compare == .stages)
        _ = screen.handle(.character("v"))
        #expect(screen.compare == .off)
    }

}
