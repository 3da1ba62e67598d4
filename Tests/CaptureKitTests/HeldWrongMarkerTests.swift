import Foundation
import Testing
@testable import CaptureKit
import MarkerTracker
@testable import RunnerSimulation

/// A marker held on another's LED while the rest of its limb stays lost is let go: the tracks of
/// a partial frame are checked against a from-scratch labelling too (every `verifyInterval`
/// frames, two disagreements in a row), not only those of a complete one.
@Suite struct HeldWrongMarkerTests {
    /// The recorded runner's replay loops (the picture jumps). With the restart after a jump
    /// switched off, the side view's predictions grab LEDs: the ankle lands on the heel LED and
    /// heel and toe cannot be placed around it. That state used to last for good (26 s of a
    /// demo); the partial-frame check ends it within two checks.
    @Test func aWrongHoldInAPartialFrameIsUndone() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path + "/data/realdata/RBDS032runT35markers.txt"
        let runner = RecordedRunner(landmarks: try RecordedRunner.load(path: path), sideCameraOn: .right,
                                    clockOrigin: 0, loops: true)
        let cam = RecordedMotionCamera(runner: runner, view: .side, pacing: .unpaced)
        let jump = Int((runner.duration * 120).rounded(.up))
        let first = jump - 60
        var processor = ViewProcessor(view: .side, markerSide: .right, legLengthCm: 92,
                                      clockOrigin: cam.render(index: UInt64(first), time: Double(first) / 120 + cam.timeOffset).timestampNanoseconds)
        processor.tracker.settings.restartAfterJump = false
        var wrong: [Int] = [], notTracking: [Int] = []
        for i in first..<(jump + 240) {
            let f = cam.render(index: UInt64(i), time: Double(i) / 120 + cam.timeOffset)
            let p = processor.process(f, inclinePercent: 0)
            let truth = try #require(f.truth)
            for (m, marker) in p.tracked.markers.enumerated() {
                guard let marker, marker.source == .detected, let t = truth.markers[m] else { continue }
                if marker.position.distance(to: t) > 4 { wrong.append(i - jump) }
            }
            if i > jump && p.tracked.status != .tracking { notTracking.append(i - jump) }
        }
        print("held wrong after a jump (no restart): detected wrong in frames \(Set(wrong).sorted()), not tracking in \(notTracking.count) frames")
        // Bridged predictions run out after 6 frames, then two checks 15 frames apart.
        let bound = processor.tracker.settings.maxBridgeFrames + 2 * processor.tracker.settings.verifyInterval + 2
        #expect((wrong.max() ?? 0) <= bound, "\(wrong)")
        #expect((notTracking.max() ?? 0) <= bound, "\(notTracking)")
    }
}
