import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import RunnerSimulation

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

/// Faults: an LED dark for half a second, a stray light, every LED gone (the athlete steps off):
/// angles are missing rather than wrong, and no gait event is made up.
@Suite struct AngleFaultTests {
    @Test func anglesAreMissingRatherThanWrong() {
        let runner = SimulatedRunner(seed: 6, sideCameraOn: .right, clockOrigin: 0)
        let faults = SimulatedFaults(dropouts: [.init(view: .side, marker: SideMarker.kne.rawValue, start: 0.5, duration: 0.5)],
                                     blackouts: [.init(start: 1.4, duration: 0.3)],
                                     strayLights: [.side: [Point(x: 520, y: 300)]])
        let cam = SimulatedCamera(runner: runner, view: .side, pacing: .unpaced, faults: faults)
        var processor = ViewProcessor(view: .side, legLengthCm: 91, clockOrigin: 0)
        let model = runner.currentModel
        var wrong = 0, unbacked = 0, measured = 0, worst = 0.0
        var perKind: [AngleKind: Int] = [:]
        var eventsInBlackout = 0
        for i in 0..<240 {
            let f = cam.render(index: UInt64(i), time: Double(i) / 120)
            let p = processor.process(f, inclinePercent: 0)
            guard let truth = f.truth else { continue }
            // The true angles with every LED, lit or not.
            let all: MarkerFrame = model.pose(at: Double(i) / 120).sideMarkers.map { m in
                cam.camera.project(m).map { TrackedMarker(position: $0, confidence: 1, source: .detected) }
            }
            let hidden = AngleCalculator(forward: cam.camera.runningDirection).angles(all, view: .side)
            for k in AngleKind.kinds(for: .side) {
                guard let a = p.angles[k], let t = hidden[k] else { continue }
                measured += 1
                perKind[k, default: 0] += 1
                if truth.angles[k] == nil { unbacked += 1 }
                worst = max(worst, abs(AngleMath.wrap(a - t)))
                if abs(AngleMath.wrap(a - t)) > 1 { wrong += 1 }
            }
            eventsInBlackout += p.events.filter { $0.time > 1.4 && $0.time < 1.7 }.count
        }
        print("faults: \(measured) angles measured (\(unbacked) of them from a marker bridged while its LED was dark), "
              + "\(wrong) more than 1 degree wrong, worst \(String(format: "%.2f", worst)) degrees")
        #expect(wrong == 0)
        #expect(eventsInBlackout == 0)
        // Missing rather than wrong, but not missing everywhere: outside the knee dropout (60
        // frames) and the blackout (36), every angle is measured (240 x 7 = 1680 at most).
        #expect(measured >= 1050, "\(measured) angles measured")
        #expect(AngleKind.kinds(for: .side).allSatisfy { (perKind[$0] ?? 0) >= 140 }, "\(perKind)")
    }
}
