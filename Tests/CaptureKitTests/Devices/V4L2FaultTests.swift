import Foundation
import Glibc
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore
@testable import LivePipeline

extension V4L2DeviceTests {
    /// vivid's `disconnect` control unplugs the rear camera mid-recording: its view is lost, the
    /// side camera keeps capturing and recording, everything is kept, and when the driver binds
    /// the device again (a re-plug) the rear camera resumes on its own.
    @Test(.enabled(if: TestDevices.hasTwoVivid && TestDevices.inVM))
    func anUnpluggedCameraIsLostThenResumesWhileTheOtherKeepsRecording() throws {
        let dir = TestDirectory()
        let vivid = TestDevices.vivid
        let request = V4L2Camera.Request(width: 320, height: 180, fps: 30)
        let side = try V4L2Camera(path: vivid[0].path, view: .side, request: request)
        let rear = try V4L2Camera(path: vivid[1].path, view: .rear, request: request)
        let rearPath = rear.path
        let session = try LiveSession(
            cameras: [side.sessionCamera(markerSide: .right), rear.sessionCamera(markerSide: nil)],
            options: .init(athlete: .init(name: "Device Test"), directory: dir.path + "/session", source: "v4l2",
                           clockOrigin: MonotonicClock.now(), software: "gaitlive tests"))
        session.setRecording(true)
        session.start()
        var stopped = false
        defer { if !stopped { _ = session.stop() } }
        func stats(_ v: CameraView) -> CameraStatistics { session.status.cameras[v] ?? CameraStatistics() }
        #expect(TestDevices.wait(seconds: 30) { stats(.side).frames >= 10 && stats(.rear).frames >= 10 })

        try CameraControls(path: rearPath).set("disconnect", to: "1")
        let lost = TestDevices.wait(seconds: 10) { if case .lost = stats(.rear).state { true } else { false } }
        #expect(lost, "rear state: \(stats(.rear).state)")
        if case .lost(let why) = stats(.rear).state { #expect(why.contains("unplugged")) }
        let sideBefore = stats(.side).frames
        #expect(TestDevices.wait(seconds: 10) { stats(.side).frames >= sideBefore + 10 }, "the side camera keeps capturing")
        #expect(stats(.side).state == .streaming)
        let rearBefore = stats(.rear).frames

        // Re-plug: unbind and bind the vivid platform device (both instances come back).
        try TestDevices.writeSysfs("/sys/bus/platform/drivers/vivid/unbind", "vivid.0")
        try TestDevices.writeSysfs("/sys/bus/platform/drivers/vivid/bind", "vivid.0")
        let resumed = TestDevices.wait(seconds: 30) {
            stats(.rear).reconnections >= 1 && stats(.rear).frames >= rearBefore + 10
        }
        #expect(resumed, "rear state after re-plug: \(stats(.rear).state)")
        let status = session.stop()
        stopped = true
        #expect(status.failure == nil)

        let recorded = try RecordedSession(directory: dir.path + "/session")
        let stage = try #require(recorded.stages.first)
        let sideFrames = stage.views[.side]?.frameCount ?? 0
        let rearFrames = stage.views[.rear]?.frameCount ?? 0
        print("unplug and re-plug: side recorded \(sideFrames) frames, rear \(rearFrames) "
              + "(\(rearBefore) before the unplug), rear reconnections \(recorded.manifest.camera(.rear)?.reconnections ?? -1)")
        #expect(sideFrames >= sideBefore + 10)
        #expect(rearFrames >= rearBefore + 10, "frames from before and after the unplug are kept")
        #expect(recorded.manifest.camera(.rear)?.reconnections == 1)
        #expect(recorded.manifest.camera(.rear)?.timestampSource == "kernel-monotonic")
        #expect(recorded.manifest.cameraSync != nil)
    }

    /// A camera that stops delivering frames is flagged as stalled within a second.
    @Test(.enabled(if: TestDevices.hasLoopback))
    func aCameraThatStopsDeliveringIsFlaggedStalled() throws {
        let path = try #require(TestDevices.loopback("gaitlive-loop-yuyv"))
        // The loopback keeps its first format: the same as the round-trip tests use.
        let writer = try LoopbackWriter(path: path, format: .yuyv, width: 640, height: 480, maxFrameBytes: 640 * 480 * 2)
        defer { writer.close() }
        let frame = [UInt8](repeating: 128, count: 640 * 480 * 2)
        try writer.write(frame)
        let cam = try V4L2Camera(path: path, view: .side, request: .init(width: 640, height: 480))
        let thread = try CaptureThread(name: "stall")
        thread.start(Transfer(cam)) { _ in }
        defer { thread.stop() }
        for _ in 0..<20 {
            try writer.write(frame)
            usleep(20_000)
        }
        #expect(TestDevices.wait(seconds: 10) { thread.statistics.frames >= 5 })
        let silentSince = MonotonicClock.now()
        let stalled = TestDevices.wait(seconds: 5) { thread.statistics.state == .stalled }
        let after = Double(MonotonicClock.now() - silentSince) / 1e9
        print("a silent camera was flagged after \(String(format: "%.2f", after)) s")
        #expect(stalled)
        try writer.write(frame)
        #expect(TestDevices.wait(seconds: 5) { thread.statistics.state == .streaming }, "and streams again on the next frame")
    }
}
