// CSQLite: SQLite 3 (Debian's libsqlite3-dev), the library cache beside a sessions root
// (docs/architecture.md, "The library cache"). Only static inline wrappers and static const
// constants live here, each with the reason.
#ifndef GAITLIVE_CSQLITE_SHIM_H
#define GAITLIVE_CSQLITE_SHIM_H

#include <sqlite3.h>

// Result codes and open flags are macros; named constants keep the Swift side typed as Int32.
static const int CSQLITE_OK = SQLITE_OK;
static const int CSQLITE_ROW = SQLITE_ROW;
static const int CSQLITE_DONE = SQLITE_DONE;
static const int CSQLITE_NULL = SQLITE_NULL;
// The two results that say a file is not a usable database (the cache is then made again).
static const int CSQLITE_CORRUPT = SQLITE_CORRUPT;
static const int CSQLITE_NOTADB = SQLITE_NOTADB;
static const int CSQLITE_OPEN_READWRITE = SQLITE_OPEN_READWRITE;
static const int CSQLITE_OPEN_CREATE = SQLITE_OPEN_CREATE;
// One connection per process and thread: no mutexes inside SQLite needed.
static const int CSQLITE_OPEN_NOMUTEX = SQLITE_OPEN_NOMUTEX;

// SQLITE_TRANSIENT is a function pointer cast of -1, which Swift cannot import: bind text and
// blobs through these, so SQLite copies the bytes before the Swift buffer goes away.
static inline int csqlite_bind_text(sqlite3_stmt *s, int i, const char *text, int bytes) {
    return sqlite3_bind_text(s, i, text, bytes, SQLITE_TRANSIENT);
}
static inline int csqlite_bind_blob(sqlite3_stmt *s, int i, const void *data, int bytes) {
    return sqlite3_bind_blob(s, i, data, bytes, SQLITE_TRANSIENT);
}

#endif
