// libxlsxwriter, the maintained C library that writes Excel workbooks
// (Debian: libxlsxwriter-dev), loaded when the first workbook is written
// rather than when Casebook starts: the library and what it brings (minizip,
// libcrypto and its 21,000 relocations) cost about 2 ms of every start-up,
// and most runs never write a workbook. Its API has no variadic functions,
// so Swift calls it directly: the functions Casebook uses are defined in
// loader.c with the library's own names and prototypes, each forwarding to
// the library's function once it is loaded.
#ifndef CASEBOOK_CXLSXWRITER_H
#define CASEBOOK_CXLSXWRITER_H

#include <xlsxwriter.h>

/// Loads the library (once; later calls return the first answer): NULL when
/// it and every function Casebook uses were found, else what went wrong.
/// `path` names the library file; NULL or "" tries the usual names.
const char *casebook_xlsxwriter_load(const char *path);

#endif
