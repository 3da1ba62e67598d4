import Foundation
import Testing

/// `gaitlive analyze` on a video the headless demo recorded, and the strides table it records.
@Suite(.serialized) struct AnalyzeCommandTests {
    @Test func printsMarkersAnglesEventsAndStrides() throws {
        let dir = Binary.temporaryDirectory("analyze")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The steady runner: 7.5 s gives both legs the 7 rear strides a mean needs (the varying
        // runner's rear contacts are missed more often: issue #12, docs/simulated-runner.md).
        let demo = try Binary.gaitlive("demo", "--headless", "--duration", "7.5", "--no-incline-stage", "--out", dir,
                                       "--leg-length", "91", "--steady-runner")
        #expect(demo.status == 0, "stderr: \(demo.stderr)")
        #expect(demo.stdout.contains("pelvic drop (deg)"), "\(demo.stdout)")

        // The session's strides table.
        let strides = try String(contentsOfFile: dir + "/flat/strides.csv", encoding: .utf8)
        let rows = strides.split(separator: "\n")
        #expect(rows.first?.hasPrefix("view,side,stride,ic_frame,ic_time_s,ms_frame,to_frame") == true)
        #expect(rows.count > 6)
        #expect(rows.dropFirst().contains { $0.hasPrefix("rear,left,") } && rows.dropFirst().contains { $0.hasPrefix("side,right,") })

        // CSV: five tables separated by empty lines.
        // The session's own video (MJPEG in Matroska) is read as it is.
        let csv = try Binary.gaitlive("analyze", dir + "/flat/side.mkv", "--view", "side", "--leg-length", "91")
        #expect(csv.status == 0, "stderr: \(csv.stderr)")
        let tables = csv.stdout.components(separatedBy: "\n\n")
        #expect(tables.count == 5)
        #expect(tables[0].hasPrefix("frame,time_s,status,SHO_x,SHO_y,SHO_conf,SHO_src,GT_x"))
        #expect(tables[0].split(separator: "\n").count == 901)
        #expect(tables[1].hasPrefix("event,side,frame,time_s\n"))
        #expect(tables[1].contains("\nIC,right,") && tables[1].contains("\nTO,right,"))
        #expect(tables[2].hasPrefix("view,stance_side,stride,"))
        #expect(tables[2].split(separator: "\n")[0].contains("pelvic_drop_peak_swing_side"))
        #expect(tables[3].hasPrefix("metric,unit,side,count,mean,sd,moving_side\ncadence_spm,steps/min,right,"))
        #expect(tables[4].hasPrefix("left_out,side,contact_frame,next_contact_frame,next_contact_time_s,why\n"))

        // JSON, the view taken from the file's tag.
        let json = try Binary.gaitlive("analyze", dir + "/flat/rear.mkv", "--format", "json")
        #expect(json.status == 0, "stderr: \(json.stderr)")
        let doc = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(doc["view"] as? String == "rear")
        #expect(doc["framesPerSecond"] as? Double == 120)
        let frames = try #require(doc["frames"] as? [[String: Any]])
        #expect(frames.count == 900)
        let markers = try #require(frames[200]["markers"] as? [Any])
        #expect(markers.count == 8)
        #expect((doc["events"] as? [Any])?.isEmpty == false)
        #expect(doc["leftOut"] is [Any])
    }

    @Test func badVideosGetOneLine() throws {
        let dir = Binary.temporaryDirectory("analyze-bad")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = dir + "/notes.y4m"
        #expect(FileManager.default.createFile(atPath: text, contents: Data("hello\n".utf8)))
        let untagged = dir + "/untagged.y4m"
        #expect(FileManager.default.createFile(atPath: untagged, contents: Data("YUV4MPEG2 W64 H48 F30:1 Cmono\n".utf8 + [UInt8]("FRAME\n".utf8) + [UInt8](repeating: 9, count: 64 * 48))))
        for (args, needle) in [(["analyze", dir + "/missing.y4m", "--view", "side"], dir + "/missing.y4m: "),
                               (["analyze", text, "--view", "rear"], text + ": not a YUV4MPEG2 file"),
                               (["analyze", untagged], untagged + ": which camera filmed it?"),
                               (["analyze", untagged, "--view", "top"], "top")] {
            let r = try Binary.run(Binary.path, args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.hasPrefix("gaitlive: ") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(r.stderr.contains(needle), "\(r.stderr)")
        }
    }
}
