import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import RunnerSimulation

/// The setup checks on rendered, tracked frames of the simulated runner standing on the belt:
/// quiet on a good set-up, and each fires on its own fault (an LED dark, stray lights, a rolled
/// camera, blooming LEDs, a knee LED off its landmark: `gaitlive demo --setup-fault`), naming what is
/// wrong. Prints `setup` lines.
@Suite struct SetupCheckTests {
    /// The findings of the last of 30 frames (60 fps, standing) of `view`.
    static func findings(_ view: CameraView, faults: SimulatedFaults = SimulatedFaults(), camera: VirtualCamera? = nil,
                         picture: CameraPicture = .ideal, placement: MarkerPlacement = .exact) -> [String: SetupFinding] {
        var profile = RunnerProfile.flat
        profile.placement = placement
        let runner = SimulatedRunner(profile: profile, seed: 9, clockOrigin: 0, standSeconds: 30)
        let cam = SimulatedCamera(runner: runner, view: view, framesPerSecond: 60, pacing: .unpaced, faults: faults,
                                  camera: camera, picture: picture)
        var processor = ViewProcessor(view: view, framesPerSecond: 60, clockOrigin: 0)
        var last: (Frame, ProcessedFrame)?
        for i in 0..<30 {
            let f = cam.render(index: UInt64(i), time: Double(i) / 60)
            last = (f, processor.process(f, inclinePercent: 0))
        }
        let (frame, p) = last!
        let out = SetupChecks.frame(view: view, image: frame.luma, markers: p.tracked.markers)
        for f in out { print("setup \(view) \(f.check): \(f.verdict) - \(f.advice)") }
        return Dictionary(uniqueKeysWithValues: out.map { ($0.check, $0) })
    }

    @Test(arguments: CameraView.allCases)
    func aGoodSetUpPasses(view: CameraView) {
        let f = SetupCheckTests.findings(view)
        #expect(f["LEDs"]?.verdict == .pass)
        #expect(f["exposure"]?.verdict == .pass)
        #expect(f["geometry"]?.verdict == .pass)
        #expect(f["placement"]?.verdict == .pass)
    }

    @Test func aKneeLEDOffItsLandmarkIsCaught() {
        let placement = SetupFault.placement([.misplacedKnee])
        let s = SetupCheckTests.findings(.side, placement: placement)
        #expect(s["placement"]?.verdict == .warn)
        #expect(s["placement"]?.advice.contains("knee LED") == true)
        let r = SetupCheckTests.findings(.rear, placement: placement)
        #expect(r["placement"]?.verdict == .warn)
        #expect(r["placement"]?.advice.contains("left knee LED") == true)
    }

    @Test func aDarkLEDIsNamed() {
        // Dark once the tracker has the athlete (an LED dark from the start leaves nothing labelled).
        let faults = SimulatedFaults(dropouts: SetupFault.dropouts([.darkKnee]))
        let f = SetupCheckTests.findings(.side, faults: faults)
        #expect(f["LEDs"]?.verdict == .fail)
        #expect(f["LEDs"]?.advice.contains("no LED near the right knee") == true)
    }

    @Test func strayLightsAreCountedWithTheirPlace() {
        let faults = SimulatedFaults(strayLights: [.rear: [Point(x: 60, y: 50), Point(x: 90, y: 70)]])
        let f = SetupCheckTests.findings(.rear, faults: faults)
        #expect(f["LEDs"]?.verdict == .warn)
        #expect(f["LEDs"]?.advice.contains("2 extra bright spots, upper left") == true)
    }

    @Test func aRolledSideCameraIsCaught() {
        let f = SetupCheckTests.findings(.side, camera: SetupFault.sideCamera([.tiltedCamera], on: .right, width: 640, height: 480))
        #expect(f["geometry"]?.verdict == .fail)
        #expect(f["geometry"]?.advice.contains("level the camera") == true)
    }

    @Test func bloomingLEDsAskForAShorterExposure() {
        let f = SetupCheckTests.findings(.side, picture: SetupFault.picture([.bloom]))
        #expect(f["exposure"]?.verdict == .warn)
        #expect(f["exposure"]?.advice.contains("shorten the exposure") == true)
    }

    @Test func frameRateAndDrops() {
        #expect(FrameRateCheck.check(view: .side, nominal: 120, measured: 119.9, droppedRecently: 0, seconds: 5).verdict == .pass)
        let slow = FrameRateCheck.check(view: .side, nominal: 120, measured: 60, droppedRecently: 0, seconds: 5)
        #expect(slow.verdict == .warn && slow.advice.contains("120 fps"))
        let drops = FrameRateCheck.check(view: .rear, nominal: 120, measured: 118, droppedRecently: 7, seconds: 5)
        #expect(drops.verdict == .warn && drops.advice.contains("7 dropped in the last 5 s"))
    }
}
