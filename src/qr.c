/* qr.c: text -> QR module matrix (libqrencode) -> one filled cairo path.
 *
 * Why trace outlines instead of drawing one rectangle per module: a PDF
 * viewer anti-aliases each shape on its own, so two dark rectangles that
 * merely touch leave a faint light hairline between them (and thousands of
 * tiny shapes make the file big and slow).  We collect the boundary edges
 * between dark and light modules, chain them into closed loops and fill
 * those loops as one path.  Edges run clockwise around dark areas, so
 * light holes inside them come out anticlockwise and the nonzero winding
 * rule leaves them empty.  There are no interior edges left that could
 * show as seams, whatever the renderer.
 *
 * The capacity table lets us say how long the text may be, instead of
 * relaying libqrencode's bare ERANGE. */
#include "qr.h"
#include "i18n.h"

#include <errno.h>
#include <glib.h>
#include <math.h>
#include <qrencode.h>
#include <string.h>

/* Data codewords per version (1..40) and level (L M Q H): ISO/IEC 18004
 * Table 7.  Checked against libqrencode for every entry (tests/test_qr.c). */
static const short data_codewords[40][4] = {
        {19, 16, 13, 9},         {34, 28, 22, 16},        {55, 44, 34, 26},
        {80, 64, 48, 36},        {108, 86, 62, 46},       {136, 108, 76, 60},
        {156, 124, 88, 66},      {194, 154, 110, 86},     {232, 182, 132, 100},
        {274, 216, 154, 122},    {324, 254, 180, 140},    {370, 290, 206, 158},
        {428, 334, 244, 180},    {461, 365, 261, 197},    {523, 415, 295, 223},
        {589, 453, 325, 253},    {647, 507, 367, 283},    {721, 563, 397, 313},
        {795, 627, 445, 341},    {861, 669, 485, 385},    {932, 714, 512, 406},
        {1006, 782, 568, 442},   {1094, 860, 614, 464},   {1174, 914, 664, 514},
        {1276, 1000, 718, 538},  {1370, 1062, 754, 596},  {1468, 1128, 808, 628},
        {1531, 1193, 871, 661},  {1631, 1267, 911, 701},  {1735, 1373, 985, 745},
        {1843, 1455, 1033, 793}, {1955, 1541, 1115, 845}, {2071, 1631, 1171, 901},
        {2191, 1725, 1231, 961}, {2306, 1812, 1286, 986}, {2434, 1914, 1354, 1054},
        {2566, 1992, 1426, 1096}, {2702, 2102, 1502, 1142}, {2812, 2216, 1582, 1222},
        {2956, 2334, 1666, 1276},
};

static QRecLevel to_qrencode(enum qr_level level)
{
        switch (level) {
        case QR_LEVEL_L: return QR_ECLEVEL_L;
        case QR_LEVEL_M: return QR_ECLEVEL_M;
        case QR_LEVEL_Q: return QR_ECLEVEL_Q;
        case QR_LEVEL_H: return QR_ECLEVEL_H;
        }
        g_assert_not_reached();
}

const char *qr_level_name(enum qr_level level)
{
        static const char *const names[] = {"L", "M", "Q", "H"};
        g_assert((unsigned)level < G_N_ELEMENTS(names));
        return names[level];
}

bool qr_level_parse(const char *s, enum qr_level *out)
{
        if (!s || !s[0] || s[1])
                return false;
        switch (g_ascii_toupper(s[0])) {
        case 'L': *out = QR_LEVEL_L; return true;
        case 'M': *out = QR_LEVEL_M; return true;
        case 'Q': *out = QR_LEVEL_Q; return true;
        case 'H': *out = QR_LEVEL_H; return true;
        }
        return false;
}

static int clamp_version(int max_version)
{
        g_assert(max_version >= 0);
        return max_version == 0 || max_version > QRSPEC_VERSION_MAX ? QRSPEC_VERSION_MAX
                                                                    : max_version;
}

int qr_capacity(enum qr_level level, int max_version)
{
        int v = clamp_version(max_version);
        g_assert((unsigned)level < 4);
        /* Byte mode: 4-bit mode indicator, then the length in 8 bits up to
         * version 9 and in 16 bits from version 10, then 8 bits a byte. */
        int count_bits = v <= 9 ? 8 : 16;
        return (data_codewords[v - 1][level] * 8 - 4 - count_bits) / 8;
}

struct qr *qr_encode(const char *text, enum qr_level level, int max_version, char **err)
{
        size_t len = text ? strlen(text) : 0;
        int cap = clamp_version(max_version);
        int limit = qr_capacity(level, cap);

        *err = NULL;
        if (len == 0) {
                *err = g_strdup(_("is empty; a QR code needs some text"));
                return NULL;
        }
        if (len > (size_t)limit) {
                if (cap < QRSPEC_VERSION_MAX)
                        *err = g_strdup_printf(_("%zu bytes is too long for a QR code of version %d "
                                               "at error correction %s (at most %d)"),
                                               len, cap, qr_level_name(level), limit);
                else
                        *err = g_strdup_printf(_("%zu bytes is too long for a QR code "
                                               "at error correction %s (at most %d)"),
                                               len, qr_level_name(level), limit);
                return NULL;
        }

        /* Byte mode on purpose: the string modes would upper-case letters
         * to fit alphanumeric mode, and the URL must come back unchanged. */
        QRcode *code = QRcode_encodeData((int)len, (const unsigned char *)text, 0,
                                         to_qrencode(level));
        if (!code) {
                *err = g_strdup_printf(_("cannot make a QR code: %s"), g_strerror(errno));
                return NULL;
        }
        /* The table above and libqrencode agree, so this cannot fail. */
        g_assert(code->version <= cap);

        struct qr *q = g_new(struct qr, 1);
        q->width = code->width;
        q->dark = g_malloc((size_t)code->width * (size_t)code->width);
        for (size_t i = 0; i < (size_t)code->width * (size_t)code->width; i++)
                q->dark[i] = code->data[i] & 1;   /* bit 0 is "black"; others are debug info */
        QRcode_free(code);
        return q;
}

void qr_free(struct qr *q)
{
        if (!q)
                return;
        g_free(q->dark);
        g_free(q);
}

int qr_total(const struct qr *q)
{
        return q->width + 2 * QR_QUIET;
}

/* ---- outline tracing --------------------------------------------------- */

/* Directions of boundary edges on the grid of module corners, y down. */
enum { DIR_RIGHT, DIR_DOWN, DIR_LEFT, DIR_UP };
static const int dir_dx[4] = {1, 0, -1, 0};
static const int dir_dy[4] = {0, 1, 0, -1};

/* Where corner (i, j) of the module grid lands: origin + (i + quiet) * m. */
struct grid {
        double ox, oy, mx, my;
};

static bool is_dark(const struct qr *q, int col, int row)
{
        return col >= 0 && row >= 0 && col < q->width && row < q->width &&
               q->dark[(size_t)row * (size_t)q->width + (size_t)col];
}

static void corner(cairo_t *cr, const struct grid *g, int i, int j, bool first)
{
        double px = g->ox + (i + QR_QUIET) * g->mx;
        double py = g->oy + (j + QR_QUIET) * g->my;
        if (first)
                cairo_move_to(cr, px, py);
        else
                cairo_line_to(cr, px, py);
}

/* Next edge to follow out of a corner we reached going dir.  Where two dark
 * modules touch only diagonally the corner has two ways out; turning the
 * same way each time keeps the loops simple, and either choice fills the
 * same area because winding counts edges, not loops. */
static int next_dir(unsigned char out, int dir)
{
        static const int turns[] = {1, 0, 3};   /* right turn, straight, left turn */
        for (size_t t = 0; t < G_N_ELEMENTS(turns); t++) {
                int d = (dir + turns[t]) % 4;
                if (out & (1u << d))
                        return d;
        }
        g_assert_not_reached();
}

/* Append the outline of all dark modules to the path of cr. */
static void trace(cairo_t *cr, const struct qr *q, const struct grid *g)
{
        int n = q->width + 1;   /* corners per side */
        unsigned char *out = g_malloc0((size_t)n * (size_t)n);
#define OUT(i, j) out[(size_t)(j) * (size_t)n + (size_t)(i)]

        /* Each side of a dark module facing light (or the border) becomes an
         * edge, clockwise around the module on screen. */
        for (int r = 0; r < q->width; r++)
                for (int c = 0; c < q->width; c++) {
                        if (!is_dark(q, c, r))
                                continue;
                        if (!is_dark(q, c, r - 1))
                                OUT(c, r) |= 1u << DIR_RIGHT;
                        if (!is_dark(q, c + 1, r))
                                OUT(c + 1, r) |= 1u << DIR_DOWN;
                        if (!is_dark(q, c, r + 1))
                                OUT(c + 1, r + 1) |= 1u << DIR_LEFT;
                        if (!is_dark(q, c - 1, r))
                                OUT(c, r + 1) |= 1u << DIR_UP;
                }

        /* Every corner has as many edges in as out, so following unused
         * edges from any corner leads back to it.  Scanning in row order,
         * the start is the top-left corner of its loop, hence a real corner. */
        for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++) {
                        if (!OUT(i, j))
                                continue;
                        int ci = i, cj = j;
                        int dir = 0;        /* right for outlines, down for holes */
                        while (!(OUT(ci, cj) & (1u << dir)))
                                dir++;
                        corner(cr, g, ci, cj, true);
                        for (;;) {
                                OUT(ci, cj) &= (unsigned char)~(1u << dir);
                                ci += dir_dx[dir];
                                cj += dir_dy[dir];
                                if (ci == i && cj == j)
                                        break;
                                int nd = next_dir(OUT(ci, cj), dir);
                                if (nd != dir)      /* only corners, not every step */
                                        corner(cr, g, ci, cj, false);
                                dir = nd;
                        }
                        cairo_close_path(cr);
                }
#undef OUT
        g_free(out);
}

/* Set *g to whole device pixels, for a CTM that only scales and moves.
 * False when that is not possible; the caller then draws exactly. */
static bool snap_grid(cairo_t *cr, int total, double x, double y, double size, struct grid *g)
{
        cairo_matrix_t m;
        cairo_get_matrix(cr, &m);
        if (m.xy != 0 || m.yx != 0)
                return false;
        double x0 = x, y0 = y, x1 = x + size, y1 = y + size;
        cairo_user_to_device(cr, &x0, &y0);
        cairo_user_to_device(cr, &x1, &y1);
        double w = fabs(x1 - x0), h = fabs(y1 - y0);
        double mx = floor(w / total), my = floor(h / total);
        if (mx < 1 || my < 1)
                return false;
        /* Centre the code; the spare pixels widen the quiet zone. */
        g->ox = floor(fmin(x0, x1) + (w - mx * total) / 2 + 0.5);
        g->oy = floor(fmin(y0, y1) + (h - my * total) / 2 + 0.5);
        g->mx = mx;
        g->my = my;
        return true;
}

void qr_draw(cairo_t *cr, const struct qr *q, double x, double y, double size,
             const double dark[3], const double light[3], bool snap)
{
        int total = qr_total(q);

        cairo_save(cr);
        cairo_new_path(cr);
        cairo_rectangle(cr, x, y, size, size);
        cairo_set_source_rgb(cr, light[0], light[1], light[2]);
        cairo_fill(cr);

        struct grid g = {x, y, size / total, size / total};
        if (snap && snap_grid(cr, total, x, y, size, &g))
                cairo_identity_matrix(cr);  /* g is in device pixels */
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
        trace(cr, q, &g);
        cairo_set_source_rgb(cr, dark[0], dark[1], dark[2]);
        cairo_fill(cr);
        cairo_restore(cr);
}
