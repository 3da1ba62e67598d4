import Testing
@testable import MarkerTracker

/// `ViewTracker.Settings.forFramesPerSecond`: the side view's per-frame figures follow the frame
/// rate (the same figures per second), the rear view's stay as measured at 120 fps.
@Suite struct FrameRateSettingsTests {
    let base = ViewTracker.Settings()

    @Test func sideViewAt60FpsKeepsTheFiguresPerSecond() {
        let s = ViewTracker.Settings.forFramesPerSecond(60, view: .side)
        #expect(s.framesPerSecond == 60)
        #expect(s.gateNewTrack == 2 * base.gateNewTrack)
        #expect(s.gateMax == 2 * base.gateMax)
        #expect(s.maxAcceleration == 4 * base.maxAcceleration)
        #expect(s.rejoinDistance == 2 * base.rejoinDistance)
        #expect(s.maxBridgeFrames == base.maxBridgeFrames / 2)
        #expect(s.verifyInterval == 8 && s.levelsInterval == 15)
        // Two frames at 60 fps fade a bridged marker as much as four at 120.
        #expect(abs(s.bridgedConfidenceDecay - base.bridgedConfidenceDecay * base.bridgedConfidenceDecay) < 1e-12)
        // Learning: one frame at 60 fps moves as far as two at 120.
        let twice = 1 - (1 - base.markerLightRate) * (1 - base.markerLightRate)
        #expect(abs(s.markerLightRate - twice) < 1e-12)
        // Pixel sizes stay.
        #expect(s.gateBase == base.gateBase && s.windowMargin == base.windowMargin)
        #expect(s.voteFrames == 24)
    }

    @Test func rearViewAndCamerasNear120FpsKeepTheirFigures() {
        let rear = ViewTracker.Settings.forFramesPerSecond(60, view: .rear)
        #expect(rear.framesPerSecond == 60 && rear.voteFrames == 24)
        #expect(rear.gateNewTrack == base.gateNewTrack && rear.maxAcceleration == base.maxAcceleration
                && rear.maxBridgeFrames == base.maxBridgeFrames)
        let near = ViewTracker.Settings.forFramesPerSecond(119.8, view: .side)
        #expect(near.gateNewTrack == base.gateNewTrack && near.maxAcceleration == base.maxAcceleration
                && near.markerLightRate == base.markerLightRate)
    }

    @Test func logAndPowerAgreeWithKnownValues() {
        #expect(abs(Trig.log(1)) < 1e-15)
        #expect(abs(Trig.log(2.718281828459045) - 1) < 1e-14)
        #expect(abs(Trig.log(1e-6) + 13.815510557964274) < 1e-12)
        #expect(abs(Trig.pow(0.7, 2) - 0.49) < 1e-14)
        #expect(abs(Trig.pow(2, 0.5) - 1.4142135623730951) < 1e-14)
        #expect(Trig.log(0).isNaN && Trig.log(-1).isNaN)
    }
}
