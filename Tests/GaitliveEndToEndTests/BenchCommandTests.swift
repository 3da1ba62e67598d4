import Foundation
import Testing

/// `gaitlive bench track` and `gaitlive bench accuracy` end to end: the output contract scripts
/// rely on (the two closing lines), and bad input.
@Suite(.serialized) struct BenchCommandTests {
    @Test func benchTrackEndsWithTheTwoMedians() throws {
        let dir = Binary.temporaryDirectory("bench")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let demo = try Binary.gaitlive("demo", "--headless", "--no-incline-stage", "--duration", "0.3", "--size", "320x240",
                                       "--out", dir)
        #expect(demo.status == 0, "stderr: \(demo.stderr)")
        for view in ["side", "rear"] {
            let r = try Binary.gaitlive("bench", "track", dir + "/flat/\(view).mkv", "--view", view)
            #expect(r.status == 0, "stderr: \(r.stderr)")
            let lines = r.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count >= 2)
            let last = lines.suffix(2).map { $0.split(separator: " ") }
            #expect(last.first?.first == "full_frame_us_per_frame")
            #expect(last.last?.first == "tracking_us_per_frame")
            for l in last {
                let value = try #require(l.count == 2 ? Double(l[1]) : nil, "\(l)")
                #expect(value > 0)
            }
            #expect(r.stdout.contains("36 frames 320x240"))
        }
    }

    @Test func benchTrackRejectsBadFiles() throws {
        let missing = Binary.temporaryDirectory("nothing") + ".y4m"
        let r = try Binary.gaitlive("bench", "track", missing)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("gaitlive: \(missing): "))
        #expect(r.stderr.split(separator: "\n").count == 1)

        let text = Binary.temporaryDirectory("text") + ".y4m"
        #expect(FileManager.default.createFile(atPath: text, contents: Data("hello\n".utf8)))
        defer { try? FileManager.default.removeItem(atPath: text) }
        let t = try Binary.gaitlive("bench", "track", text, "--view", "rear")
        #expect(t.status == 2)
        #expect(t.stderr == "gaitlive: \(text): not a YUV4MPEG2 file (no YUV4MPEG2 signature)\n")

        let v = try Binary.gaitlive("bench", "track", text, "--view", "top")
        #expect(v.status == 2)
        #expect(v.stderr.contains("top"))

        let f = try Binary.gaitlive("demo", "--headless", "--fault", "earthquake")
        #expect(f.status == 2)
        #expect(f.stderr.hasPrefix("gaitlive: "))
        #expect(f.stderr.contains("earthquake"))
        #expect(f.stderr.split(separator: "\n").count == 1)
    }

    @Test func benchAccuracyReportsNoWrongLabels() throws {
        let r = try Binary.gaitlive("bench", "accuracy", "--seeds", "2", "--seconds", "0.4", "--size", "320x240",
                                    "--fault", "stray-lights")
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.hasSuffix("wrong_labels 0\n"), "\(r.stdout)")
        #expect(r.stdout.contains("view side: "))
        #expect(r.stdout.contains("view rear: "))
    }
}
