/*
 * CNcursesw: the ncursesw wide-character API for Swift.
 *
 * SwiftPM drops the -D_XOPEN_SOURCE that pkg-config would give, so the wide
 * API (cchar_t, get_wch, setcchar, ...) is enabled here before the include.
 * Macros and mutable globals do not import into Swift (or are not
 * concurrency-safe there); the static inline functions below stand in for
 * the ones DaichoTerminal needs.
 */
#ifndef DAICHO_CNCURSESW_SHIM_H
#define DAICHO_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <ncursesw/curses.h>

/* Attribute masks (macros in curses.h). */
static inline attr_t daicho_attr_normal(void) { return A_NORMAL; }
static inline attr_t daicho_attr_bold(void) { return A_BOLD; }
static inline attr_t daicho_attr_reverse(void) { return A_REVERSE; }
static inline attr_t daicho_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t daicho_attr_dim(void) { return A_DIM; }

/* Mutable globals, read through functions. */
static inline WINDOW *daicho_stdscr(void) { return stdscr; }
static inline int daicho_lines(void) { return LINES; }
static inline int daicho_cols(void) { return COLS; }
static inline int daicho_colors(void) { return COLORS; }
static inline int daicho_color_pairs(void) { return COLOR_PAIRS; }

/* The C standard streams (mutable globals in Swift's Glibc module). */
static inline FILE *daicho_stdin_file(void) { return stdin; }
static inline FILE *daicho_stdout_file(void) { return stdout; }

/* getmaxyx is a macro assigning to its arguments. */
static inline void daicho_getmaxyx(WINDOW *win, int *rows, int *cols) {
    int y = 0, x = 0;
    getmaxyx(win, y, x);
    *rows = y;
    *cols = x;
}

/* The number of wide characters a cchar_t can hold (base plus combining). */
static inline int daicho_ccharw_max(void) { return CCHARW_MAX; }

/* Function keys: KEY_F(n) is a function-like macro. */
static inline int daicho_key_f(int n) { return KEY_F(n); }

#endif
