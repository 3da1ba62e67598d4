import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit

/// The events from rendered, tracked frames (not true positions): 12 s per view, about a minute
/// and a half in a debug build, so only when asked: `GAITLIVE_LONG_ACCURACY=1 swift test --filter
/// LongAccuracyTests`. Prints `accuracy tracked` lines (docs/accuracy.md).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["GAITLIVE_LONG_ACCURACY"] == "1"))
struct LongAccuracyTests {
    @Test(arguments: CameraView.allCases)
    func eventsFromTrackedFrames(view: CameraView) {
        let runner = SimulatedRunner(seed: 21, sideCameraOn: .right, clockOrigin: 0)
        let cam = SimulatedCamera(runner: runner, view: view, pacing: .unpaced)
        let run = ImageRun(view: view, count: 1440, fps: 120, markerSide: .right, legLengthCm: 91) { i in
            cam.render(index: UInt64(i), time: Double(i) / 120 + cam.timeOffset)
        }
        let score = EventScore(detected: run.detectedEvents, truth: run.trueEvents, frames: 240..<1380)
        print("accuracy tracked simulated runner, \(view) view: \(score); \(run.summary(view))")
        #expect(score.fraction([.initialContact, .toeOff]) >= 0.95)
    }

    @Test(arguments: CameraView.allCases)
    func realEventsFromTrackedFrames(view: CameraView) throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path + "/data/realdata/RBDS032runT35markers.txt"
        let runner = RecordedRunner(landmarks: try RecordedRunner.load(path: path), sideCameraOn: .right, clockOrigin: 0)
        let cam = RecordedMotionCamera(runner: runner, view: view, pacing: .unpaced)
        let run = ImageRun(view: view, count: 1400, fps: 120, markerSide: .right, legLengthCm: 92) { i in
            cam.render(index: UInt64(i), time: Double(i) / 120 + cam.timeOffset)
        }
        let score = EventScore(detected: run.detectedEvents, truth: run.trueEvents, frames: 240..<1340)
        print("accuracy tracked RBDS032, \(view) view: \(score); \(run.summary(view))")
        if view == .side { #expect(score.fraction([.initialContact, .toeOff]) >= 0.9) }
        #expect(run.swaps == 0)
    }
}
