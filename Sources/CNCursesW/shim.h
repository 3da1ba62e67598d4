// CNCursesW: the ncursesw surface Swift cannot import directly.
// Only static inline wrappers and static const constants live here, each with the reason.
#ifndef GAITLIVE_CNCURSESW_SHIM_H
#define GAITLIVE_CNCURSESW_SHIM_H

// SwiftPM drops ncursesw's pkg-config -D_XOPEN_SOURCE=600, without which cchar_t,
// setcchar and wget_wch are not declared.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// A_* attributes are built with the NCURSES_BITS function-like macro, which Swift does not import.
static const attr_t CNC_A_NORMAL = A_NORMAL;
static const attr_t CNC_A_BOLD = A_BOLD;
static const attr_t CNC_A_REVERSE = A_REVERSE;
static const attr_t CNC_A_DIM = A_DIM;
static const attr_t CNC_A_UNDERLINE = A_UNDERLINE;

// COLORS and COLOR_PAIRS are mutable C globals, which Swift 6 rejects as shared mutable state.
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }

// setcchar takes the extended pair number through its opaque `opts` pointer; COLOR_PAIR() keeps
// only 8 bits, so pairs above 255 need this path.
static inline int cnc_setcchar(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair) {
    return setcchar(cell, text, attrs, (short)(pair < 32767 ? pair : 0), &pair);
}

// stdscr is a mutable C global, which Swift 6 rejects as shared mutable state.
static inline WINDOW *cnc_stdscr(void) { return stdscr; }

// ERR and OK are macros of type int that Swift imports, but KEY_CODE_YES-style return values of
// wget_wch are easier to compare against named constants of one type.
static const int CNC_KEY_CODE_YES = KEY_CODE_YES;
static const int CNC_ERR = ERR;

#endif
