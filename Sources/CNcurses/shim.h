#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* Swift cannot import these macros and globals directly. */
static inline WINDOW *edgewise_stdscr(void) { return stdscr; }
static inline int edgewise_lines(void) { return LINES; }
static inline int edgewise_cols(void) { return COLS; }
static inline int edgewise_colors(void) { return COLORS; }
static inline int edgewise_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t edgewise_a_bold(void) { return A_BOLD; }
static inline attr_t edgewise_a_reverse(void) { return A_REVERSE; }
static inline attr_t edgewise_a_underline(void) { return A_UNDERLINE; }
static inline attr_t edgewise_a_dim(void) { return A_DIM; }
static inline attr_t edgewise_color_pair(int n) { return COLOR_PAIR(n); }

/* The locale's character set, e.g. "UTF-8" or "ANSI_X3.4-1968". */
static inline const char *edgewise_codeset(void) { return nl_langinfo(CODESET); }

/* newterm on the process's stdout/stdin (Swift 6 rejects the `stdout` global). */
static inline SCREEN *edgewise_newterm(void) { return newterm(NULL, stdout, stdin); }

/*
 * Signals that end the process restore the terminal first: the handler calls endwin, puts back
 * the handler that was there before and raises the signal again, so the process ends (or
 * crashes, with any crash reporter) as it would have without us.
 */
#define EDGEWISE_SIGNAL_COUNT 9

/* Swift emits these inline functions but not file-scope statics, so the state lives in them. */
static inline int edgewise_signal(int i) {
    static const int signals[EDGEWISE_SIGNAL_COUNT] = {
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE
    };
    return signals[i];
}

static inline struct sigaction *edgewise_previous_action(int i) {
    static struct sigaction previous[EDGEWISE_SIGNAL_COUNT];
    return &previous[i];
}

static void edgewise_restore_terminal_and_reraise(int signal_number) {
    endwin();
    for (int i = 0; i < EDGEWISE_SIGNAL_COUNT; i++) {
        if (edgewise_signal(i) == signal_number) {
            sigaction(signal_number, edgewise_previous_action(i), NULL);
        }
    }
    raise(signal_number);
}

static inline void edgewise_install_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = edgewise_restore_terminal_and_reraise;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < EDGEWISE_SIGNAL_COUNT; i++) {
        sigaction(edgewise_signal(i), &action, edgewise_previous_action(i));
        /* A signal the parent told us to ignore (nohup, `trap '' INT`) stays ignored. */
        if (edgewise_previous_action(i)->sa_handler == SIG_IGN) {
            sigaction(edgewise_signal(i), edgewise_previous_action(i), NULL);
        }
    }
}

static inline void edgewise_remove_signal_handlers(void) {
    for (int i = 0; i < EDGEWISE_SIGNAL_COUNT; i++) {
        sigaction(edgewise_signal(i), edgewise_previous_action(i), NULL);
    }
}
