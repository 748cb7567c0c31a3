#ifndef SPECTER_CNCURSESW_SHIM_H
#define SPECTER_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags, so the wide-character API must be requested here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>

// Macros Swift cannot import, as functions.
static inline attr_t specter_attr_bold(void) { return A_BOLD; }
static inline attr_t specter_attr_dim(void) { return A_DIM; }
static inline attr_t specter_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t specter_attr_reverse(void) { return A_REVERSE; }
static inline attr_t specter_attr_italic(void) { return A_ITALIC; }
static inline WINDOW *specter_stdscr(void) { return stdscr; }
static inline int specter_lines(void) { return LINES; }
static inline int specter_cols(void) { return COLS; }
static inline int specter_colors(void) { return COLORS; }
static inline int specter_color_pairs(void) { return COLOR_PAIRS; }

// Mouse masks are built by macros.
static inline mmask_t specter_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t specter_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t specter_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t specter_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t specter_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t specter_button5_pressed(void) { return BUTTON5_PRESSED; }
#endif
