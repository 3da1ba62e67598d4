import Foundation
import Glibc
import Testing
import SessionStore

/// Damaged sessions: every reader (review, sessions, export) answers with one line naming the
/// file and the problem, exit status 2, and leaves every file as it was.
@Suite(.serialized) struct BadSessionTests {
    /// Small real sessions to damage, copied per case: format v1 (`--video raw`, Y4M) and v2
    /// (the default, Matroska).
    static let original: String? = demo("bad-original", video: "raw")
    static let originalV2: String? = demo("bad-original-v2", video: "jpeg")

    static func demo(_ name: String, video: String) -> String? {
        let dir = Binary.processTemporaryDirectory(name)
        let r = try? Binary.gaitlive("demo", "--headless", "--duration", "0.2", "--size", "160x120", "--out", dir,
                                     "--video", video)
        return r?.status == 0 ? dir : nil
    }

    func copy(v2: Bool = false) throws -> String {
        let source = try #require(v2 ? BadSessionTests.originalV2 : BadSessionTests.original,
                                  "the demo could not record a session")
        let dir = Binary.temporaryDirectory("bad")
        try FileManager.default.copyItem(atPath: source, toPath: dir)
        return dir
    }

    /// Every file's bytes, to show nothing was changed.
    func snapshot(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for case let f as String in FileManager.default.enumerator(atPath: dir) ?? FileManager.DirectoryEnumerator() {
            if let d = FileManager.default.contents(atPath: dir + "/" + f) { out[f] = d }
        }
        return out
    }

    func expectOneLine(_ r: Binary.Result, _ needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 2, "status \(r.status), stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("gaitlive: "), sourceLocation: sourceLocation)
        #expect(r.stderr.contains(needle), "stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    static let cases: [(String, String, String)] = [
        // (file, damage, expected message after "<dir>/")
        ("flat/side.y4m", "garbage", "flat/side.y4m: not a YUV4MPEG2 file (no YUV4MPEG2 signature)"),
        ("flat/side.y4m", "truncate:12", "flat/side.y4m: truncated Y4M header (no end of line)"),
        ("flat/rear.y4m", "header:YUV4MPEG2 W160 H120 F120:1 C444\n", "flat/rear.y4m: unsupported Y4M colour space C444"),
        ("session.json", "replace:\"schemaVersion\" : 1=\"schemaVersion\" : 7", "session.json: schema version 7 is not supported"),
        ("session.json", "replace:\"athlete\" :=\"runner\" :", "session.json: missing field 'athlete'"),
        ("session.json", "garbage", "session.json: not valid JSON"),
        ("flat/side.markers.csv", "replace:SHO_x=SHOULDER_x", "flat/side.markers.csv: missing column 'SHO_x'"),
        ("flat/side.angles.csv", "replace:\n3,=\nthree,", "flat/side.angles.csv: line 5: expected frame 3, found 'three'"),
        ("incline/events.csv", "replace:view,side=view,leg", "incline/events.csv: missing column 'side'"),
        // Format v2.
        ("flat/side.mkv", "garbage", "flat/side.mkv: not a Matroska file (no EBML header)"),
        ("flat/side.mkv", "truncate:20", "flat/side.mkv: not a Matroska file (no EBML header)"),
        ("flat/rear.mkv", "replace:V_MJPEG=V_MPEG4", "flat/rear.mkv: video codec 'V_MPEG4' is not MJPEG (V_MJPEG)"),
        ("session.json", "replace:\"schemaVersion\" : 2=\"schemaVersion\" : 3", "session.json: schema version 3 is not supported"),
    ]

    @Test(arguments: 0..<cases.count)
    func damagedFilesAreNamed(index: Int) throws {
        let (file, damage, message) = BadSessionTests.cases[index]
        let dir = try copy(v2: file.hasSuffix(".mkv") || damage.contains("\"schemaVersion\" : 2"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/" + file
        let data = try #require(FileManager.default.contents(atPath: path))
        var bytes: Data
        if damage == "garbage" {
            bytes = Data("this is not what it should be\n".utf8)
        } else if damage.hasPrefix("truncate:") {
            bytes = data.prefix(Int(damage.dropFirst(9))!)
        } else if damage.hasPrefix("header:") {
            let nl = data.firstIndex(of: 10)!
            bytes = Data(damage.dropFirst(7).utf8) + data[(nl + 1)...]
        } else {
            let parts = damage.dropFirst(8).components(separatedBy: "=")
            if file.hasSuffix(".mkv") {
                // Binary: the same number of bytes in place of the first match.
                let from = Data(parts[0].utf8), to = Data(parts[1].utf8)
                let range = try #require(data.range(of: from), "damage \(damage) does not apply to \(file)")
                bytes = data
                bytes.replaceSubrange(range, with: to)
            } else {
                let text = String(decoding: data, as: UTF8.self)
                #expect(text.contains(parts[0]), "damage \(damage) does not apply to \(file)")
                bytes = Data(text.replacingOccurrences(of: parts[0], with: parts[1]).utf8)
            }
        }
        try bytes.write(to: URL(fileURLWithPath: path))
        let before = snapshot(dir)
        // A bad row deep in a table is found when that frame is read (here: frame 2).
        let args = file.hasSuffix("angles.csv") ? ["review", dir, "--render-text", "100x30", "--frame", "3"]
            : ["review", dir, "--render-text", "100x30"]
        let r = try Binary.run(Binary.path, args)
        if file.hasSuffix("angles.csv") {
            // Drawing shows an unreadable row as missing values; export stops on it.
            #expect(r.status == 0, "\(r.stderr)")
        } else {
            expectOneLine(r, dir + "/" + message)
        }
        let export = try Binary.run(Binary.path, ["export", dir, "--to", "csv", "--out", dir + "-out"])
        defer { try? FileManager.default.removeItem(atPath: dir + "-out") }
        expectOneLine(export, dir + "/" + message)
        #expect(snapshot(dir) == before, "files changed")
    }

    @Test func aDirectoryWithoutPermissionIsNamed() throws {
        guard geteuid() == 0, let setpriv = Binary.which("setpriv") else {
            // Not root: the directory can be made unreadable for this user directly.
            let dir = try copy()
            defer {
                chmod(dir, 0o700)
                try? FileManager.default.removeItem(atPath: dir)
            }
            chmod(dir, 0o000)
            expectOneLine(try Binary.run(Binary.path, ["review", dir]), "\(dir): cannot read directory: Permission denied")
            return
        }
        // Root reads everything: run gaitlive as 'nobody' against root's 0700 session.
        let dir = try copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let asNobody = ["--reuid=65534", "--regid=65534", "--clear-groups", Binary.path]
        expectOneLine(try Binary.run(setpriv, asNobody + ["review", dir]), "\(dir): cannot read directory: Permission denied")
        expectOneLine(try Binary.run(setpriv, asNobody + ["sessions", "--root", dir]), "\(dir): cannot read directory: Permission denied")
    }

    @Test func aSessionsRootThatIsNotADirectory() throws {
        let file = Binary.temporaryDirectory("notdir")
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        defer { unlink(file) }
        expectOneLine(try Binary.gaitlive("sessions", "--root", file), "\(file): not a directory")
        expectOneLine(try Binary.gaitlive("sessions", "--root", file + "-missing"), "\(file)-missing: no such directory")
    }
}
