import Foundation
import Testing
import SessionStore
import OfflineAnalysis

/// An athlete's history through the real binary: three headless demo sessions of one athlete
/// (the varying simulated runner, a left hip drop of 6, then 3, then 1 deg, dated a fortnight
/// apart) read by `gaitlive progress`; names matched without case and accents, a near miss
/// warned of; `report --compare` of the first and last; `sessions --rename-athlete` on a small library;
/// the library cache holding the progress figures until a session changes.
@Suite(.serialized) struct AthleteHistoryTests {
    /// ROOT/Ana-Ruiz/<date>/ with the three sessions (nil if one could not be recorded).
    static let library: String? = {
        let root = Binary.processTemporaryDirectory("history")
        for (drop, seed, date) in [("6", "11", "2026-11-01"), ("3", "12", "2026-11-15"), ("1", "33", "2026-12-01")] {
            let dir = root + "/Ana-Ruiz/\(date)_100000"
            let r = try? Binary.run(Binary.path, ["demo", "--headless", "--duration", "12", "--no-incline-stage",
                                                  "--size", "320x240", "--hip-drop", drop, "--hip-drop-side", "left",
                                                  "--seed", seed, "--athlete", "Ana Ruiz", "--out", dir], timeout: 300)
            guard r?.status == 0, var m = try? ManifestStore.read(from: dir) else { return nil }
            // Recorded now; dated as the clinic would have recorded them.
            m.created = date + "T10:00:00Z"
            guard (try? ManifestStore.write(m, to: dir)) != nil else { return nil }
        }
        return root
    }()

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The series of `metric` for `side` on the flat stage.
    static func series(_ doc: [String: Any], _ side: String, _ metric: String) -> [String: Any]? {
        (doc["series"] as? [[String: Any]])?.first {
            $0["stage"] as? String == "flat" && $0["side"] as? String == side && $0["metric"] as? String == metric
        }
    }

    @Test func progressShowsTheHipDropImprovingOnItsSideOnly() throws {
        let root = try #require(AthleteHistoryTests.library, "the demo sessions could not be recorded")
        let r = try Binary.gaitlive("progress", "ANA RUÍZ", "--root", root, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try AthleteHistoryTests.json(r.stdout)
        #expect(doc["athlete"] as? String == "Ana Ruiz")
        let sessions = try #require(doc["sessions"] as? [[String: Any]])
        #expect(sessions.compactMap { $0["created"] as? String }.map { String($0.prefix(10)) }
                == ["2026-11-01", "2026-11-15", "2026-12-01"])
        // Left stance (the right side drops): about 11 -> 6 deg, a real decrease.
        let left = try #require(AthleteHistoryTests.series(doc, "left", "pelvic_drop_peak"))
        let overall = try #require(left["overall"] as? [String: Any], "\(left)")
        #expect(overall["verdict"] as? String == "real decrease", "\(overall)")
        #expect((overall["change"] as? Double ?? 0) < -2.8)
        // Right stance had no extra drop: no real change.
        let right = try #require(AthleteHistoryTests.series(doc, "right", "pelvic_drop_peak"))
        #expect((right["overall"] as? [String: Any])?["verdict"] as? String == "no real change", "\(right)")

        let md = try Binary.gaitlive("progress", "Ana Ruiz", "--root", root)
        #expect(md.status == 0)
        #expect(md.stdout.contains("flat, pelvic drop, left stance (right side drops): "), "\(md.stdout.prefix(1500))")

        let out = Binary.temporaryDirectory("progress-html")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: out) }
        let html = out + "/progress.html"
        let h = try Binary.gaitlive("progress", "Ana Ruiz", "--root", root, "--format", "html", "--output", html)
        #expect(h.status == 0, "\(h.stderr)")
        #expect(h.stdout == "Progress written to \(html)\n")
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(text.contains("<svg") && text.contains("real decrease"))
        let wellFormed = try Binary.run("/usr/bin/env", ["python3", "-c", "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])", html])
        #expect(wellFormed.status == 0, "\(wellFormed.stderr)")
        // Never over an existing file.
        let again = try Binary.gaitlive("progress", "Ana Ruiz", "--root", root, "--format", "html", "--out", html)
        #expect(again.status == 2)
        #expect(again.stderr == "gaitlive: \(html): already exists; gaitlive never writes over existing files\n")
    }

    @Test func compareIsABeforeAndAfterOfTwoSessions() throws {
        let root = try #require(AthleteHistoryTests.library, "the demo sessions could not be recorded")
        let first = root + "/Ana-Ruiz/2026-11-01_100000", last = root + "/Ana-Ruiz/2026-12-01_100000"
        // The later session named first: the earlier one is still "before".
        let r = try Binary.gaitlive("report", last, "--compare", first, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try AthleteHistoryTests.json(r.stdout)
        #expect(doc["format"] as? String == "gaitlive-compare")
        #expect((doc["before"] as? [String: Any])?["directory"] as? String == first)
        let rows = try #require(doc["rows"] as? [[String: Any]])
        let left = try #require(rows.first { $0["stage"] as? String == "flat" && $0["side"] as? String == "left"
                                             && $0["metric"] as? String == "pelvic_drop_peak" })
        #expect((left["change"] as? [String: Any])?["verdict"] as? String == "real decrease", "\(left)")
        // The first session's left-stance drop finding is gone in the last.
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["kind"] as? String == "pelvic-drop" && $0["fate"] as? String == "resolved" }, "\(findings)")
        let md = try Binary.gaitlive("report", first, "--compare", last)
        #expect(md.stdout.hasPrefix("# Before and after: Ana Ruiz\n"))
        #expect(md.stdout.contains("- resolved: Pelvic drop in left stance"))
        let html = try Binary.gaitlive("report", first, "--compare", last, "--format", "html")
        #expect(html.status == 0 && html.stdout.contains("<svg"))
        let bad = try Binary.gaitlive("report", first, "--compare", root + "/nothing")
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("gaitlive: \(root)/nothing"), "\(bad.stderr)")
    }

    @Test func namesMatchWithoutCaseOrAccentsAndANearMissIsWarned() throws {
        let root = try #require(AthleteHistoryTests.library, "the demo sessions could not be recorded")
        let s = try Binary.gaitlive("sessions", "--root", root, "--athlete", "ana ruíz")
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("Ana Ruiz") }.count == 3, "\(s.stdout)")
        let near = try Binary.gaitlive("sessions", "--root", root, "--athlete", "Ana Ruis")
        #expect(near.status == 0)
        #expect(near.stderr == "gaitlive: Ana Ruis: did you mean Ana Ruiz?\n")
        #expect(near.stdout == "No sessions of Ana Ruis under \(root).\n")
        let progress = try Binary.gaitlive("progress", "Ana Ruis", "--root", root)
        #expect(progress.status == 2)
        #expect(progress.stderr == "gaitlive: Ana Ruis: no sessions of this athlete under \(root) (Ana Ruis: did you mean Ana Ruiz?)\n")
    }

    /// Waits (at most 20 s) until no file of the sessions under `root` is newer than
    /// `FileStamp.settleSeconds`: only then does the cache hold their figures.
    static func settle(_ root: String) throws {
        let deadline = Date().addingTimeInterval(20)
        while try SessionLibrary.list(root: root, cache: false).contains(where: { FileStamp.tree($0.directory)?.isSettled == false }) {
            guard Date() < deadline else { throw CancellationError() }
            usleep(10_000)
        }
    }

    @Test func theLibraryCacheHoldsProgressFiguresUntilASessionChanges() throws {
        let library = try #require(AthleteHistoryTests.library, "the demo sessions could not be recorded")
        let root = Binary.temporaryDirectory("library-cache")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let copy = try Binary.run("/bin/cp", ["-a", library, root])
        #expect(copy.status == 0, "\(copy.stderr)")
        try? FileManager.default.removeItem(atPath: root + "/" + LibraryCache.fileName)
        try AthleteHistoryTests.settle(root)
        let truth = try AthleteProgress.load(root: root, athlete: "Ana Ruiz", cache: false)
        #expect(truth.sessions.count == 3 && truth.fromCache == 0)
        let first = try AthleteProgress.load(root: root, athlete: "Ana Ruiz")
        #expect(first.fromCache == 0 && first.sessions == truth.sessions)
        let second = try AthleteProgress.load(root: root, athlete: "ana ruíz")
        #expect(second.fromCache == 3)
        #expect(second.sessions == truth.sessions)

        // A session changed (its date corrected in session.json): measured again, the others held.
        let changed = try #require(truth.sessions.last?.directory)
        var m = try ManifestStore.read(from: changed)
        m.created = "2026-12-02T09:30:00Z"
        try ManifestStore.write(m, to: changed)
        try AthleteHistoryTests.settle(root)
        let third = try AthleteProgress.load(root: root, athlete: "Ana Ruiz")
        #expect(third.fromCache == 2)
        #expect(third.sessions.last?.created == "2026-12-02T09:30:00Z")
        #expect(try AthleteProgress.load(root: root, athlete: "Ana Ruiz").fromCache == 3)

        // Through the binary: the same progress whether it measured or read the cache, and the
        // same after the cache is deleted.
        let measured = try Binary.gaitlive("progress", "Ana Ruiz", "--root", root, "--format", "json")
        let held = try Binary.gaitlive("progress", "Ana Ruiz", "--root", root, "--format", "json")
        try FileManager.default.removeItem(atPath: root + "/" + LibraryCache.fileName)
        let again = try Binary.gaitlive("progress", "Ana Ruiz", "--root", root, "--format", "json")
        #expect(measured.status == 0 && held.status == 0 && again.status == 0, "\(measured.stderr)")
        func withoutGenerated(_ text: String) -> String {
            text.components(separatedBy: "\n").filter { !$0.contains("\"generated\"") }.joined(separator: "\n")
        }
        #expect(withoutGenerated(held.stdout) == withoutGenerated(measured.stdout))
        #expect(withoutGenerated(again.stdout) == withoutGenerated(measured.stdout))

        // Listing times are local: a POSIX zone five hours behind UTC (no tz database needed).
        let ny = try Binary.run("/usr/bin/env", ["TZ=UTC+5", Binary.path, "sessions", "--root", root])
        #expect(ny.stdout.contains("Ana Ruiz  2026-11-01 05:00"), "\(ny.stdout)")
        #expect(ny.stdout.contains("Ana Ruiz  2026-12-02 04:30"), "\(ny.stdout)")
    }

    @Test func renameAthleteFixesATypoAndRefusesWhatItCannotMerge() throws {
        let root = Binary.temporaryDirectory("rename")
        defer { try? FileManager.default.removeItem(atPath: root) }
        func session(_ name: String, _ dir: String, _ time: String) throws {
            let path = root + "/\(dir)/\(time)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            var m = SessionManifest(software: "test", created: "2026-12-01T10:00:00Z", athlete: .init(name: name),
                                    source: "simulated", clockOriginNs: 0, cameras: [])
            m.status = .complete
            try ManifestStore.write(m, to: path)
        }
        try session("Ana Ruiz", "Ana-Ruiz", "2026-12-01_100000")
        try session("Ana Ruis", "Ana-Ruis", "2026-12-08_100000")
        try session("Ana Ruis", "Ana-Ruis", "2026-12-01_100000")
        // Both have a session of 2026-12-01 10:00: refused whole, nothing moved.
        let refused = try Binary.gaitlive("sessions", "--root", root, "--rename-athlete", "Ana Ruis", "Ana Ruiz")
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("gaitlive: \(root)/Ana-Ruiz/2026-12-01_100000: already exists; cannot merge"), "\(refused.stderr)")
        #expect(try ManifestStore.read(from: root + "/Ana-Ruis/2026-12-08_100000").athlete.name == "Ana Ruis")
        try FileManager.default.moveItem(atPath: root + "/Ana-Ruis/2026-12-01_100000", toPath: root + "/Ana-Ruis/2026-12-01_110000")
        let r = try Binary.gaitlive("sessions", "--root", root, "--rename-athlete", "ana ruis", "Ana Ruiz")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "Renamed ana ruis to Ana Ruiz: 2 sessions renamed, 2 moved to \(root)/Ana-Ruiz.\n")
        #expect(!FileManager.default.fileExists(atPath: root + "/Ana-Ruis"))
        let listed = try Binary.gaitlive("sessions", "--root", root, "--athlete", "Ana Ruiz")
        #expect(listed.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("Ana Ruiz") }.count == 3, "\(listed.stdout)")
        let wrong = try Binary.gaitlive("sessions", "--root", root, "--rename-athlete", "Ana Ruiz")
        #expect(wrong.status != 0)
    }
}
