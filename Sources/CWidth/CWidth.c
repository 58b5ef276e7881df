#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE 1

#include "CWidth.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

int daicho_wcwidth(int32_t scalar) {
    return wcwidth((wchar_t)scalar);
}

const char *daicho_locale_codeset(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset ? codeset : "";
}

int daicho_locale_is_utf8(void) {
    const char *codeset = daicho_locale_codeset();
    return strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "UTF8") == 0;
}

int daicho_setlocale_utf8(const char *name) {
    if (setlocale(LC_ALL, name) == NULL) {
        return 0;
    }
    return daicho_locale_is_utf8();
}

int daicho_setlocale_from_environment(void) {
    if (daicho_setlocale_utf8("")) {
        return 1;
    }
    return daicho_setlocale_utf8("C.UTF-8");
}

static volatile sig_atomic_t pending_signal = 0;
static int installed = 0;
static const int handled_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define HANDLED_COUNT (sizeof handled_signals / sizeof handled_signals[0])
static struct sigaction saved_actions[HANDLED_COUNT];

static void record_signal(int signo) {
    if (pending_signal == 0) {
        pending_signal = signo;
    }
}

int daicho_signals_install(void) {
    if (installed) {
        return 0;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    for (size_t i = 0; i < HANDLED_COUNT; i++) {
        if (sigaction(handled_signals[i], &action, &saved_actions[i]) != 0) {
            for (size_t j = 0; j < i; j++) {
                sigaction(handled_signals[j], &saved_actions[j], NULL);
            }
            return -1;
        }
    }
    installed = 1;
    return 0;
}

void daicho_signals_restore(void) {
    if (!installed) {
        return;
    }
    for (size_t i = 0; i < HANDLED_COUNT; i++) {
        sigaction(handled_signals[i], &saved_actions[i], NULL);
    }
    installed = 0;
}

int daicho_signals_pending(void) {
    return pending_signal;
}

void daicho_signals_reset(void) {
    pending_signal = 0;
}
