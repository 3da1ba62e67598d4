import Foundation
import MarkerTracker
import Testing
@testable import ReviewTUI
import LivePipeline

/// The live console's standing calibration: `k` starts it (the header says "calibrating"), and
/// once the two seconds of the standing athlete are taken the header says "calibrated" and the
/// footer gives the numbers once. The test waits for the session's state, never for a time.
@Suite struct LiveCalibrationScreenTests {
    @Test func keyKCalibratesTheStandingAthlete() throws {
        let fixture = try LiveFixture(standSeconds: 120)
        defer { fixture.stop() }
        let session = fixture.session
        let screen = LiveScreen(session: session, pane: ViewPane(mode: .ascii, utf8: false, colour: false), title: "test")
        var g = CellGrid(width: 160, height: 40)
        screen.draw(into: &g)
        #expect(g.text(row: 0).contains("not calibrated"))
        #expect(g.text(row: 39).contains("k calibrate"))

        _ = screen.handle(.character("k"))
        screen.draw(into: &g)
        #expect(g.text(row: 0).contains("calibrating"))
        #expect(g.text(row: 39).contains("taking the next 2 s"))
        var waited = 0
        while session.isCalibrating && waited < 1500 {
            usleep(10_000)
            waited += 1
        }
        #expect(!session.isCalibrating, "still: \(session.standingProblem ?? "")")
        screen.draw(into: &g)
        #expect(g.text(row: 0).contains("calibrated") && !g.text(row: 0).contains("not calibrated"))
        #expect(g.text(row: 39).contains("calibrated standing: ankle"))
        #expect(session.calibration != .none)
    }
}
