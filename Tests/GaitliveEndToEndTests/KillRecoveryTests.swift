import CaptureKit
import Foundation
import Glibc
import MarkerTracker
import Testing
import SessionStore

/// `kill -9` of the real binary while it records in real time, then the next open: every frame
/// captured more than a second before the kill is on disk and readable, the session is marked
/// recovered, and both the listing and the review say so.
@Suite(.serialized) struct KillRecoveryTests {
    @Test func killDashNineDuringRecordingLosesNothingOlderThanASecond() throws {
        let root = Binary.temporaryDirectory("kill")
        let dir = root + "/Kill-Test/2026-11-24_120000"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/Kill-Test", withIntermediateDirectories: true)
        let pid = try Binary.spawn(Binary.path, ["demo", "--headless", "--realtime", "--duration", "2", "--size", "320x240",
                                                 "--athlete", "Kill Test", "--out", dir])
        // Wait until the second stage is being recorded (two seconds of flat are behind), then
        // let it run a little longer and kill it without warning.
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: dir + "/incline/rear.frames.csv") && Date() < deadline {
            usleep(20_000)
        }
        usleep(600_000)
        let killedAt = MonotonicClock.now()
        #expect(kill(pid, SIGKILL) == 0)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        #expect((status & 0x7f) == SIGKILL, "gaitlive ended before the kill (status \(status))")
        #expect(try ManifestStore.read(from: dir).status == .recording)

        // The library is the first to open it: it recovers and says so.
        let list = try Binary.gaitlive("sessions", "--root", root)
        #expect(list.status == 0, "\(list.stderr)")
        let line = try #require(list.stdout.split(separator: "\n").first { $0.contains(dir) })
        #expect(line.contains("recovered after a crash"), "\(list.stdout)")

        let session = try RecordedSession(directory: dir)
        #expect(session.manifest.status == .recovered)
        #expect(session.manifest.interruption?.reason == "crash")
        #expect(session.manifest.stages.map(\.kind) == ["flat", "incline"])
        let period: UInt64 = 8_333_333
        for view in CameraView.allCases {
            var lastStamp: UInt64 = 0
            for (i, stage) in session.stages.enumerated() {
                let v = try #require(stage.views[view])
                let counts = try #require(stage.info.views[view.rawValue])
                #expect(counts.frames == v.frameCount)
                #expect(counts.droppedByRecorder == 0, "\(view) stage \(i + 1): frames not saved")
                // No frame is missing between the first and the last kept: every sequence number is
                // either recorded or counted as dropped by the camera (never captured).
                let first = try v.indexEntry(at: 0), last = try v.indexEntry(at: v.frameCount - 1)
                #expect(Int(last.sequence - first.sequence) + 1 == v.frameCount + counts.droppedByCamera - first.droppedBefore)
                #expect(v.frameCount > 0, "\(view) stage \(i + 1): no frames")
                // Every kept frame reads back whole.
                for n in [0, v.frameCount / 2, v.frameCount - 1] {
                    #expect(try v.image(at: n).pixels.count == 320 * 240)
                }
                lastStamp = last.timestampNanoseconds
            }
            #expect(lastStamp + 1_000_000_000 + period >= killedAt,
                    "\(view): last frame on disk \(Double(killedAt - lastStamp) / 1e9) s before the kill")
        }

        // The review header says it too.
        let review = try Binary.gaitlive("review", dir, "--render-text", "120x40")
        #expect(review.status == 0, "\(review.stderr)")
        #expect(review.stdout.split(separator: "\n").first?.contains("recovered after a crash") == true)

        // Standard tools read the recovered videos: as many whole frames as gaitlive keeps or more
        // (a table row may be the shorter file).
        if let ffprobe = Binary.which("ffprobe") {
            for stage in session.stages {
                let v = try #require(stage.views[.side])
                let p = try Binary.run(ffprobe, ["-v", "error", "-count_frames", "-select_streams", "v:0",
                                                 "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", v.video.path])
                #expect(Int(p.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == v.video.frameCount, "\(v.video.path)")
            }
        }
    }
}
