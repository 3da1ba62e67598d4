import CaptureKit
import Foundation
import Glibc
import MarkerTracker
import Testing
import SessionStore

/// Large frames through the real binary, as a clinic with 720p cameras and phone videos meets them:
/// record, list, analyse, report, export, import (Y4M and through ffmpeg), and the sessions an older
/// version wrote out of order (`data/legacy/`).
@Suite(.serialized) struct LargeFrameEndToEndTests {
    static let ffprobe = Binary.which("ffprobe")
    static let ffmpeg = Binary.which("ffmpeg")

    /// Frames ffprobe decodes in `path`, or nil without ffprobe.
    static func decodedFrames(_ path: String) throws -> Int? {
        guard let ffprobe else { return nil }
        let r = try Binary.run(ffprobe, ["-v", "error", "-count_frames", "-select_streams", "v:0",
                                         "-show_entries", "stream=nb_read_frames,width,height", "-of", "csv=p=0", path])
        #expect(r.status == 0, "\(r.stderr)")
        return Int(r.stdout.split(separator: ",").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
    }

    /// Demo sessions at 720p (compressed, format 2) and 1080p (raw, format 1): written, listed
    /// complete, read by ffmpeg frame for frame, and opened by every command that reads a session.
    @Test(arguments: [("1280x720", "mkv"), ("1920x1080", "y4m")])
    func largeDemoSessionsWorkEverywhere(size: String, container: String) throws {
        let root = Binary.temporaryDirectory("large-\(size)")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/Demo/session"
        let demo = try Binary.gaitlive("demo", "--headless", "--duration", "0.5", "--no-incline-stage", "--size", size,
                                       "--out", dir, "--video", container == "mkv" ? "jpeg" : "raw")
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("side 60 frames") || demo.stdout.contains("side  60 frames"), "\(demo.stdout)")
        let m = try ManifestStore.read(from: dir)
        #expect(m.status == .complete && m.problems == nil)
        let sessions = try Binary.gaitlive("sessions", "--root", root)
        #expect(sessions.stdout.contains("complete"), "\(sessions.stdout)")
        for view in ["side", "rear"] {
            let frames = m.stages[0].views[view]?.frames
            #expect(frames == 60)
            if let decoded = try Self.decodedFrames(dir + "/flat/\(view).\(container)") { #expect(decoded == frames) }
        }
        let analyze = try Binary.gaitlive("analyze", dir + "/flat/side.\(container)")
        #expect(analyze.status == 0, "\(analyze.stderr)")
        let report = try Binary.gaitlive("report", dir, "--out", root + "/report.md")
        #expect(report.status == 0, "\(report.stderr)")
        for kind in size == "1280x720" ? ["csv", "trc", "video"] : ["csv", "trc"] {
            let export = try Binary.gaitlive("export", dir, "--to", kind, "--out", root + "/export-\(kind)")
            #expect(export.status == 0, "\(export.stderr)")
        }
        let imported = try Binary.gaitlive("import", "--side", dir + "/flat/side.\(container)", "--out", root + "/Imported/one")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("side: 60 frames"), "\(imported.stdout)")
    }

    /// A portrait phone video (720x1280, the case that failed) imports through ffmpeg.
    @Test(.enabled(if: ffmpeg != nil, "needs ffmpeg"))
    func aPortraitPhoneVideoImports() throws {
        let root = Binary.temporaryDirectory("portrait")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let mp4 = root + "/phone.mp4"
        let made = try Binary.run(Self.ffmpeg!, ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=720x1280:rate=30",
                                                 "-frames:v", "15", "-pix_fmt", "yuv420p", mp4])
        #expect(made.status == 0, "\(made.stderr)")
        let r = try Binary.gaitlive("import", "--side", mp4, "--out", root + "/s")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("side: 15 frames at 30.00 fps"), "\(r.stdout)")
        #expect(try Self.decodedFrames(root + "/s/flat/side.mkv") == 15)
    }

    /// An import that fails part way (a disk that fills) leaves nothing behind to be listed.
    @Test(.enabled(if: DiskFullEndToEndTests.canMount, "needs root and permission to mount a tmpfs"))
    func aFailedImportLeavesNothing() throws {
        let (mounted, reason) = DiskFullEndToEndTests.mountSmallDisk(megabytes: 8)
        let disk = try #require(mounted, "\(reason)")
        defer { DiskFullEndToEndTests.unmount(disk) }
        let source = Binary.temporaryDirectory("import-src")
        defer { try? FileManager.default.removeItem(atPath: source) }
        // 12 raw frames of 1280x720 (11 MB) cannot fit in 8 MB.
        #expect(try Binary.gaitlive("demo", "--headless", "--duration", "0.1", "--no-incline-stage", "--size", "1280x720",
                                    "--out", source, "--video", "raw").status == 0)
        let r = try Binary.gaitlive("import", "--side", source + "/flat/side.y4m", "--out", disk + "/Ana/one",
                                    "--video", "raw")
        #expect(r.status != 0)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains(disk + "/Ana/one"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: disk + "/Ana/one"))
        let list = try Binary.gaitlive("sessions", "--root", disk)
        #expect(!list.stdout.contains("/Ana/one"), "\(list.stdout)")
    }

    static let legacy = Binary.packageRoot + "/data/legacy/"

    /// Sessions the faulty version wrote: listed as out of order, refused by review with what to
    /// do, repaired by `gaitlive repair`, then read by everything.
    @Test func sessionsWrittenOutOfOrderAreNamedAndRepaired() throws {
        let root = Binary.temporaryDirectory("legacy")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/Imported/old"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let tar = try Binary.run("/bin/tar", ["xzf", Self.legacy + "large-frame-1024x512-mono.tar.gz", "-C", dir])
        #expect(tar.status == 0)
        let before = try Binary.gaitlive("sessions", "--root", root)
        #expect(before.stdout.contains("frames out of order: run gaitlive repair"), "\(before.stdout)")
        let review = try Binary.gaitlive("review", dir)
        #expect(review.status == 2)
        #expect(review.stderr == "gaitlive: \(dir)/flat/side.y4m: \(RecordedSession.misorderedAdvice(dir))\n", "\(review.stderr)")
        let repair = try Binary.gaitlive("repair", dir)
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.contains("flat/side.y4m: 5 frames put back in order"), "\(repair.stdout)")
        let after = try Binary.gaitlive("sessions", "--root", root)
        #expect(after.stdout.contains("complete") && !after.stdout.contains("out of order"), "\(after.stdout)")
        #expect(try Binary.gaitlive("analyze", dir + "/flat/side.y4m").status == 0)
        if let decoded = try Self.decodedFrames(dir + "/flat/side.y4m") { #expect(decoded == 5) }
        let again = try Binary.gaitlive("repair", dir)
        #expect(again.status == 0 && again.stdout.contains("nothing to repair"), "\(again.stdout)")
    }

    /// A session whose files did not read back when the recorder closed them is listed `damaged`.
    @Test func aDamagedSessionIsListedAsSuch() throws {
        let root = Binary.temporaryDirectory("damaged")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/Test/one"
        let header = Y4MHeader(width: 64, height: 48, framesPerSecond: 120, colour: .mono)
        let manifest = SessionManifest(software: "test", created: "2026-12-03T00:00:00Z", athlete: .init(name: "Test"),
                                       source: "simulated", clockOriginNs: 0,
                                       cameras: [.init(view: .side, device: "sim", width: 64, height: 48,
                                                       pixelFormat: "GREY", nominalFps: 120)])
        let writer = try SessionWriter(directory: dir, manifest: manifest, formats: [.side: header])
        let stage = SessionTimeline.Stage(kind: .flat, inclinePercent: 0, ordinal: 1, startNanoseconds: 0)
        for n in 0..<3 {
            let frame = Frame(view: .side, sequence: UInt32(n), timestampNanoseconds: UInt64(n) * 8_333_333,
                              luma: LumaImage(width: 64, height: 48, fill: 20))
            let tracked = TrackedFrame(markers: MarkerFrame(repeating: nil, count: MarkerSet.side.count), blobCount: 0,
                                       status: .searching, forward: 1, fullScan: true)
            try writer.append(ProcessedFrame(frame: frame, streamIndex: n, tracked: tracked, angles: AngleSet(), events: []),
                              stageIndex: 0, stage: stage, droppedByRecorderBefore: 0)
        }
        unlink(dir + "/flat/side.angles.csv")
        try writer.finish()
        let list = try Binary.gaitlive("sessions", "--root", root)
        #expect(list.stdout.contains("damaged: flat/side.angles.csv: cannot open"), "\(list.stdout)")
    }
}
