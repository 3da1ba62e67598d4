import CaptureKit
import Foundation
import MarkerTracker
import Testing
import SessionStore
import OfflineAnalysis

/// `gaitlive export`: the tables as CSV, the markers as TRC, and the video with overlays drawn
/// from the very numbers in the tables.
@Suite(.serialized) struct ExportTests {
    static let session: String? = {
        let dir = Binary.processTemporaryDirectory("export")
        let r = try? Binary.gaitlive("demo", "--headless", "--duration", "0.5", "--size", "320x240", "--out", dir)
        return r?.status == 0 ? dir : nil
    }()

    func export(_ kind: String, _ extra: [String] = []) throws -> (String, String) {
        let dir = try #require(ExportTests.session)
        let out = Binary.temporaryDirectory("export-\(kind)")
        let r = try Binary.run(Binary.path, ["export", dir, "--to", kind, "--out", out] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Exported "))
        return (dir, out)
    }

    @Test func csvHoldsTheSessionTablesAsRecorded() throws {
        let (dir, out) = try export("csv")
        defer { try? FileManager.default.removeItem(atPath: out) }
        for stage in ["flat", "incline"] {
            for file in ["side.frames.csv", "side.markers.csv", "side.angles.csv", "rear.markers.csv", "events.csv"] {
                let exported = out + "/\(stage)_" + (file == "events.csv" ? file
                    : file.replacingOccurrences(of: ".", with: "_", options: [], range: file.range(of: ".")!))
                #expect(FileManager.default.contents(atPath: exported) == FileManager.default.contents(atPath: "\(dir)/\(stage)/\(file)"),
                        "\(exported)")
            }
        }
        #expect(FileManager.default.fileExists(atPath: out + "/session.json"))
        // Exporting again to the same place is refused; nothing is touched.
        let again = try Binary.run(Binary.path, ["export", dir, "--to", "csv", "--out", out])
        #expect(again.status == 2)
        #expect(again.stderr == "gaitlive: \(out): already exists; gaitlive never writes over existing files\n")
    }

    @Test func trcFollowsTheOpenSimLayout() throws {
        let (dir, out) = try export("trc")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let text = try String(contentsOfFile: out + "/flat_side.trc", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(lines[0].prefix(3) == ["PathFileType", "4", "(X/Y/Z)"])
        #expect(lines[1] == ["DataRate", "CameraRate", "NumFrames", "NumMarkers", "Units", "OrigDataRate", "OrigDataStartFrame", "OrigNumFrames"])
        #expect(lines[2] == ["120.000", "120.000", "60", "6", "px", "120.000", "1", "60"])
        #expect(lines[3].prefix(6) == ["Frame#", "Time", "SHO", "", "", "GT"])
        #expect(lines[4].prefix(5) == ["", "", "X1", "Y1", "Z1"])
        #expect(lines[5] == [""])
        #expect(lines.count == 6 + 60 + 1)
        // Row of frame 11: X = image x, Y = height - image y, Z = 0, same numbers as markers.csv.
        let session = try RecordedSession(directory: dir)
        let v = try #require(session.stages[0].views[.side])
        let markers = try v.readMarkers(at: 10).markers
        let row = lines[6 + 10]
        #expect(row[0] == "11")
        for (i, m) in markers.enumerated() {
            guard let m else { #expect(row[2 + 3 * i].isEmpty); continue }
            #expect(abs(Double(row[2 + 3 * i])! - m.position.x) < 1e-9)
            #expect(abs(Double(row[3 + 3 * i])! - (240 - m.position.y)) < 1e-9)
            #expect(row[4 + 3 * i] == "0")
        }
        // No calibration in a demo session: centimetres are refused with the reason.
        let cm = try Binary.run(Binary.path, ["export", dir, "--to", "trc", "--units", "cm", "--out", out + "-cm"])
        #expect(cm.status == 2)
        #expect(cm.stderr.contains("no centimetres-per-pixel calibration"))
        #expect(!FileManager.default.fileExists(atPath: out + "-cm"))
    }

    @Test func videoOverlaysComeFromTheTableNumbers() throws {
        let (dir, out) = try export("video")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let session = try RecordedSession(directory: dir)
        for (s, stage) in session.stages.enumerated() {
            for view in CameraView.allCases {
                let v = try #require(stage.views[view])
                let video = try Y4MReader(path: out + "/\(stage.info.directory)_\(view.rawValue).y4m")
                #expect(video.frameCount == v.frameCount)
                #expect(video.header.colour == .c420jpeg)
                var checked = 0
                for n in stride(from: 0, to: v.frameCount, by: 7) {
                    let f = try video.frame(at: n, view: view, sequence: 0, timestampNanoseconds: 0)
                    for m in try v.readMarkers(at: n).markers {
                        guard let m else { continue }
                        let colour: PixelCanvas.Colour = m.source == .detected ? .detected : (m.source == .predicted ? .predicted : .manual)
                        let x = Int(m.position.x.rounded()), y = Int(m.position.y.rounded())
                        #expect(f.luma.pixels[y * 320 + x] == colour.y, "stage \(s + 1) \(view) frame \(n) at \(x),\(y)")
                        #expect(f.chroma?.cb[(y / 2) * 160 + x / 2] == colour.cb)
                        #expect(f.chroma?.cr[(y / 2) * 160 + x / 2] == colour.cr)
                        checked += 1
                    }
                }
                if view == .side { #expect(checked > 40) }
            }
        }
        if let ffprobe = Binary.which("ffprobe") {
            for name in ["flat_side.y4m", "flat_side.mp4"] {
                let p = try Binary.run(ffprobe, ["-v", "error", "-count_frames", "-select_streams", "v:0",
                                                 "-show_entries", "stream=nb_read_frames,r_frame_rate", "-of", "csv=p=0", out + "/" + name])
                #expect(p.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "120/1,60", "\(name): \(p.stdout) \(p.stderr)")
            }
        }
    }

    /// Issue #14, item 7: exports carry the corrections made in review (the report's truth): the
    /// corrected frame's markers and angles differ, every other row is as recorded, and the
    /// corrections file is exported too.
    @Test func exportsUseTheCorrectedMarkersAndCarryTheCorrections() throws {
        let dir = Binary.temporaryDirectory("export-corrected")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rec = try Binary.gaitlive("demo", "--headless", "--duration", "3", "--no-incline-stage", "--size", "320x240",
                                      "--out", dir)
        try #require(rec.status == 0, "\(rec.stderr)")
        let session = try RecordedSession(directory: dir)
        let v = try #require(session.stages[0].views[.side])
        let frame = 200
        let kne = try #require(try v.readMarkers(at: frame).markers[SideMarker.kne.rawValue])
        let corrections = "frame,label,x,y\n\(frame),KNE,\(kne.position.x + 10),\(kne.position.y)\n"
        try corrections.write(toFile: dir + "/flat/side.corrections.csv", atomically: true, encoding: .utf8)
        let out = Binary.temporaryDirectory("export-corrected-csv")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try Binary.run(Binary.path, ["export", dir, "--to", "csv", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        func lines(_ path: String) throws -> [Substring] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        }
        for table in ["markers", "angles"] {
            let recorded = try lines(dir + "/flat/side.\(table).csv"), exported = try lines(out + "/flat_side_\(table).csv")
            #expect(recorded.count == exported.count)
            let differing = zip(recorded, exported).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset - 1 }
            #expect(differing == [frame], "\(table): rows differing \(differing)")
        }
        let row = try lines(out + "/flat_side_markers.csv")[frame + 1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(abs(Double(row[3 + 4 * SideMarker.kne.rawValue])! - (kne.position.x + 10)) < 1e-3)
        #expect(row[6 + 4 * SideMarker.kne.rawValue] == "manual")
        // The rear view was not corrected: exported as recorded.
        #expect(FileManager.default.contents(atPath: out + "/flat_rear_markers.csv") == FileManager.default.contents(atPath: dir + "/flat/rear.markers.csv"))
        #expect(try String(contentsOfFile: out + "/flat_side_corrections.csv", encoding: .utf8) == corrections)
        // Whose stance, which side moves: the exported strides table says so in its header.
        let header = try lines(out + "/flat_strides.csv")[0]
        #expect(header.hasPrefix("view,stance_side,stride,"))
        #expect(header.contains("pelvic_drop_peak_swing_side"))
        // TRC too: the corrected frame's knee moved by 10 px.
        let trcOut = Binary.temporaryDirectory("export-corrected-trc")
        defer { try? FileManager.default.removeItem(atPath: trcOut) }
        #expect(try Binary.run(Binary.path, ["export", dir, "--to", "trc", "--out", trcOut]).status == 0)
        let trc = try lines(trcOut + "/flat_side.trc")[6 + frame].split(separator: "\t", omittingEmptySubsequences: false)
        #expect(abs(Double(trc[2 + 3 * SideMarker.kne.rawValue])! - (kne.position.x + 10)) < 1e-3)
    }
}

