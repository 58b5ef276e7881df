/*
 * CCairo: cairo (PDF surfaces, drawing) and pango (Japanese text layout
 * through fontconfig) for Swift. Debian: libcairo2-dev, libpango1.0-dev;
 * the include paths come from pkg-config (pangocairo, cairo).
 *
 * PANGO_SCALE and the PANGO_PIXELS macros do not import into Swift; the
 * static inline functions below stand in for them.
 */
#ifndef DAICHO_CCAIRO_SHIM_H
#define DAICHO_CCAIRO_SHIM_H

#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
#include <cairo/cairo-svg.h>
#include <pango/pangocairo.h>

static inline int daicho_pango_scale(void) { return PANGO_SCALE; }

#endif
