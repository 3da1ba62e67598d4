import Foundation
import Glibc
import MarkerTracker
import Testing
import SessionStore

/// `gaitlive compact DIR` on a raw (format 1) session the demo recorded: the round trip, the
/// refusals, and `kill -9` at each of its steps (stopped there by the GAITLIVE_TEST_PAUSE_AT seam,
/// so the kill lands on a known state, never after a guessed time): the session opens every time
/// with every frame, and the next `compact` finishes the job.
@Suite(.serialized) struct CompactTests {
    static let original: String? = {
        let dir = Binary.processTemporaryDirectory("compact-original")
        let r = try? Binary.gaitlive("demo", "--headless", "--duration", "0.5", "--size", "320x240", "--out", dir,
                                     "--video", "raw")
        return r?.status == 0 ? dir : nil
    }()

    func copy() throws -> String {
        let source = try #require(CompactTests.original, "the demo could not record a session")
        let dir = Binary.temporaryDirectory("compact")
        try FileManager.default.copyItem(atPath: source, toPath: dir)
        return dir
    }

    /// Frame counts and timestamps of every view, to compare before and after.
    func frames(_ dir: String) throws -> [String: [UInt64]] {
        let s = try RecordedSession(directory: dir)
        var out: [String: [UInt64]] = [:]
        for stage in s.stages {
            for (view, v) in stage.views {
                out["\(stage.info.directory)/\(view.rawValue)"] = Array(v.timestamps)
                _ = try v.image(at: 0)
                _ = try v.image(at: v.frameCount - 1)
            }
        }
        return out
    }

    func files(_ dir: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: dir).sorted()
    }

    @Test func roundTrip() throws {
        let dir = try copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try frames(dir)
        let r = try Binary.gaitlive("compact", dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("flat/side.y4m -> flat/side.mkv: 60 frames"), "\(r.stdout)")
        #expect(try frames(dir) == before)
        let names = try files(dir)
        #expect(!names.contains { $0.hasSuffix(".y4m") || $0.hasSuffix(".compacting") }, "\(names)")
        #expect(try ManifestStore.read(from: dir).schemaVersion == 2)
        // Players read the new videos: every frame decodes.
        if let ffmpeg = Binary.which("ffmpeg"), let ffprobe = Binary.which("ffprobe") {
            for name in ["flat/side.mkv", "flat/rear.mkv", "incline/side.mkv", "incline/rear.mkv"] {
                let decode = try Binary.run(ffmpeg, ["-v", "error", "-i", dir + "/" + name, "-f", "null", "-"])
                #expect(decode.status == 0 && decode.stderr.isEmpty, "\(name): \(decode.stderr)")
                let probe = try Binary.run(ffprobe, ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                                                     "stream=codec_name,nb_read_frames", "-of", "csv=p=0", dir + "/" + name])
                #expect(probe.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "mjpeg,60", "\(name)")
            }
        }
        // Exports read it: the annotated video as before.
        let out = dir + "-export"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let e = try Binary.gaitlive("export", dir, "--to", "video", "--no-mp4", "--out", out)
        #expect(e.status == 0, "\(e.stderr)")
        #expect(try Y4MReader(path: out + "/flat_side.y4m").frameCount == 60)
        // A second compact has nothing to do, and says so.
        let again = try Binary.gaitlive("compact", dir)
        #expect(again.status == 2)
        #expect(again.stderr == "gaitlive: \(dir): already compact (session format 2, every video is MJPEG in Matroska)\n")
    }

    @Test(arguments: ["written", "verified", "swapped", "manifest", "removed"])
    func killedAtAnyStepLeavesASessionThatOpens(step: String) throws {
        let dir = try copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try frames(dir)
        let paused = dir + "-paused"
        defer { unlink(paused) }
        let env = try #require(Binary.which("env"))
        let pid = try Binary.spawn(env, ["GAITLIVE_TEST_PAUSE_AT=\(step)", "GAITLIVE_TEST_PAUSE_FILE=\(paused)",
                                         Binary.path, "compact", dir])
        var status: Int32 = 0
        var ended = false
        while !FileManager.default.fileExists(atPath: paused) {
            if waitpid(pid, &status, WNOHANG) == pid { ended = true; break }
            usleep(10_000)
        }
        #expect(!ended, "compact ended before reaching '\(step)' (status \(status))")
        if !ended {
            #expect(kill(pid, SIGKILL) == 0)
            waitpid(pid, &status, 0)
        }
        // Killed there: the session opens with every frame, in whichever format it is.
        #expect(try frames(dir) == before, "after a kill at '\(step)'")
        // The next compact finishes (or tidies up what the killed one left).
        let r = try Binary.gaitlive("compact", dir)
        #expect(r.status == 0, "after '\(step)': \(r.stderr)")
        #expect(try frames(dir) == before)
        let names = try files(dir)
        #expect(!names.contains { $0.hasSuffix(".y4m") || $0.hasSuffix(".compacting") }, "after '\(step)': \(names)")
        #expect(try ManifestStore.read(from: dir).schemaVersion == 2)
    }

    @Test func whatCannotBeCompactedIsRefusedInOneLine() throws {
        let dir = try copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try self.files(dir)
        // Being recorded: someone holds the session's lock.
        do {
            let lock = try #require(try SessionLock.acquire(dir))
            defer { lock.release() }
            let r = try Binary.gaitlive("compact", dir)
            #expect(r.status == 2)
            #expect(r.stderr == "gaitlive: \(dir): being recorded; compact it once the recording has stopped\n", "\(r.stderr)")
        }
        // Damaged: its files did not read back when it was closed.
        var m = try ManifestStore.read(from: dir)
        m.status = .damaged
        m.problems = ["flat/side.y4m: 59 whole frames, 60 were written"]
        try ManifestStore.write(m, to: dir)
        let d = try Binary.gaitlive("compact", dir)
        #expect(d.status == 2)
        #expect(d.stderr == "gaitlive: \(dir): damaged (flat/side.y4m: 59 whole frames, 60 were written); "
                + "it is kept as it is, not compacted\n", "\(d.stderr)")
        #expect(try self.files(dir) == files)
        // Not a session at all.
        let n = try Binary.gaitlive("compact", dir + "/flat")
        #expect(n.status == 2)
        #expect(n.stderr == "gaitlive: \(dir)/flat: not a gaitlive session (no session.json)\n", "\(n.stderr)")
        let q = try Binary.gaitlive("compact", dir, "--jpeg-quality", "0")
        #expect(q.status != 0 && q.stderr.contains("--jpeg-quality must be 1 to 100"))
    }
}
