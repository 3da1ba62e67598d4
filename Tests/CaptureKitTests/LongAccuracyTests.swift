import Foundation
import MarkerTracker
import Testing
@testable import RunnerSimulation

/// The events from rendered, tracked frames (not true positions), 12 s per view, and the rear
/// view's events on the recorded runner over seeds and leg lengths: a few minutes in a debug
/// build, so only when asked: `GAITLIVE_LONG_ACCURACY=1 swift test --filter LongAccuracyTests`.
/// Prints `accuracy tracked` and `accuracy real rear events` lines (docs/accuracy.md).
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

    /// The rear view's events on the recorded runner over six noise seeds, with the leg length
    /// right and given 4 and 8 % short and long (the toe-off's gravity scale comes from it).
    /// Prints `accuracy real rear events over seeds` lines (docs/accuracy.md).
    @Test func rearEventsOnRealMotionOverSeedsAndLegLengths() throws {
        let runner = RecordedRunner(landmarks: try RecordedRunner.load(path: RealMotionTests.table), sideCameraOn: .right,
                                    clockOrigin: 0)
        for leg in [85.0, 88, 92, 96, 99] {
            var contacts = (0, 0), toeOffs = (0, 0), perSeed: [Int] = []
            for seed in UInt64(3)...8 {
                var rng = SplitMix64(seed: seed)
                let (detected, truth, frames) = RealMotionTests.replay(runner, view: .rear, legLengthCm: leg, rng: &rng)
                let score = EventScore(detected: detected, truth: truth, frames: 240..<(frames - 60))
                contacts.0 += score.matched[.initialContact] ?? 0
                contacts.1 += score.total[.initialContact] ?? 0
                toeOffs.0 += score.matched[.toeOff] ?? 0
                toeOffs.1 += score.total[.toeOff] ?? 0
                perSeed.append(score.matched[.toeOff] ?? 0)
            }
            print("accuracy real rear events over seeds 3-8, leg length \(Int(leg)) cm: IC \(contacts.0)/\(contacts.1), "
                  + "TO \(toeOffs.0)/\(toeOffs.1) (per seed \(perSeed.map(String.init).joined(separator: " ")))")
            if leg == 92 { #expect(Double(contacts.0 + toeOffs.0) / Double(contacts.1 + toeOffs.1) >= 0.9) }
        }
    }
}
