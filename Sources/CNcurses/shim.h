// ncursesw for Swift: wide-character API on, plus inline shims for what Swift cannot import
// (attribute macros, globals that Swift 6 rejects as not concurrency-safe, the stdio streams).
#ifndef RUNBOOK_CNCURSES_SHIM_H
#define RUNBOOK_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *rb_stdscr(void) { return stdscr; }
static inline int rb_lines(void) { return LINES; }
static inline int rb_cols(void) { return COLS; }
static inline int rb_colors(void) { return COLORS; }
static inline int rb_color_pairs(void) { return COLOR_PAIRS; }

/// newterm on the process's stdout/stdin: returns NULL (instead of exiting, as initscr does) when the
/// terminal type is unknown or unusable.
static inline SCREEN *rb_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }

// Attribute bits (macros built from NCURSES_BITS, invisible to Swift).
static inline attr_t rb_attr_normal(void) { return A_NORMAL; }
static inline attr_t rb_attr_bold(void) { return A_BOLD; }
static inline attr_t rb_attr_dim(void) { return A_DIM; }
static inline attr_t rb_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t rb_attr_reverse(void) { return A_REVERSE; }
static inline attr_t rb_attr_blink(void) { return A_BLINK; }
static inline attr_t rb_attr_italic(void) { return A_ITALIC; }

/// Writes one cell: `text` is a NUL-terminated spacing character followed by at most
/// CCHARW_MAX - 1 combining characters. `pair` may exceed 32767 (passed as the extended pair).
/// At the bottom-right corner the character is inserted instead of added, so the cursor never
/// has to move past the end of the screen. Returns OK or ERR.
static inline int rb_put_cell(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, int pair, int last) {
    cchar_t cell;
    int extended = pair;
    if (setcchar(&cell, text, attrs, (short)(pair > 32767 ? 0 : pair), &extended) == ERR) return ERR;
    return last ? mvwins_wch(win, y, x, &cell) : mvwadd_wch(win, y, x, &cell);
}

/// The C library's column width of a character in the current locale (-1: not printable).
/// Declared here because glibc hides wcwidth unless _XOPEN_SOURCE is set before <wchar.h>.
static inline int rb_wcwidth(wchar_t c) { extern int wcwidth(wchar_t); return wcwidth(c); }

/// The window's size (getmaxyx is a macro).
static inline int rb_max_y(WINDOW *win) { return getmaxy(win); }
static inline int rb_max_x(WINDOW *win) { return getmaxx(win); }

#endif
