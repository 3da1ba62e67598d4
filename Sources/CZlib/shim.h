// CZlib: zlib (Debian's zlib1g-dev), the deflate and CRC-32 under the report's PNG pictures.
// Only static inline wrappers and static const constants live here, each with the reason.
#ifndef GAITLIVE_CZLIB_SHIM_H
#define GAITLIVE_CZLIB_SHIM_H

#include <zlib.h>

// Z_OK and Z_BEST_COMPRESSION are macros; named constants keep the Swift side typed as Int32.
static const int CZLIB_OK = Z_OK;
static const int CZLIB_BEST_COMPRESSION = Z_BEST_COMPRESSION;

#endif
