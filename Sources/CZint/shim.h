/*
 * CZint: libzint (Debian libzint-dev), the barcode encoder: Code 128 and QR
 * code as vectors (rectangles) that DaichoPDF draws with cairo. zint ships
 * no pkg-config file; its header is /usr/include/zint.h.
 */
#ifndef DAICHO_CZINT_SHIM_H
#define DAICHO_CZINT_SHIM_H

#include <zint.h>

static inline int daicho_zint_code128(void) { return BARCODE_CODE128; }
static inline int daicho_zint_qrcode(void) { return BARCODE_QRCODE; }
static inline int daicho_zint_data_mode(void) { return DATA_MODE; }
static inline int daicho_zint_error_threshold(void) { return ZINT_ERROR; }

/* Whether the module at (row, column) of an encoded symbol is dark
 * (zint's encoded_data is a bit array; its own accessor is internal). */
static inline int daicho_zint_module(const struct zint_symbol *symbol, int row, int column) {
    return (symbol->encoded_data[row][column >> 3] >> (column & 7)) & 1;
}

#endif
