#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <locale.h>

/* Swift cannot import these macros and globals directly. */
static inline WINDOW *edgewise_stdscr(void) { return stdscr; }
static inline int edgewise_lines(void) { return LINES; }
static inline int edgewise_cols(void) { return COLS; }
static inline attr_t edgewise_a_bold(void) { return A_BOLD; }
static inline attr_t edgewise_a_reverse(void) { return A_REVERSE; }
static inline attr_t edgewise_a_underline(void) { return A_UNDERLINE; }
static inline attr_t edgewise_a_dim(void) { return A_DIM; }
static inline attr_t edgewise_color_pair(int n) { return COLOR_PAIR(n); }
