import Foundation
import MarkerTracker
import Testing
import SessionStore

/// `gaitlive import`: videos recorded elsewhere become an analysed session. On lossless video
/// (the demo's own Y4M) the analysis is the live one, marker for marker.
@Suite(.serialized) struct ImportTests {
    @Test func importedVideosAreAnalysedLikeLiveCapture() throws {
        let original = Binary.temporaryDirectory("import-src")
        let imported = Binary.temporaryDirectory("import-out")
        defer {
            try? FileManager.default.removeItem(atPath: original)
            try? FileManager.default.removeItem(atPath: imported)
        }
        #expect(try Binary.gaitlive("demo", "--headless", "--duration", "2", "--size", "320x240", "--no-incline-stage",
                                    "--out", original, "--video", "raw").status == 0)
        var side = original + "/flat/side.y4m"
        var lossless = true
        if let ffmpeg = Binary.which("ffmpeg") {
            // Any video ffmpeg reads: the side view goes through H.264 first.
            side = original + "-side.mp4"
            #expect(try Binary.run(ffmpeg, ["-v", "error", "-i", original + "/flat/side.y4m", "-c:v", "libx264",
                                            "-crf", "12", "-pix_fmt", "yuv420p", side]).status == 0)
            lossless = false
        }
        defer { unlink(original + "-side.mp4") }
        let r = try Binary.gaitlive("import", "--side", side, "--rear", original + "/flat/rear.y4m", "--out", imported,
                                    "--athlete", "Imported Runner", "--video", "raw")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("side: 240 frames at 120.00 fps"))
        #expect(r.stdout.contains("rear: 240 frames at 120.00 fps"))

        let a = try RecordedSession(directory: original), b = try RecordedSession(directory: imported)
        #expect(b.manifest.source == "import")
        #expect(b.manifest.status == .complete)
        #expect(b.manifest.athlete.name == "Imported Runner")
        let rearA = try #require(a.stages[0].views[.rear]), rearB = try #require(b.stages[0].views[.rear])
        #expect(rearB.frameCount == 240)
        for n in 0..<240 {
            #expect(try rearB.image(at: n).pixels == rearA.image(at: n).pixels)
            #expect(rearB.markers(at: n) == rearA.markers(at: n), "rear frame \(n)")
            #expect(rearB.angles(at: n) == rearA.angles(at: n), "rear frame \(n)")
        }
        let sideA = try #require(a.stages[0].views[.side]), sideB = try #require(b.stages[0].views[.side])
        #expect(sideB.frameCount == 240)
        var close = 0
        for n in 0..<240 {
            let ma = sideA.markers(at: n), mb = sideB.markers(at: n)
            let pairs = zip(ma, mb).compactMap { x, y -> Double? in
                guard let x, let y else { return nil }
                return max(abs(x.position.x - y.position.x), abs(x.position.y - y.position.y))
            }
            if pairs.count == ma.count && pairs.allSatisfy({ $0 < (lossless ? 1e-9 : 1.0) }) { close += 1 }
        }
        #expect(close > 200, "side frames with every marker within a pixel of the live tracking: \(close)")
        // Lossless rear video: the same gait events as live (warm-up included).
        let rearEvents = { (s: RecordedSession) in s.stages[0].events.filter { $0.view == .rear } }
        #expect(!rearEvents(b).isEmpty)
        #expect(rearEvents(b).map(\.kind) == rearEvents(a).map(\.kind))
        #expect(rearEvents(b).map(\.frame) == rearEvents(a).map(\.frame))
    }

    /// A session's own MJPEG Matroska video imports without a re-encode: the imported session's
    /// pictures are the original's bytes, frame for frame, and analysed the same.
    @Test func matroskaVideoIsImportedAsItIs() throws {
        let original = Binary.temporaryDirectory("import-mkv-src")
        let imported = Binary.temporaryDirectory("import-mkv-out")
        defer {
            try? FileManager.default.removeItem(atPath: original)
            try? FileManager.default.removeItem(atPath: imported)
        }
        #expect(try Binary.gaitlive("demo", "--headless", "--duration", "1", "--size", "320x240", "--no-incline-stage",
                                    "--out", original).status == 0)
        let r = try Binary.gaitlive("import", "--rear", original + "/flat/rear.mkv", "--out", imported)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("rear: 120 frames at 120.00 fps"), "\(r.stdout)")
        let a = try RecordedSession(directory: original), b = try RecordedSession(directory: imported)
        #expect(b.manifest.schemaVersion == 2)
        #expect(b.manifest.camera(.rear)?.videoCodec == "camera-mjpeg")
        let va = try #require(a.stages[0].views[.rear]?.video as? MatroskaVideo)
        let vb = try #require(b.stages[0].views[.rear]?.video as? MatroskaVideo)
        #expect(vb.frameCount == 120)
        for n in 0..<120 { #expect(try vb.jpeg(at: n) == va.jpeg(at: n), "frame \(n)") }
        let ra = try #require(a.stages[0].views[.rear]), rb = try #require(b.stages[0].views[.rear])
        // Live tracking saw the raw frames, the import the decoded JPEGs: within a pixel.
        var close = 0
        for n in 0..<120 {
            let pairs = zip(ra.markers(at: n), rb.markers(at: n)).compactMap { x, y -> Double? in
                guard let x, let y else { return nil }
                return max(abs(x.position.x - y.position.x), abs(x.position.y - y.position.y))
            }
            if !pairs.isEmpty && pairs.allSatisfy({ $0 < 1 }) { close += 1 }
        }
        #expect(close > 90, "rear frames with every marker within a pixel of the live tracking: \(close)")
    }

    @Test func badVideosAreNamed() throws {
        let out = Binary.temporaryDirectory("import-bad")
        let missing = out + "-missing.y4m"
        let r = try Binary.gaitlive("import", "--side", missing, "--out", out)
        #expect(r.status == 2)
        #expect(r.stderr == "gaitlive: \(missing): cannot open: No such file or directory\n")
        #expect(!FileManager.default.fileExists(atPath: out))
        let none = try Binary.gaitlive("import", "--out", out)
        #expect(none.status == 2)
        #expect(none.stderr.contains("give --side, --rear or both"))
    }
}
