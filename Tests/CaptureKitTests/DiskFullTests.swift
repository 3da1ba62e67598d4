import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore
@testable import RunnerSimulation
@testable import LivePipeline

/// A full disk while recording, through the `WriteLimit` seam (the same on every machine; the
/// real filesystem version is the end-to-end test on a small tmpfs).
@Suite struct DiskFullTests {
    func session(_ root: String, frames: Int, limit: WriteLimit?, minimumFreeMinutes: Double = 0,
                 storage: VideoStorage = .raw) throws -> LiveSession {
        let runner = SimulatedRunner(seed: 2, clockOrigin: 0)
        let cameras = CameraView.allCases.map { view in
            LiveSession.Camera(
                view: view,
                source: Transfer(SimulatedCamera(runner: runner, view: view, width: 160, height: 120,
                                                 framesPerSecond: 120, pacing: .unpaced, frameLimit: frames)),
                description: .init(view: view, device: "simulated", width: 160, height: 120, pixelFormat: "GREY",
                                   nominalFps: 120),
                recordingFormat: Y4MHeader(width: 160, height: 120, framesPerSecond: 120, colour: .mono))
        }
        return try LiveSession(cameras: cameras,
                               options: .init(athlete: .init(name: "T"), directory: root, source: "simulated",
                                              lossless: true, queueFramesPerCamera: 8, clockOrigin: 0, software: "test",
                                              minimumFreeMinutes: minimumFreeMinutes, writeLimit: limit,
                                              videoStorage: storage))
    }

    /// After the disk filled, nothing more is written, but the ring of recent pictures goes on:
    /// instant replay still shows the last seconds.
    @Test func afterAFullDiskTheReplayRingGoesOn() throws {
        let dir = TestDirectory()
        let root = dir.file("full-ring")
        let s = try session(root, frames: 240, limit: WriteLimit(bytes: 300_000 + 2 * 40 * 2_000), storage: .default)
        s.setRecording(true, at: 0)
        s.start()
        while !s.allCamerasEnded { usleep(10_000) }
        #expect(s.status.recorder?.failure?.contains("disk full") == true)
        let written = s.status.recorder?.framesWritten[.side] ?? 0
        _ = s.stop()
        // The ring's newest picture is the camera's last frame, long after the last one written.
        for view in CameraView.allCases {
            let newest = try #require(s.recentFrames(view).last)
            #expect(newest.item.processed.streamIndex >= 200 && newest.item.processed.streamIndex > written + 20,
                    "\(view): newest in the ring is frame \(newest.item.processed.streamIndex); \(written) written")
        }
    }

    /// Raw (v1) and compressed (v2) recordings alike.
    @Test(arguments: [VideoStorage.raw, .default])
    func aFullDiskStopsRecordingAndKeepsWhatWasWritten(storage: VideoStorage) throws {
        let dir = TestDirectory()
        let root = dir.file("full")
        // Room for the manifest, the reserve and about 60 frames of each camera (a raw frame and
        // its rows take 19.5 KB, a JPEG one about 2 KB).
        let limit = WriteLimit(bytes: 300_000 + 2 * 60 * (storage == .raw ? 19_500 : 2_000))
        let s = try session(root, frames: 200, limit: limit, storage: storage)
        s.setRecording(true, at: 0)
        s.start()
        while !s.allCamerasEnded { usleep(10_000) }
        #expect(s.status.recorder?.failure?.contains("recording stopped: disk full") == true)
        #expect(!s.isRecording) // recording switched itself off...
        for view in CameraView.allCases {
            #expect(s.snapshot(view)?.processed.streamIndex == 199) // ...and the live view went on
        }
        let status = s.stop()
        let written = status.framesWritten.values.reduce(0, +)
        #expect(written > 60 && written < 400, "frames written: \(written)") // of 400 offered
        #expect(status.droppedByRecorder.values.reduce(0, +) == 0)

        let r = try RecordedSession(directory: root)
        #expect(r.manifest.status == .complete)
        #expect(r.manifest.interruption?.reason == "disk full")
        #expect(r.manifest.interruption?.detail.contains("No space left on device") == true)
        for view in CameraView.allCases {
            let v = try #require(r.stages.first?.views[view])
            #expect(v.frameCount > 20 && v.frameCount < 200)
            #expect(r.manifest.stages[0].views[view.rawValue]?.frames == v.frameCount)
            for n in [0, v.frameCount - 1] { _ = try v.image(at: n) }
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/" + SessionLayout.reserveName))
    }

    @Test func tooLittleFreeSpaceIsRefusedBeforeAnythingIsCreated() throws {
        let dir = TestDirectory()
        let root = dir.file("nospace")
        #expect {
            _ = try session(root, frames: 1, limit: nil, minimumFreeMinutes: 1e9)
        } throws: { error in
            let text = "\(error)"
            return error is FreeSpace.Shortage && text.hasPrefix(root + ": not enough free disk space to record: ")
                && text.contains(" needed for ")
        }
        #expect(!FileManager.default.fileExists(atPath: root))
    }

    /// Raw: the estimate is the recording's size within 2 %; JPEG: an upper bound.
    @Test(arguments: [VideoStorage.raw, .default])
    func expectedBytesPerMinuteMatchesARecording(storage: VideoStorage) throws {
        let dir = TestDirectory()
        let root = dir.file("rate")
        let s = try session(root, frames: 120, limit: nil, storage: storage)
        s.setRecording(true, at: 0)
        s.start()
        while !s.allCamerasEnded { usleep(10_000) }
        _ = s.stop()
        for view in CameraView.allCases {
            let files = [storage == .raw ? "y4m" : "mkv", "frames.csv", "markers.csv", "angles.csv"]
                .map { root + "/flat/\(view.rawValue).\($0)" }
            let bytes = try files.reduce(0) { $0 + (try FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int ?? 0) }
            let perMinute = Double(bytes) * 60 // 120 frames at 120 fps = 1 s
            let expected = Double(try #require(s.expectedBytesPerMinute[view]))
            if storage == .raw {
                #expect(expected >= perMinute && expected < perMinute * 1.02, "\(view): \(expected) vs \(perMinute)")
            } else {
                #expect(expected >= perMinute && expected < perMinute * 4, "\(view): \(expected) vs \(perMinute)")
            }
        }
    }
}
