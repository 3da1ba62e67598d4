import Foundation
import MarkerTracker
import Testing
import CaptureKit
@testable import SessionStore

/// Athletes' names: folded matching, near misses, and `AthleteRename` on a small library of
/// manifest-only sessions in `ROOT/<athlete>/<date-time>/`.
@Suite struct AthleteIdentityTests {
    /// Writes a closed session of `athlete` (a manifest, no stages) at ROOT/<dir>/<time>/.
    @discardableResult
    static func session(_ root: String, _ athlete: String, dir: String? = nil, time: String) throws -> String {
        let path = root + "/" + (dir ?? SessionLayout.safeComponent(athlete)) + "/" + time
        try SessionLayout.createDirectory(path)
        var m = SessionManifest(software: "test", created: "2026-12-01T10:00:00Z", athlete: .init(name: athlete),
                                source: "simulated", clockOriginNs: 0, cameras: [])
        m.status = .complete
        try ManifestStore.write(m, to: path)
        return path
    }

    static func names(_ root: String, _ athlete: String? = nil) throws -> [String] {
        try SessionLibrary.list(root: root, athlete: athlete).compactMap { $0.summary?.athlete }
    }

    @Test func namesAreTheSameWhateverTheCaseAccentsAndSpaces() {
        #expect(AthleteIdentity.same("ana ruíz", "Ana Ruiz"))
        #expect(AthleteIdentity.same("  ANA   RUIZ ", "Ana Ruiz"))
        #expect(AthleteIdentity.same("José Núñez", "jose nunez"))
        #expect(!AthleteIdentity.same("Ana Ruiz", "Ana Ruis"))
        #expect(AthleteIdentity.folded("Ana Ruíz") == "ana ruiz")
    }

    @Test func aNearMissIsToldAndAStrangerIsNot() {
        let known = ["Ana Ruiz", "Bob Lee"]
        #expect(AthleteIdentity.match("ANA RUÍZ", among: known) == .same("Ana Ruiz"))
        #expect(AthleteIdentity.match("Ana Ruis", among: known) == .near(["Ana Ruiz"]))
        #expect(AthleteIdentity.warning("Ana Ruis", among: known) == "Ana Ruis: did you mean Ana Ruiz?")
        #expect(AthleteIdentity.match("Anna Ruyz", among: known) == .near(["Ana Ruiz"]))
        #expect(AthleteIdentity.match("Carla Diaz", among: known) == .unknown)
        #expect(AthleteIdentity.warning("Carla Diaz", among: known) == nil)
        #expect(AthleteIdentity.editDistance("kitten", "sitting") == 3)
    }

    @Test func theLibraryListsAnAthleteWhateverTheSpelling() throws {
        let root = TestDirectory()
        try AthleteIdentityTests.session(root.path, "Ana Ruiz", time: "2026-12-01_100000")
        try AthleteIdentityTests.session(root.path, "Bob Lee", time: "2026-12-01_110000")
        #expect(try AthleteIdentityTests.names(root.path, "ana ruíz") == ["Ana Ruiz"])
        #expect(try AthleteIdentityTests.names(root.path, "Ana Ruis").isEmpty)
        #expect(SessionLibrary.athletes(root: root.path) == ["Ana Ruiz", "Bob Lee"])
    }

    @Test func renamingMovesTheSessionsAndRewritesTheirManifests() throws {
        let root = TestDirectory()
        let a = try AthleteIdentityTests.session(root.path, "Ana Ruis", time: "2026-12-01_100000")
        try AthleteIdentityTests.session(root.path, "Ana Ruis", time: "2026-12-08_100000")
        let outcome = try AthleteRename.run(root: root.path, from: "ana ruis", to: "Ana Ruiz")
        #expect(outcome == .init(renamed: 2, moved: 2, directory: root.path + "/Ana-Ruiz"))
        #expect(!FileManager.default.fileExists(atPath: a))
        #expect(!FileManager.default.fileExists(atPath: root.path + "/Ana-Ruis"))
        let moved = try ManifestStore.read(from: root.path + "/Ana-Ruiz/2026-12-01_100000")
        #expect(moved.athlete.name == "Ana Ruiz")
        #expect(try AthleteIdentityTests.names(root.path, "Ana Ruiz") == ["Ana Ruiz", "Ana Ruiz"])
        // No temporary file is left beside the manifest.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path + "/Ana-Ruiz/2026-12-08_100000") == ["session.json"])
    }

    @Test func renamingIntoAKnownAthleteMergesAndTakesItsSpelling() throws {
        let root = TestDirectory()
        try AthleteIdentityTests.session(root.path, "Ana Ruiz", time: "2026-12-01_100000")
        try AthleteIdentityTests.session(root.path, "Ana Ruis", time: "2026-12-08_100000")
        let outcome = try AthleteRename.run(root: root.path, from: "Ana Ruis", to: "ana ruíz")
        #expect(outcome == .init(renamed: 1, moved: 1, directory: root.path + "/Ana-Ruiz"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path + "/Ana-Ruiz").sorted()
                == ["2026-12-01_100000", "2026-12-08_100000"])
        #expect(try AthleteIdentityTests.names(root.path) == ["Ana Ruiz", "Ana Ruiz"])
    }

    @Test func aCollisionItCannotMergeIsRefusedAndNothingChanges() throws {
        let root = TestDirectory()
        try AthleteIdentityTests.session(root.path, "Ana Ruiz", time: "2026-12-01_100000")
        let typo = try AthleteIdentityTests.session(root.path, "Ana Ruis", time: "2026-12-01_100000")
        #expect(throws: AthleteRename.Refusal.self) { try AthleteRename.run(root: root.path, from: "Ana Ruis", to: "Ana Ruiz") }
        #expect(try ManifestStore.read(from: typo).athlete.name == "Ana Ruis")
        // Another athlete's directory under NEW's name is not merged into either.
        try AthleteIdentityTests.session(root.path, "Carla Diaz", dir: "Carla", time: "2026-12-02_100000")
        try AthleteIdentityTests.session(root.path, "Karla", time: "2026-12-03_100000")
        #expect(throws: AthleteRename.Refusal.self) { try AthleteRename.run(root: root.path, from: "Karla", to: "Carla") }
        #expect(try AthleteIdentityTests.names(root.path, "Karla") == ["Karla"])
        // An athlete the library does not have: refused with the near miss.
        let refusal = #expect(throws: AthleteRename.Refusal.self) { try AthleteRename.run(root: root.path, from: "Ana Ruyz", to: "X") }
        #expect(refusal?.description.contains("did you mean") == true)
    }
}
