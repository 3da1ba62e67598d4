import CSQLite

/// One connection to an SQLite database file (`sqlite3_open_v2`, closed by `sqlite3_close_v2`):
/// the library cache's store (`LibraryCache`), and the only place gaitlive holds an `sqlite3`
/// pointer. Opened without SQLite's own mutexes (`SQLITE_OPEN_NOMUTEX`): one connection is used
/// by one thread. Other processes may use the same file at once; SQLite's file locks order them
/// and a busy file is waited for up to `busyTimeoutMs`.
final class SQLiteDatabase {
    /// An SQLite call that failed: the file, what was being done, SQLite's own message and its
    /// primary result code.
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var doing: String
        var message: String
        var code: Int32 = 0
        var description: String { "\(path): \(doing): \(message)" }
        /// The file is not a database, or a damaged one (not merely busy or unwritable).
        var isDamagedFile: Bool { code == CSQLITE_CORRUPT || code == CSQLITE_NOTADB }
    }

    static let busyTimeoutMs: Int32 = 2_000

    let path: String
    private let handle: OpaquePointer

    /// Opens (creating if missing) the database at `path`.
    init(path: String) throws(Failure) {
        var h: OpaquePointer?
        let rc = sqlite3_open_v2(path, &h, CSQLITE_OPEN_READWRITE | CSQLITE_OPEN_CREATE | CSQLITE_OPEN_NOMUTEX, nil)
        guard rc == CSQLITE_OK, let h else {
            let message = h.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(h)
            throw Failure(path: path, doing: "cannot open", message: message, code: rc & 0xff)
        }
        self.path = path
        handle = h
        sqlite3_busy_timeout(h, SQLiteDatabase.busyTimeoutMs)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs `sql` (one or more statements, no parameters, no rows wanted): `sqlite3_exec`.
    func execute(_ sql: String) throws(Failure) {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        defer { sqlite3_free(error) }
        guard rc == CSQLITE_OK else {
            throw Failure(path: path, doing: "cannot run \(sql.prefix(40))", message: error.map { String(cString: $0) } ?? "code \(rc)",
                          code: rc & 0xff)
        }
    }

    /// A prepared statement (`sqlite3_prepare_v2`).
    func statement(_ sql: String) throws(Failure) -> SQLiteStatement {
        var s: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &s, nil) == CSQLITE_OK, let s else {
            throw failure("cannot prepare \(sql.prefix(40))")
        }
        return SQLiteStatement(handle: s, database: self)
    }

    /// `PRAGMA user_version`: the schema the file was written with (0 for a new file).
    func userVersion() throws(Failure) -> Int {
        let s = try statement("PRAGMA user_version")
        guard try s.step() else { return 0 }
        return Int(s.int(0))
    }

    /// A failure with SQLite's message for the last call on this connection.
    func failure(_ doing: String) -> Failure {
        Failure(path: path, doing: doing, message: String(cString: sqlite3_errmsg(handle)), code: sqlite3_errcode(handle) & 0xff)
    }
}

/// One prepared statement of a `SQLiteDatabase` (`sqlite3_stmt`, finalized when released):
/// parameters bound by position from 1 (`sqlite3_bind_*`), rows stepped (`sqlite3_step`) and
/// columns read by position from 0 (`sqlite3_column_*`). Text and blobs are copied on both sides.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let database: SQLiteDatabase

    fileprivate init(handle: OpaquePointer, database: SQLiteDatabase) {
        self.handle = handle
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ index: Int32, _ text: String?) {
        guard let text else {
            sqlite3_bind_null(handle, index)
            return
        }
        var t = text
        t.withUTF8 { u in
            _ = u.withMemoryRebound(to: CChar.self) { c in csqlite_bind_text(handle, index, c.baseAddress, Int32(c.count)) }
        }
    }

    func bind(_ index: Int32, _ value: Int) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    func bind(_ index: Int32, blob: [UInt8]) {
        blob.withUnsafeBytes { b in _ = csqlite_bind_blob(handle, index, b.baseAddress, Int32(b.count)) }
    }

    /// The next row: true when there is one, false when the statement is done.
    func step() throws(SQLiteDatabase.Failure) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == CSQLITE_ROW { return true }
        if rc == CSQLITE_DONE { return false }
        throw database.failure("cannot step")
    }

    /// Runs a statement that returns no rows, then makes it ready to be bound again.
    func run() throws(SQLiteDatabase.Failure) {
        defer { reset() }
        _ = try step()
    }

    /// Ready to be bound and stepped again (`sqlite3_reset`, `sqlite3_clear_bindings`).
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == CSQLITE_NULL }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    func text(_ column: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, column) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    func blob(_ column: Int32) -> [UInt8] {
        let n = Int(sqlite3_column_bytes(handle, column))
        guard n > 0, let p = sqlite3_column_blob(handle, column) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: p, count: n))
    }
}
