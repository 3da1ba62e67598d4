import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore
@testable import RunnerSimulation

/// The tracker on the simulated runner, scored against the ground truth (`TrackingScore`): no
/// marker ever labelled on another LED, centroids within a tenth of a pixel RMS, most LEDs found.
/// Short runs (debug builds render ~14 ms per 640x480 frame); `gaitlive bench accuracy` runs the
/// long version whose figures are in docs/accuracy.md.
@Suite struct TrackingOnSimulationTests {
    static let findingsOn = ClinicalFindings(hipDropDegrees: 4, hipDropStanceSide: .left, extraDorsiflexionDegrees: 6,
                                             dorsiflexionSide: .right, overstrideCentimetres: 8)

    /// Tracks `seconds` of each stage listed (flat, then incline from `seconds` on) in one view.
    static func score(view: CameraView, seed: UInt64 = 11, cameraSide: BodySide = .right, findings: ClinicalFindings = .none,
                      seconds: Double, incline: Bool = false, width: Int = 640, height: Int = 480,
                      faults: SimulatedFaults = SimulatedFaults(), start: Double = 0,
                      each: ((Int, TrackedFrame, FrameTruth) -> Void)? = nil) -> TrackingScore {
        let runner = SimulatedRunner(findings: findings, seed: seed, sideCameraOn: cameraSide, clockOrigin: 0)
        if incline { runner.switchProfile(at: start + seconds, to: RunnerProfile.flat.inclined(percent: 5)) }
        let cam = SimulatedCamera(runner: runner, view: view, width: width, height: height, pacing: .unpaced,
                                  faults: faults)
        var tracker = ViewTracker(markerSet: .standard(for: view))
        var score = TrackingScore(view: view)
        let first = Int(start * 120)
        let frames = Int(seconds * 120) * (incline ? 2 : 1)
        for i in first..<(first + frames) {
            let f = cam.render(index: UInt64(i), time: Double(i) / 120 + cam.timeOffset)
            let out = tracker.process(f.luma)
            let truth = f.truth!
            score.add(out, truth: truth)
            each?(i, out, truth)
        }
        return score
    }

    static func report(_ s: TrackingScore, _ what: String) {
        print("accuracy \(what): \(s.markerFrames) marker-frames, \(s.visible) visible, \(s.detected) detected "
              + "(\(Int(100 * s.detectionRate))%), \(s.predicted) bridged, \(s.wrong) wrong, centroid RMS "
              + "\(Double(Int(s.centroidRMS * 1000)) / 1000) px (split blobs: \(s.detectedSplit), "
              + "RMS \(Double(Int(s.splitRMS * 1000)) / 1000) px)")
    }

    @Test(arguments: [BodySide.right, .left])
    func sideViewIsTrackedWithoutSwaps(cameraSide: BodySide) {
        let s = TrackingOnSimulationTests.score(view: .side, cameraSide: cameraSide, seconds: 1.5)
        TrackingOnSimulationTests.report(s, "side view, camera on the \(cameraSide.rawValue)")
        #expect(s.wrong == 0)
        #expect(s.detectionRate >= 0.99)
        #expect(s.centroidRMS <= 0.1)
    }

    /// Each heel passes its knee twice per stride seen from behind: the two LEDs merge into one
    /// blob, which is split, and cross without swapping.
    @Test func rearViewIsTrackedWithoutSwapsThroughTouchingLEDs() {
        let s = TrackingOnSimulationTests.score(view: .rear, seconds: 1.5)
        TrackingOnSimulationTests.report(s, "rear view")
        #expect(s.wrong == 0)
        #expect(s.detectedSplit > 0, "the run should include heels touching knees")
        #expect(s.detectionRate >= 0.95)
        #expect(s.centroidRMS <= 0.1)
        #expect(s.splitRMS <= 0.5)
    }

    /// Seeds, camera sides, the clinic's findings and both stages, small frames to stay quick:
    /// never a wrong label.
    @Test(arguments: [(UInt64(3), BodySide.right, false), (4, .left, true), (5, .right, true), (6, .left, false)])
    func noSwapsAcrossSeedsSidesFindingsAndStages(seed: UInt64, cameraSide: BodySide, findings: Bool) {
        for view in CameraView.allCases {
            let s = TrackingOnSimulationTests.score(view: view, seed: seed, cameraSide: cameraSide,
                                                    findings: findings ? TrackingOnSimulationTests.findingsOn : .none,
                                                    seconds: 0.5, incline: true, width: 320, height: 240, start: 1.6)
            TrackingOnSimulationTests.report(s, "\(view.rawValue) view, seed \(seed), camera \(cameraSide.rawValue), "
                                             + "findings \(findings ? "on" : "off"), flat then incline, 320x240")
            #expect(s.wrong == 0)
            #expect(s.detectionRate >= 0.85)
        }
    }
}
