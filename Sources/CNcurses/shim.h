// ncursesw for Swift: wide-character API on, plus inline shims for what Swift cannot import
// (attribute macros, globals that Swift 6 rejects as not concurrency-safe).
#ifndef RUNBOOK_CNCURSES_SHIM_H
#define RUNBOOK_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *rb_stdscr(void) { return stdscr; }
static inline int rb_lines(void) { return LINES; }
static inline int rb_cols(void) { return COLS; }
static inline int rb_colors(void) { return COLORS; }
static inline int rb_color_pairs(void) { return COLOR_PAIRS; }

#endif
