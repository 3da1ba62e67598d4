import Foundation
import Testing

/// Bad options, files and directories: one clear line on stderr naming the thing, exit status 2,
/// nothing already on disk touched.
@Suite struct BadInputTests {
    func expectOneLineFailure(_ args: [String], mentioning needle: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try Binary.run(Binary.path, args)
        #expect(r.status == 2, "status for \(args)", sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr for \(args): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("gaitlive: "), sourceLocation: sourceLocation)
        #expect(r.stderr.contains(needle), "stderr for \(args): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func badOptions() throws {
        try expectOneLineFailure(["demo", "--fps", "0"], mentioning: "--fps must be between 10 and 480")
        try expectOneLineFailure(["demo", "--size", "banana"], mentioning: "'banana' is not a size; give it as WxH")
        try expectOneLineFailure(["demo", "--size", "32x24"], mentioning: "32x24 is outside 64x48 to 4096x4096")
        try expectOneLineFailure(["demo", "--size", "641x480"], mentioning: "641x480 must have an even width and height")
        try expectOneLineFailure(["demo", "--no-such-option"], mentioning: "--no-such-option")
        try expectOneLineFailure(["demo", "--hip-drop-side", "middle"], mentioning: "middle")
        try expectOneLineFailure(["review"], mentioning: "Missing expected argument")
        try expectOneLineFailure(["frobnicate"], mentioning: "frobnicate")
        // Options of the simulated runner that a replay would silently ignore.
        let motion = Binary.packageRoot + "/data/realdata/subject04_run300_markers.trc"
        try expectOneLineFailure(["demo", "--motion", motion, "--hip-drop", "3"], mentioning: "a --motion recording moves as it was recorded")
        try expectOneLineFailure(["demo", "--motion", motion, "--fault", "glare"], mentioning: "--fault applies to the simulated runner")
    }

    @Test func missingOrNonSessionDirectories() throws {
        let missing = Binary.temporaryDirectory("missing")
        try expectOneLineFailure(["review", missing], mentioning: "\(missing): no such directory")
        let plain = Binary.temporaryDirectory("plain")
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: plain) }
        try expectOneLineFailure(["review", plain], mentioning: "\(plain): not a gaitlive session (no session.json)")
        #expect(FileManager.default.createFile(atPath: plain + "/session.json", contents: Data("{\"format\":1}".utf8)))
        try expectOneLineFailure(["review", plain], mentioning: "session.json: not a gaitlive session manifest")
        let file = plain + "/notes.txt"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        try expectOneLineFailure(["review", file], mentioning: "\(file): not a directory")
    }

    @Test func neverRecordsOverExistingData() throws {
        let dir = Binary.temporaryDirectory("occupied")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(FileManager.default.createFile(atPath: dir + "/precious.y4m", contents: Data("keep".utf8)))
        try expectOneLineFailure(["demo", "--headless", "--duration", "0.2", "--out", dir],
                                 mentioning: "\(dir): already exists and is not empty")
        #expect(try String(contentsOfFile: dir + "/precious.y4m", encoding: .utf8) == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["precious.y4m"])
    }

    @Test func helpAndVersionSucceed() throws {
        let h = try Binary.gaitlive("--help")
        #expect(h.status == 0)
        #expect(h.stdout.contains("demo"))
        #expect(h.stdout.contains("review"))
        let v = try Binary.gaitlive("--version")
        #expect(v.status == 0)
        #expect(v.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}
