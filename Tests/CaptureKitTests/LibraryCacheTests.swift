import Foundation
import MarkerTracker
import Testing
import CaptureKit
@testable import SessionStore

/// The library cache (`LibraryCache`) under `SessionLibrary.list`: the session directories stay
/// the truth. Every listing is checked against one that reads every manifest (`cache: false`).
@Suite struct LibraryCacheTests {
    static func root(_ name: String) throws -> String {
        let root = FileManager.default.temporaryDirectory.path + "/gaitlive-library-cache-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return root
    }

    /// A closed session of `athlete` with one flat stage of both cameras, at ROOT/<athlete>/<time>/.
    @discardableResult
    static func session(_ root: String, _ athlete: String, time: String, frames: Int = 1440,
                        status: SessionManifest.Status = .complete) throws -> String {
        let path = try AthleteIdentityTests.session(root, athlete, time: time)
        var m = try ManifestStore.read(from: path)
        m.created = "2026-12-0\(time.prefix(1))T10:00:00Z"
        var stage = SessionManifest.Stage(kind: "flat", directory: "flat", inclinePercent: 0, startSeconds: 1, endSeconds: 13,
                                          events: "flat/events.csv")
        for view in ["side", "rear"] {
            stage.views[view] = .init(video: "flat/\(view).mkv", index: "flat/\(view).index.csv", markers: "flat/\(view).markers.csv",
                                      angles: "flat/\(view).angles.csv", frames: frames, droppedByCamera: 2, droppedByRecorder: 0)
        }
        m.stages = [stage]
        m.notes = [.init(seconds: 3, text: "left foot turns out")]
        m.status = status
        try ManifestStore.write(m, to: path)
        return path
    }

    /// Waits (at most 10 s) until every session's manifest under `root` is `FileStamp.isSettled`:
    /// only then does the cache hold it.
    static func settle(_ root: String) throws {
        let deadline = Date().addingTimeInterval(10)
        while try SessionLibrary.list(root: root, cache: false).contains(where: {
            FileStamp.of($0.directory + "/" + SessionLayout.manifestName)?.isSettled == false
        }) {
            guard Date() < deadline else { throw CancellationError() }
            usleep(5_000)
        }
    }

    static func summaries(_ entries: [SessionLibrary.Entry]) -> [String: SessionSummary] {
        Dictionary(uniqueKeysWithValues: entries.compactMap { e in e.summary.map { (e.relativePath, $0) } })
    }

    /// Lists with the cache and without, expects the same sessions; returns the cached listing.
    static func listBoth(_ root: String, athlete: String? = nil) throws -> [SessionLibrary.Entry] {
        let cached = try SessionLibrary.list(root: root, athlete: athlete)
        let truth = try SessionLibrary.list(root: root, athlete: athlete, cache: false)
        #expect(cached.map(\.directory) == truth.map(\.directory))
        #expect(summaries(cached) == summaries(truth))
        return cached
    }

    @Test func aSecondListingComesFromTheCacheAndSaysTheSame() throws {
        let root = try LibraryCacheTests.root("second")
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (i, name) in ["Ana Ruiz", "Bob Lee", "José Núñez"].enumerated() {
            try LibraryCacheTests.session(root, name, time: "\(i + 1)_100000")
            try LibraryCacheTests.session(root, name, time: "\(i + 4)_100000")
        }
        try LibraryCacheTests.settle(root)
        let first = try LibraryCacheTests.listBoth(root)
        #expect(first.count == 6 && first.allSatisfy { !$0.fromCache })
        #expect(FileManager.default.fileExists(atPath: root + "/" + LibraryCache.fileName))
        let second = try LibraryCacheTests.listBoth(root)
        #expect(second.allSatisfy { $0.fromCache })
        let s = try #require(second.first { $0.summary?.athlete == "José Núñez" }?.summary)
        #expect(s.foldedAthlete == "jose nunez")
        #expect(s.stages == [.init(kind: "flat", inclinePercent: 0, durationSeconds: 12)])
        #expect(s.frames == [.init(view: "side", frames: 1440), .init(view: "rear", frames: 1440)])
        #expect(s.droppedByCamera == 4 && s.notSaved == 0 && s.notes == 1 && s.status == .complete)
        // The athlete filter reads the held names.
        let ana = try LibraryCacheTests.listBoth(root, athlete: "ANA RUÍZ")
        #expect(ana.count == 2 && ana.allSatisfy { $0.fromCache })
    }

    @Test func aChangedManifestIsReadAgainAndAGoneSessionForgotten() throws {
        let root = try LibraryCacheTests.root("changed")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let a = try LibraryCacheTests.session(root, "Ana Ruiz", time: "1_100000")
        let b = try LibraryCacheTests.session(root, "Ana Ruiz", time: "2_100000")
        try LibraryCacheTests.settle(root)
        _ = try LibraryCacheTests.listBoth(root)
        // The athlete renamed in the manifest (as `--rename-athlete` or a hand edit would).
        var m = try ManifestStore.read(from: a)
        m.athlete.name = "Ana María Ruiz"
        try ManifestStore.write(m, to: a)
        try FileManager.default.removeItem(atPath: b)
        let after = try LibraryCacheTests.listBoth(root)
        #expect(after.count == 1)
        #expect(after.first?.summary?.athlete == "Ana María Ruiz" && after.first?.fromCache == false)
        let cache = try #require(LibraryCache.open(root: root))
        #expect(try cache.summaries()["Ana-Ruiz/2_100000"] == nil) // b is forgotten
        try LibraryCacheTests.settle(root)
        _ = try LibraryCacheTests.listBoth(root)
        #expect(try cache.summaries().keys.sorted() == ["Ana-Ruiz/1_100000"])
        #expect(try LibraryCacheTests.listBoth(root).first?.fromCache == true)
    }

    @Test func deletingTheCacheLosesNothingAndAHandCopiedSessionIsFound() throws {
        let root = try LibraryCacheTests.root("deleted")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let a = try LibraryCacheTests.session(root, "Ana Ruiz", time: "1_100000")
        try LibraryCacheTests.settle(root)
        let before = try LibraryCacheTests.listBoth(root)
        try FileManager.default.removeItem(atPath: root + "/" + LibraryCache.fileName)
        let again = try LibraryCacheTests.listBoth(root)
        #expect(LibraryCacheTests.summaries(again) == LibraryCacheTests.summaries(before) && !again[0].fromCache)
        // Copied in by hand, times kept (`cp -a`): a new file, so read.
        let copy = try Process.run(URL(fileURLWithPath: "/bin/cp"), arguments: ["-a", a, root + "/Ana-Ruiz/9_100000"])
        copy.waitUntilExit()
        #expect(copy.terminationStatus == 0)
        try LibraryCacheTests.settle(root)
        let withCopy = try LibraryCacheTests.listBoth(root)
        #expect(withCopy.map(\.relativePath) == ["Ana-Ruiz/1_100000", "Ana-Ruiz/9_100000"])
        #expect(withCopy.map(\.fromCache) == [true, false])
    }

    @Test func aDamagedCacheFileIsMadeAgain() throws {
        let root = try LibraryCacheTests.root("damaged")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try LibraryCacheTests.session(root, "Ana Ruiz", time: "1_100000")
        try Data(repeating: 0x41, count: 5000).write(to: URL(fileURLWithPath: root + "/" + LibraryCache.fileName))
        try LibraryCacheTests.settle(root)
        let first = try LibraryCacheTests.listBoth(root)
        #expect(first.count == 1 && !first[0].fromCache)
        #expect(try LibraryCacheTests.listBoth(root)[0].fromCache)
    }

    @Test func aSessionBeingRecordedIsNeverHeldAndACrashedOneIsHeldOnceRecovered() throws {
        let root = try LibraryCacheTests.root("recording")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let live = try LibraryCacheTests.session(root, "Ana Ruiz", time: "1_100000", status: .recording)
        let crashed = try LibraryCacheTests.session(root, "Ana Ruiz", time: "2_100000", status: .recording)
        let lock = try #require(try SessionLock.acquire(live))
        defer { lock.release() }
        for _ in 0..<2 {
            let entries = try SessionLibrary.list(root: root)
            let l = try #require(entries.first { $0.directory == live })
            #expect(l.beingRecorded && !l.fromCache && l.summary?.status == .recording)
            let c = try #require(entries.first { $0.directory == crashed })
            #expect(c.summary?.status == .recovered && !c.beingRecorded)
        }
        try LibraryCacheTests.settle(root)
        _ = try SessionLibrary.list(root: root) // holds the recovered manifest, now settled
        #expect(try SessionLibrary.list(root: root).first { $0.directory == crashed }?.fromCache == true)
        #expect(try ManifestStore.read(from: crashed).status == .recovered)
    }
}
