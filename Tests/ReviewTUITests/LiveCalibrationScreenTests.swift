import CaptureKit
import Foundation
import MarkerTracker
import Testing
@testable import ReviewTUI
import LivePipeline
import RunnerSimulation

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
        _ = LiveFixture.wait(15) { !session.isCalibrating }
        #expect(!session.isCalibrating, "still: \(session.standingProblem ?? "")")
        screen.draw(into: &g)
        #expect(g.text(row: 0).contains("calibrated") && !g.text(row: 0).contains("not calibrated"))
        #expect(g.text(row: 39).contains("calibrated standing: ankle"))
        #expect(session.calibration != .none)
    }
}

/// The setup screen on a character grid: a line per check per camera with its verdict and
/// advice, the calibration's state; Enter goes to the run, u comes back.
@Suite struct SetupScreenTests {
    @Test func setupChecksThenTheRunAndBack() throws {
        let fixture = try LiveFixture(standSeconds: 120)
        defer { fixture.stop() }
        let screen = LiveScreen(session: fixture.session, pane: ViewPane(mode: .ascii, utf8: false, colour: false), title: "test")
        screen.showSetup = true
        var g = CellGrid(width: 160, height: 48)
        screen.draw(into: &g)
        let text = g.text
        #expect(text.contains("SETUP: check each camera"))
        for line in ["side LEDs", "side exposure", "side flicker", "side motion blur", "side frame rate", "side geometry",
                     "rear LEDs", "rear exposure", "rear frame rate", "rear geometry"] {
            #expect(text.range(of: "(pass|WARN|FAIL)  " + line, options: .regularExpression) != nil, "\(line) in:\n\(text)")
        }
        #expect(text.contains("calibration: none yet; k:"))
        #expect(g.text(row: 47).contains("u setup"))
        // A shorter terminal: the calibration line stays, passing checks give way and are counted.
        var small = CellGrid(width: 160, height: 32)
        screen.draw(into: &small)
        #expect(small.text.contains("calibration: none yet; k:"))
        #expect(small.text.contains("more checks not shown, passing first"), "\(small.text)")

        _ = screen.handle(.enter)
        screen.draw(into: &g)
        #expect(!g.text.contains("SETUP: check each camera"))
        _ = screen.handle(.character("u"))
        screen.draw(into: &g)
        #expect(g.text.contains("SETUP: check each camera"))
    }
}

/// The setup screen's `a`: the flicker check's suggestion goes to the camera's power-line control
/// (a V4L2 camera's controls, here kept in memory), and a simulated camera says it has none.
@Suite struct SetupFixKeyTests {
    @Test func keyAAppliesThePowerLineFrequencyTheFlickerCheckAsksFor() throws {
        let fixture = try LiveFixture(standSeconds: 120, picture: CameraPicture(flickerHertz: 100, flickerDepth: 0.15))
        defer { fixture.stop() }
        let screen = LiveScreen(session: fixture.session, pane: ViewPane(mode: .ascii, utf8: false, colour: false), title: "test")
        screen.showSetup = true
        var g = CellGrid(width: 200, height: 48)
        // Until the checks have seen a second of the flickering room (waiting for the state).
        var clock = 0.0
        _ = LiveFixture.wait(30) {
            // The screen's clock moves on so the checks run again (twice a second of screen time).
            clock += 0.05
            _ = screen.tick(now: clock)
            screen.draw(into: &g)
            return CameraView.allCases.allSatisfy { v in
                screen.setupPanel.findings.contains { $0.view == v && $0.check == "flicker" && $0.verdict == .warn }
            }
        }
        #expect(g.text.contains("WARN  side flicker"), "\(g.text)")
        _ = screen.handle(.character("a"))
        screen.draw(into: &g)
        let said = screen.message?.text ?? ""
        #expect(said.contains("side: no camera controls (simulated camera); by hand: "), "\(said)")
        #expect(said.contains("power_line_frequency to 50 Hz"), "\(said)")
        #expect(g.text(row: 47).contains("side: no camera controls"))

        let fake = FakeControls()
        try fake.set("power_line_frequency", to: "0")
        screen.controlsProvider = { _ in fake }
        _ = screen.handle(.character("a"))
        screen.draw(into: &g)
        let powerLine = try fake.list().first { $0.key == "power_line_frequency" }
        #expect(powerLine?.value == 1, "\(String(describing: powerLine))")
        #expect(screen.message?.text.contains("side: exposure_time_absolute 125, power_line_frequency 1 (50 Hz)") == true,
                "\(screen.message?.text ?? "")")
    }
}
