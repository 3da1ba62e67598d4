import Foundation
import Glibc
import MarkerTracker
import Testing
import SessionStore

/// A real full disk: a 16 MB tmpfs mounted for the test (needs root and permission to mount, as
/// on the CI machine; skipped with the reason elsewhere). The recorder stops with one message,
/// the run goes on to the end, and what was written is a readable session.
@Suite(.serialized) struct DiskFullEndToEndTests {
    /// A small tmpfs at a fresh directory, or nil with the reason it cannot be had here.
    static func mountSmallDisk(megabytes: Int) -> (path: String?, reason: String) {
        guard geteuid() == 0 else { return (nil, "not root: cannot mount a small tmpfs") }
        guard let mount = Binary.which("mount") else { return (nil, "no mount command") }
        let path = Binary.temporaryDirectory("smalldisk")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let r = try? Binary.run(mount, ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", path])
        guard r?.status == 0 else {
            rmdir(path)
            return (nil, "cannot mount tmpfs here: \(r?.stderr ?? "")")
        }
        return (path, "")
    }

    static func unmount(_ path: String) {
        if let umount = Binary.which("umount") { _ = try? Binary.run(umount, [path]) }
        rmdir(path)
    }

    static let canMount: Bool = {
        let (p, _) = mountSmallDisk(megabytes: 1)
        if let p { unmount(p) }
        return p != nil
    }()

    /// Raw video (format 1) on 16 MB, and compressed (format 2, about 1/40 of it) on 1 MB.
    @Test(.enabled(if: canMount, "needs root and permission to mount a tmpfs"),
          arguments: [("raw", 16, "1"), ("jpeg", 1, "2")])
    func aFullDiskStopsRecordingCleanly(video: String, megabytes: Int, duration: String) throws {
        let (mounted, reason) = DiskFullEndToEndTests.mountSmallDisk(megabytes: megabytes)
        let disk = try #require(mounted, "\(reason)")
        defer { DiskFullEndToEndTests.unmount(disk) }

        // First the check at start: two stages of two 320x240 cameras need more than the disk holds
        // (raw: ~37 MB for 1 s stages; JPEG: the estimate's upper bound, ~8 MB for 2 s stages).
        let refused = try Binary.gaitlive("demo", "--headless", "--duration", duration, "--size", "320x240", "--out", disk + "/a",
                                          "--video", video)
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("gaitlive: \(disk)/a: not enough free disk space to record: "), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: disk + "/a"))

        // Told to record anyway, the disk fills during the first stage.
        let dir = disk + "/b"
        let r = try Binary.gaitlive("demo", "--headless", "--duration", duration, "--size", "320x240", "--out", dir,
                                    "--min-free-minutes", "0", "--video", video)
        #expect(r.status == 1, "stdout: \(r.stdout)\nstderr: \(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        // Usually during the flat stage; on a loaded machine the recorder may shed frames and reach
        // the incline stage first.
        #expect(r.stderr.hasPrefix("gaitlive: \(dir)/flat/") || r.stderr.hasPrefix("gaitlive: \(dir)/incline/"),
                "\(r.stderr)")
        #expect(r.stderr.contains("recording stopped: disk full; what was recorded before is saved"), "\(r.stderr)")
        #expect(r.stdout.contains("recording stopped early (disk full)"))

        let session = try RecordedSession(directory: dir)
        #expect(session.manifest.status == .complete)
        #expect(session.manifest.interruption?.reason == "disk full")
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + SessionLayout.reserveName))
        let flat = try #require(session.stages.first)
        for view in CameraView.allCases {
            let v = try #require(flat.views[view])
            #expect(v.frameCount > 10, "\(view): \(v.frameCount)")
            #expect(flat.info.views[view.rawValue]?.frames == v.frameCount)
            for n in 0..<v.frameCount { _ = try v.image(at: n) }
            if let ffprobe = Binary.which("ffprobe") {
                let p = try Binary.run(ffprobe, ["-v", "error", "-count_frames", "-select_streams", "v:0",
                                                 "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", v.video.path])
                #expect(Int(p.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == v.video.frameCount)
            }
        }
        let list = try Binary.gaitlive("sessions", "--root", disk)
        #expect(list.stdout.contains("stopped early: disk full"), "\(list.stdout)")
    }
}
