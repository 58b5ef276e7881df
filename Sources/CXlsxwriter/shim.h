/*
 * CXlsxwriter: libxlsxwriter (Debian's libxlsxwriter-dev), which writes real
 * .xlsx workbooks, for DaichoSheets. Nothing but the library's own header.
 */
#ifndef DAICHO_CXLSXWRITER_SHIM_H
#define DAICHO_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#endif
