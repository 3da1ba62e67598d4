import MarkerTracker
import Testing
@testable import CaptureKit

/// Angles from rendered, tracked frames of the simulated runner against the true angles: the
/// whole chain (pictures, LEDs, tracker, angle definitions, filters). Short runs: a debug build
/// renders ~14 ms a frame. Prints `accuracy angles` lines (docs/accuracy.md).
@Suite struct AngleAccuracyTests {
    @Test(arguments: [(CameraView.side, BodySide.right), (.side, .left), (.rear, .right)])
    func everyAngleWithinHalfADegree(view: CameraView, cameraSide: BodySide) {
        let runner = SimulatedRunner(seed: 5, sideCameraOn: cameraSide, clockOrigin: 0)
        let cam = SimulatedCamera(runner: runner, view: view, pacing: .unpaced)
        let run = ImageRun(view: view, count: 180, fps: 120, markerSide: cameraSide, legLengthCm: 91) { i in
            cam.render(index: UInt64(i), time: Double(i) / 120 + cam.timeOffset)
        }
        print("accuracy angles simulated runner, \(view) view, camera on the \(cameraSide): \(run.summary(view))")
        #expect(run.swaps == 0)
        #expect(run.worstRMS() <= 0.5)
        #expect(run.worstRMS(filtered: true) <= 0.5)
        #expect(run.rawSquares.count == AngleKind.kinds(for: view).count)
    }
}
