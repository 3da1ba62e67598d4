import Foundation
import MarkerTracker
import Testing
import SessionStore

/// The headless demo end to end: run the real binary, then check what is on disk against what it
/// reported, reopen the session, and decode the videos with ffmpeg.
@Suite(.serialized) struct HeadlessDemoTests {
    @Test func headlessDemoSessionMatchesWhatItReported() throws {
        let dir = Binary.temporaryDirectory("headless")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Binary.gaitlive("demo", "--headless", "--duration", "1.5", "--out", dir, "--seed", "4")
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("session saved: \(dir)"))
        #expect(r.stdout.contains("stage 1 flat"))
        #expect(r.stdout.contains("stage 2 incline (5%)"))
        #expect(r.stdout.contains("cadence "))
        // 1.5 s at 120 fps per stage, both cameras, nothing dropped.
        let frameLines = r.stdout.split(separator: "\n").filter { $0.contains(" frames, ") }
        #expect(frameLines.count == 4)
        for l in frameLines {
            #expect(l.contains("180 frames, 0 dropped by camera, 0 not saved, 120.0 fps"), "\(l)")
        }

        let session = try RecordedSession(directory: dir)
        #expect(session.manifest.status == .complete)
        #expect(session.manifest.stages.count == 2)
        for stage in session.stages {
            for view in CameraView.allCases {
                let v = try #require(stage.views[view])
                #expect(v.video.frameCount == 180)
                #expect(v.timestamps.count == 180)
                #expect(v.markers.count == 180)
                #expect(v.angles.count == 180)
                #expect(stage.info.views[view.rawValue]?.frames == 180)
                // The tables hold tracked markers: most side frames fully tracked.
                if view == .side {
                    let tracked = v.statuses.filter { $0 == .tracking }.count
                    #expect(tracked > 150, "side frames tracked: \(tracked)")
                }
                #expect(v.video.width == 640 && v.video.height == 480)
                #expect(v.video.framesPerSecond == 120)
            }
            #expect(!stage.events.isEmpty)
        }
        // Permissions: health data.
        let attrs = try FileManager.default.attributesOfItem(atPath: dir)
        #expect((attrs[.posixPermissions] as? Int) == 0o700)
        let video = try FileManager.default.attributesOfItem(atPath: dir + "/flat/side.mkv")
        #expect((video[.posixPermissions] as? Int) == 0o600)
    }

    /// A real runner's recording filmed by the virtual cameras: the summary and the manifest say
    /// so, and it is tracked and timed like the simulated runner.
    @Test func replayedMotionSaysWhatItFilmed() throws {
        let dir = Binary.temporaryDirectory("replay")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let motion = Binary.packageRoot + "/data/realdata/RBDS032runT35markers.txt"
        let r = try Binary.gaitlive("demo", "--headless", "--duration", "4", "--no-incline-stage", "--motion", motion,
                                    "--leg-length", "92", "--out", dir)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("gaitlive demo (headless): recorded motion \(motion), seed 1"), "\(r.stdout)")
        #expect(!r.stdout.contains("simulated runner"))
        let session = try RecordedSession(directory: dir)
        #expect(session.manifest.source == "replay")
        #expect(session.manifest.simulation?.findings == ClinicalFindings.none)
        let stage = try #require(session.stages.first)
        #expect(stage.events.contains { $0.view == .side && $0.kind == .initialContact })
        #expect(stage.events.contains { $0.view == .rear && $0.kind == .toeOff })
        // Recorded in format 2: both videos MJPEG in Matroska, any frame reached, exported.
        #expect(session.manifest.schemaVersion == 2)
        for view in CameraView.allCases {
            let v = try #require(stage.views[view])
            #expect(v.video is MatroskaVideo && v.frameCount == 480)
            for n in [479, 0, 240] { #expect(try v.image(at: n).width == 640) }
            #expect(v.nearestFrame(toTimestamp: try v.indexEntry(at: 300).timestampNanoseconds) == 300)
        }
        let out = dir + "-csv"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let e = try Binary.gaitlive("export", dir, "--to", "csv", "--out", out)
        #expect(e.status == 0, "\(e.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/flat_side_frames.csv"))
    }

    /// Session video v2 (MJPEG in Matroska, the default) and v1 (`--video raw`, Y4M): ffprobe
    /// sees the size, rate and every frame, ffmpeg decodes each without a word.
    @Test(arguments: ["mkv", "y4m"])
    func ffmpegDecodesEveryRecordedFrame(container: String) throws {
        let ffmpeg = try #require(Binary.which("ffmpeg"), "ffmpeg is needed (scripts/ensure-deps test installs it)")
        let ffprobe = try #require(Binary.which("ffprobe"))
        let dir = Binary.temporaryDirectory("ffmpeg")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Binary.gaitlive("demo", "--headless", "--duration", "0.5", "--out", dir, "--size", "320x240",
                                    "--video", container == "mkv" ? "jpeg" : "raw")
        #expect(r.status == 0, "stderr: \(r.stderr)")
        for stage in ["flat", "incline"] {
            for view in ["side", "rear"] {
                let file = "\(dir)/\(stage)/\(view).\(container)"
                let decode = try Binary.run(ffmpeg, ["-v", "error", "-i", file, "-f", "null", "-"])
                #expect(decode.status == 0 && decode.stderr.isEmpty, "\(file): \(decode.stderr)")
                let probe = try Binary.run(ffprobe, ["-v", "error", "-count_frames", "-select_streams", "v:0",
                                                     "-show_entries", "stream=nb_read_frames,r_frame_rate,width,height",
                                                     "-of", "csv=p=0", file])
                #expect(probe.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "320,240,120/1,60", "\(file)")
            }
        }
    }

    @Test func reviewPrintsTheScreenAsText() throws {
        let dir = Binary.temporaryDirectory("review")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try Binary.gaitlive("demo", "--headless", "--duration", "0.5", "--out", dir, "--size", "320x240").status == 0)
        let a = try Binary.gaitlive("review", dir, "--render-text", "120x40", "--frame", "10")
        #expect(a.status == 0, "stderr: \(a.stderr)")
        let lines = a.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 40)
        #expect(lines[0].contains("gaitlive REVIEW Demo Runner"))
        #expect(lines[0].contains("frame 10/60"))
        #expect(a.stdout.contains("knee flex"))
        let b = try Binary.gaitlive("review", dir, "--render-text", "120x40", "--frame", "30", "--stage", "2", "--ascii")
        #expect(b.status == 0)
        #expect(b.stdout.split(separator: "\n")[0].contains("stage 2/2 incline 5%"))
        #expect(b.stdout.split(separator: "\n")[0].contains("frame 30/60"))
    }
}
