import Foundation

/// The library cache: an SQLite file beside the sessions (`ROOT/.gaitlive-library.sqlite`) that
/// keeps, per session, what `gaitlive sessions` shows (`SessionSummary`) and figures measured from
/// the session (the progress command's), so a library of thousands of sessions answers without
/// decoding thousands of manifests or measuring hundreds of sessions again.
///
/// The session directories stay the truth. Every value is held with the stamp of what it was
/// made from (`FileStamp`: the manifest's for a summary, the whole session tree's and the
/// program's for figures) and used only while that stamp is unchanged; a session copied in by
/// hand, recorded, corrected, repaired or renamed is read again. A session being recorded is
/// never held. Deleting the file loses nothing: the next listing makes it again. When it cannot
/// be opened or written (a read-only root, a damaged file that cannot be replaced), gaitlive works
/// without it, only slower. docs/architecture.md, "The library cache".
public final class LibraryCache {
    /// The cache's name inside the sessions root (hidden: the library skips dot names).
    public static let fileName = ".gaitlive-library.sqlite"
    /// `PRAGMA user_version` of the tables below; a file of another version is emptied and made again.
    static let schemaVersion = 1

    /// A summary as held, with the stamp it was made from.
    struct Held {
        var stamp: String
        var summary: SessionSummary
    }

    private let db: SQLiteDatabase

    /// The cache of the library at `root`, made if missing; nil when it cannot be opened or made
    /// (the caller then reads every session itself).
    public static func open(root: String) -> LibraryCache? {
        let path = root + "/" + fileName
        do {
            return try LibraryCache(path: path)
        } catch where error.isDamagedFile {
            // Not an SQLite file, or damaged: it holds nothing the sessions do not, so start again.
            // (Busy or unwritable is not damage: then this run goes without the cache.)
            guard unlink(path) == 0 else { return nil }
            return try? LibraryCache(path: path)
        } catch {
            return nil
        }
    }

    init(path: String) throws(SQLiteDatabase.Failure) {
        db = try SQLiteDatabase(path: path)
        let version = try db.userVersion()
        guard version != LibraryCache.schemaVersion else { return }
        try db.execute("""
            BEGIN IMMEDIATE;
            DROP TABLE IF EXISTS summary;
            DROP TABLE IF EXISTS derived;
            CREATE TABLE summary (
                directory TEXT PRIMARY KEY, stamp TEXT NOT NULL,
                athlete TEXT NOT NULL, folded TEXT NOT NULL, created TEXT NOT NULL, status TEXT NOT NULL,
                problem TEXT, interruption TEXT, notes INTEGER NOT NULL, stages TEXT NOT NULL, frames TEXT NOT NULL,
                camera_drops INTEGER NOT NULL, not_saved INTEGER NOT NULL);
            CREATE TABLE derived (
                directory TEXT NOT NULL, kind TEXT NOT NULL, stamp TEXT NOT NULL, data BLOB NOT NULL,
                PRIMARY KEY (directory, kind));
            PRAGMA user_version = \(LibraryCache.schemaVersion);
            COMMIT;
            """)
    }

    /// Every summary held, by directory relative to the root.
    func summaries() throws(SQLiteDatabase.Failure) -> [String: Held] {
        let s = try db.statement("""
            SELECT directory, stamp, athlete, folded, created, status, problem, interruption, notes, stages, frames,
                   camera_drops, not_saved FROM summary
            """)
        var out: [String: Held] = [:]
        while try s.step() {
            guard let directory = s.text(0), let stamp = s.text(1), let athlete = s.text(2), let folded = s.text(3),
                  let created = s.text(4), let status = s.text(5).flatMap(SessionManifest.Status.init(rawValue:)),
                  let stages = s.text(9).flatMap(SessionSummary.stages), let frames = s.text(10).flatMap(SessionSummary.frames)
            else { continue } // unreadable: read from the session again
            let summary = SessionSummary(
                athlete: athlete, foldedAthlete: folded, created: created, status: status,
                firstProblem: s.isNull(6) ? nil : s.text(6), interruption: s.isNull(7) ? nil : s.text(7),
                notes: s.int(8), stages: stages, frames: frames, droppedByCamera: s.int(11), notSaved: s.int(12))
            out[directory] = Held(stamp: stamp, summary: summary)
        }
        return out
    }

    /// Forgets `gone` directories (their summaries and derived values), then holds `fresh`
    /// summaries (directory relative to the root, stamp, summary), in one transaction.
    func update(fresh: [(String, String, SessionSummary)], gone: [String]) throws(SQLiteDatabase.Failure) {
        guard !fresh.isEmpty || !gone.isEmpty else { return }
        try db.execute("BEGIN IMMEDIATE")
        do {
            let dropSummary = try db.statement("DELETE FROM summary WHERE directory = ?1")
            let dropDerived = try db.statement("DELETE FROM derived WHERE directory = ?1")
            for directory in gone {
                dropSummary.bind(1, directory)
                try dropSummary.run()
                dropDerived.bind(1, directory)
                try dropDerived.run()
            }
            let put = try db.statement("""
                INSERT OR REPLACE INTO summary (directory, stamp, athlete, folded, created, status, problem,
                    interruption, notes, stages, frames, camera_drops, not_saved)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                """)
            for (directory, stamp, m) in fresh {
                put.bind(1, directory)
                put.bind(2, stamp)
                put.bind(3, m.athlete)
                put.bind(4, m.foldedAthlete)
                put.bind(5, m.created)
                put.bind(6, m.status.rawValue)
                put.bind(7, m.firstProblem)
                put.bind(8, m.interruption)
                put.bind(9, m.notes)
                put.bind(10, m.stagesText)
                put.bind(11, m.framesText)
                put.bind(12, m.droppedByCamera)
                put.bind(13, m.notSaved)
                try put.run()
            }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    /// A value measured from the session at `directory` (relative to the root), held under `kind`,
    /// if it was made from the same `stamp`.
    public func derived(_ directory: String, kind: String, stamp: String) -> [UInt8]? {
        guard let s = try? db.statement("SELECT data FROM derived WHERE directory = ?1 AND kind = ?2 AND stamp = ?3") else {
            return nil
        }
        s.bind(1, directory)
        s.bind(2, kind)
        s.bind(3, stamp)
        guard (try? s.step()) == true else { return nil }
        return s.blob(0)
    }

    /// Holds `data` measured from the session at `directory` under `kind`, with the `stamp` it
    /// was made from (replacing what was held). A failure to write is ignored: the value is
    /// measured again next time.
    public func storeDerived(_ directory: String, kind: String, stamp: String, data: [UInt8]) {
        guard let s = try? db.statement("INSERT OR REPLACE INTO derived (directory, kind, stamp, data) VALUES (?1, ?2, ?3, ?4)") else {
            return
        }
        s.bind(1, directory)
        s.bind(2, kind)
        s.bind(3, stamp)
        s.bind(4, blob: data)
        try? s.run()
    }
}
