import Foundation
import MarkerTracker
import Testing
@testable import CaptureKit
@testable import SessionStore
@testable import RunnerSimulation
@testable import LivePipeline

@Suite struct LiveSessionTests {
    /// Two unpaced simulated cameras, 2 stages of 0.5 s, recorded from the start.
    @Test func recordsBothStagesLosslessly() throws {
        let dir = TestDirectory()
        let root = dir.file("s")
        let origin: UInt64 = 1_000_000_000
        let runner = SimulatedRunner(seed: 3, clockOrigin: origin)
        let fps = 120.0, perStage = 60
        let cameras = CameraView.allCases.map { view in
            LiveSession.Camera(
                view: view,
                source: Transfer(SimulatedCamera(runner: runner, view: view, width: 320, height: 240,
                                                 framesPerSecond: fps, pacing: .unpaced, frameLimit: 2 * perStage)),
                description: .init(view: view, device: "simulated", width: 320, height: 240, pixelFormat: "GREY",
                                   nominalFps: fps),
                recordingFormat: Y4MHeader(width: 320, height: 240, framesPerSecond: fps, colour: .mono))
        }
        let session = try LiveSession(
            cameras: cameras,
            options: .init(athlete: .init(name: "T"), directory: root, source: "simulated", lossless: true,
                           queueFramesPerCamera: 8, clockOrigin: origin, software: "test"),
            onStageChange: { st in
                runner.switchProfile(at: runner.simulationTime(ofTimestamp: st.startNanoseconds), to: .incline)
            })
        session.setRecording(true, at: origin)
        session.nextStage(at: origin + UInt64(Double(perStage) / fps * 1e9))
        session.start()
        while !session.allCamerasEnded { usleep(10_000) }
        let status = session.stop()
        #expect(status.failure == nil)
        #expect(status.framesWritten[.side] == 2 * perStage)
        #expect(status.framesWritten[.rear] == 2 * perStage)
        #expect(status.droppedByRecorder.values.reduce(0, +) == 0)

        let s = try RecordedSession(directory: root)
        #expect(s.manifest.stages.map(\.kind) == ["flat", "incline"])
        #expect(s.manifest.stages[1].inclinePercent == 5)
        for stage in s.stages {
            for view in CameraView.allCases {
                let v = try #require(stage.views[view])
                #expect(v.frameCount == perStage)
                #expect(v.markers.count == perStage)
                #expect(v.angles.count == perStage)
            }
        }
        // The rear frame shown beside side frame n is the one nearest in time (3.1 ms later).
        let flat = s.stages[0]
        let side = try #require(flat.views[.side]), rear = try #require(flat.views[.rear])
        #expect(rear.nearestFrame(toTimestamp: side.timestamps[10]) == 10)
    }

    @Test func nothingRecordedLeavesNoDirectory() throws {
        let dir = TestDirectory()
        let root = dir.file("empty")
        let runner = SimulatedRunner(seed: 3, clockOrigin: 0)
        let cam = SimulatedCamera(runner: runner, view: .side, width: 160, height: 120, pacing: .unpaced, frameLimit: 10)
        let session = try LiveSession(
            cameras: [.init(view: .side, source: Transfer(cam),
                            description: .init(view: .side, device: "simulated", width: 160, height: 120,
                                               pixelFormat: "GREY", nominalFps: 120),
                            recordingFormat: Y4MHeader(width: 160, height: 120, framesPerSecond: 120, colour: .mono))],
            options: .init(athlete: .init(name: "T"), directory: root, source: "simulated", lossless: true,
                           clockOrigin: 0, software: "test"))
        session.start()
        while !session.allCamerasEnded { usleep(10_000) }
        _ = session.stop()
        #expect(!FileManager.default.fileExists(atPath: root))
    }
}
