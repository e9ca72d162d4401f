#ifndef CVTERM_SHIM_H
#define CVTERM_SHIM_H

/*
 * Swift-facing helpers around Debian's libvterm 0.1.4 (<vterm.h>).
 *
 * Colours and attributes are packed into small integers so the Swift side can
 * compare and store them cheaply:
 *   colour:     0 = default, 0x01000000 | idx = palette index, 0x02000000 | 0xRRGGBB = truecolor
 *   attributes: the raw value of TerminalUI's CellAttributes
 *               (bold 1, italic 2, underline 4, blink 8, reverse 16, strike 32)
 * libvterm 0.1.4 has no "dim" (SGR 2) or "conceal" attribute; every underline
 * style (single, double, curly) maps to the one underline bit; fonts are dropped.
 */

#include <vterm.h>
#include <stdint.h>
#include <string.h>

#define CVTERM_COLOR_DEFAULT 0u
#define CVTERM_COLOR_INDEXED 0x01000000u
#define CVTERM_COLOR_RGB     0x02000000u

#define CVTERM_ATTR_BOLD      1u
#define CVTERM_ATTR_ITALIC    2u
#define CVTERM_ATTR_UNDERLINE 4u
#define CVTERM_ATTR_BLINK     8u
#define CVTERM_ATTR_REVERSE   16u
#define CVTERM_ATTR_STRIKE    32u

/** Marker libvterm stores in chars[0] of the right half of a double-width character. */
#define CVTERM_CONTINUATION_CHAR 0xFFFFFFFFu

/** Packs a colour; either "default" flag (fg or bg) means the terminal default. */
static inline uint32_t cvterm_pack_color(const VTermColor *c) {
    if (c->type & VTERM_COLOR_DEFAULT_MASK)
        return CVTERM_COLOR_DEFAULT;
    if (VTERM_COLOR_IS_INDEXED(c))
        return CVTERM_COLOR_INDEXED | c->indexed.idx;
    return CVTERM_COLOR_RGB | ((uint32_t)c->rgb.red << 16) | ((uint32_t)c->rgb.green << 8) | c->rgb.blue;
}

/** Rebuilds a VTermColor from its packed form (used to hand scrollback lines back). */
static inline void cvterm_unpack_color(VTermColor *c, uint32_t packed, int is_background) {
    memset(c, 0, sizeof *c);
    switch (packed & 0xFF000000u) {
    case CVTERM_COLOR_INDEXED:
        vterm_color_indexed(c, (uint8_t)(packed & 0xFF));
        break;
    case CVTERM_COLOR_RGB:
        vterm_color_rgb(c, (uint8_t)(packed >> 16), (uint8_t)(packed >> 8), (uint8_t)packed);
        break;
    default:
        c->type = VTERM_COLOR_RGB | (is_background ? VTERM_COLOR_DEFAULT_BG : VTERM_COLOR_DEFAULT_FG);
        break;
    }
}

static inline uint8_t cvterm_pack_attrs(const VTermScreenCellAttrs *a) {
    uint8_t bits = 0;
    if (a->bold)      bits |= CVTERM_ATTR_BOLD;
    if (a->italic)    bits |= CVTERM_ATTR_ITALIC;
    if (a->underline) bits |= CVTERM_ATTR_UNDERLINE;
    if (a->blink)     bits |= CVTERM_ATTR_BLINK;
    if (a->reverse)   bits |= CVTERM_ATTR_REVERSE;
    if (a->strike)    bits |= CVTERM_ATTR_STRIKE;
    return bits;
}

/** Style of one cell: returns the packed attributes and stores the packed colours. */
static inline uint8_t cvterm_cell_style(const VTermScreenCell *cell, uint32_t *fg, uint32_t *bg) {
    *fg = cvterm_pack_color(&cell->fg);
    *bg = cvterm_pack_color(&cell->bg);
    return cvterm_pack_attrs(&cell->attrs);
}

/** Width libvterm reports for a cell (1 or 2; it is a plain `char` field). */
static inline int cvterm_cell_width(const VTermScreenCell *cell) {
    return (int)cell->width;
}

/**
 * Fills a cell for sb_popline. `chars` holds `count` code points (0...6); `width` must be 1 or 2.
 */
static inline void cvterm_cell_fill(VTermScreenCell *cell, const uint32_t *chars, int count, int width,
                                    uint32_t fg, uint32_t bg, uint8_t attrs) {
    memset(cell, 0, sizeof *cell);
    for (int i = 0; i < count && i < VTERM_MAX_CHARS_PER_CELL; i++)
        cell->chars[i] = chars[i];
    cell->width = (char)width;
    cell->attrs.bold      = (attrs & CVTERM_ATTR_BOLD) != 0;
    cell->attrs.italic    = (attrs & CVTERM_ATTR_ITALIC) != 0;
    cell->attrs.underline = (attrs & CVTERM_ATTR_UNDERLINE) ? VTERM_UNDERLINE_SINGLE : VTERM_UNDERLINE_OFF;
    cell->attrs.blink     = (attrs & CVTERM_ATTR_BLINK) != 0;
    cell->attrs.reverse   = (attrs & CVTERM_ATTR_REVERSE) != 0;
    cell->attrs.strike    = (attrs & CVTERM_ATTR_STRIKE) != 0;
    cvterm_unpack_color(&cell->fg, fg, 0);
    cvterm_unpack_color(&cell->bg, bg, 1);
}

/** The current pen (what the next printed character or erased cell gets), packed. */
static inline uint8_t cvterm_pen_style(const VTermState *state, uint32_t *fg, uint32_t *bg) {
    VTermValue v;
    uint8_t bits = 0;
    if (vterm_state_get_penattr(state, VTERM_ATTR_BOLD, &v) && v.boolean)      bits |= CVTERM_ATTR_BOLD;
    if (vterm_state_get_penattr(state, VTERM_ATTR_ITALIC, &v) && v.boolean)    bits |= CVTERM_ATTR_ITALIC;
    if (vterm_state_get_penattr(state, VTERM_ATTR_UNDERLINE, &v) && v.number)  bits |= CVTERM_ATTR_UNDERLINE;
    if (vterm_state_get_penattr(state, VTERM_ATTR_BLINK, &v) && v.boolean)     bits |= CVTERM_ATTR_BLINK;
    if (vterm_state_get_penattr(state, VTERM_ATTR_REVERSE, &v) && v.boolean)   bits |= CVTERM_ATTR_REVERSE;
    if (vterm_state_get_penattr(state, VTERM_ATTR_STRIKE, &v) && v.boolean)    bits |= CVTERM_ATTR_STRIKE;
    *fg = vterm_state_get_penattr(state, VTERM_ATTR_FOREGROUND, &v) ? cvterm_pack_color(&v.color) : 0;
    *bg = vterm_state_get_penattr(state, VTERM_ATTR_BACKGROUND, &v) ? cvterm_pack_color(&v.color) : 0;
    return bits;
}

/** A boolean or number attribute of the current pen (bold, underline kind, font, ...). */
static inline int cvterm_pen_number(const VTermState *state, VTermAttr attr) {
    VTermValue v;
    if (!vterm_state_get_penattr(state, attr, &v))
        return 0;
    return vterm_get_attr_type(attr) == VTERM_VALUETYPE_BOOL ? v.boolean : v.number;
}

/** A colour attribute of the current pen, packed. */
static inline uint32_t cvterm_pen_color(const VTermState *state, VTermAttr attr) {
    VTermValue v;
    return vterm_state_get_penattr(state, attr, &v) ? cvterm_pack_color(&v.color) : 0;
}

/** Reads a boolean or number terminal property value. */
static inline int cvterm_value_int(const VTermValue *v, VTermProp prop) {
    return vterm_get_prop_type(prop) == VTERM_VALUETYPE_BOOL ? v->boolean : v->number;
}

/** Reads a string terminal property value (title, icon name); may be NULL. */
static inline const char *cvterm_value_string(const VTermValue *v) {
    return v->string;
}

#endif
