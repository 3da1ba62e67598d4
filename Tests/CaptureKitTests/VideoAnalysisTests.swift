import Foundation
import MarkerTracker
import Testing
@testable import SessionStore
@testable import RunnerSimulation
@testable import OfflineAnalysis
import CaptureKit

/// The offline analysis of a video file: any Y4M (here 4:2:0 colour at 60 fps, the runner
/// filmed from the left), the frame rate from the header, the leg from the running direction.
@Suite struct VideoAnalysisTests {
    @Test func analysesAColourVideoAtAnotherFrameRate() throws {
        let dir = TestDirectory()
        let path = dir.file("side.y4m")
        let fps = 60.0
        let runner = SimulatedRunner(seed: 9, sideCameraOn: .left, clockOrigin: 0)
        let cam = SimulatedCamera(runner: runner, view: .side, width: 480, height: 360, framesPerSecond: fps, pacing: .unpaced)
        let writer = try Y4MWriter(creating: path, header: Y4MHeader(width: 480, height: 360, framesPerSecond: fps, colour: .c420jpeg))
        var truth: [GaitEvent] = []
        for n in 0..<300 {
            let f = cam.render(index: UInt64(n), time: Double(n) / fps)
            try writer.append(f)
            truth += (f.truth?.events ?? []).map { e in var x = e; x.frame = n; return x }
        }
        try writer.close()

        let reader = try Y4MReader(path: path)
        #expect(reader.header.colour == .c420jpeg)
        let a = try VideoAnalysis.analyse(reader, options: .init(view: .side, legLengthCm: 91))
        #expect(a.framesPerSecond == 60)
        #expect(a.frames.count == 300)
        #expect(a.markerSide == .left)
        #expect(a.events.allSatisfy { $0.side == .left } && a.strides.allSatisfy { $0.side == .left })
        #expect(abs(a.frames[150].time - 2.5) < 1e-9)
        let score = EventScore(detected: a.events, truth: truth, frames: 90..<270)
        print("analysis of a 60 fps 4:2:0 video: \(score)")
        #expect(score.fraction([.initialContact, .toeOff]) >= 0.9, "\(score)")
        #expect(a.strides.count >= 3)
        // Zero-lag filtered angles beside the raw ones, on the same frames.
        let k = a.frames.filter { $0.rawAngles[.kneeFlexion] != nil }
        #expect(k.count > 250 && k.allSatisfy { $0.angles[.kneeFlexion] != nil })
        #expect(a.summary.stats(.cadence, .left).count == a.strides.count)
    }

    @Test func aDamagedVideoIsNamed() throws {
        let dir = TestDirectory()
        dir.write("bad.y4m", "YUV4MPEG2 W64 H48 F30:1 Cmono\nFRAMX\n")
        #expect(throws: Y4MReader.FormatError.self) { try Y4MReader(path: dir.file("bad.y4m")) }
    }
}
