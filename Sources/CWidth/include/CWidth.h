/*
 * CWidth: the few C library facilities Glibc hides from Swift.
 *
 * - wcwidth(3), declared by glibc only under _XOPEN_SOURCE;
 * - choosing the locale from the environment and checking its codeset;
 * - an async-signal-safe record of termination signals for the terminal
 *   adapter (a C handler only stores a sig_atomic_t).
 */
#ifndef DAICHO_CWIDTH_H
#define DAICHO_CWIDTH_H

#include <stdint.h>

/* The column width of one Unicode scalar in the current locale:
 * 0 for combining marks, 1 or 2 for printable characters, -1 for
 * characters the locale considers unprintable (controls). */
int daicho_wcwidth(int32_t scalar);

/* setlocale(LC_ALL, "") and, when the resulting codeset is not UTF-8,
 * setlocale(LC_ALL, "C.UTF-8"). Returns 1 when the locale in force
 * afterwards has a UTF-8 codeset, 0 otherwise. */
int daicho_setlocale_from_environment(void);

/* setlocale(LC_ALL, name). Returns 1 when it succeeded and the codeset is
 * UTF-8, 0 otherwise. */
int daicho_setlocale_utf8(const char *name);

/* 1 when the current LC_CTYPE codeset is UTF-8, 0 otherwise. */
int daicho_locale_is_utf8(void);

/* The current LC_CTYPE codeset name (nl_langinfo(CODESET)); never NULL. */
const char *daicho_locale_codeset(void);

/* Installs handlers for SIGINT, SIGTERM and SIGHUP that only record the
 * signal number (without SA_RESTART, so blocking reads return EINTR).
 * The previous handlers are saved. Returns 0 on success, -1 on failure. */
int daicho_signals_install(void);

/* Restores the handlers saved by daicho_signals_install. Idempotent. */
void daicho_signals_restore(void);

/* The first recorded signal number since the last reset, or 0. */
int daicho_signals_pending(void);

/* Forgets any recorded signal. */
void daicho_signals_reset(void);

#endif
