/* sheet.c: imposition geometry (see sheet.h). */
#include "sheet.h"

#include <math.h>
#include <string.h>

/* How many of size (with bleed on both sides) fit along length. */
static int fit(double length, double size, double bleed, double margin)
{
        double room = length - 2 * margin, step = size + 2 * bleed;
        /* A hair of tolerance: 2 x 105 mm is exactly an A4's 210 mm. */
        return step > 0 && room >= step - 1e-6 ? (int)floor((room + 1e-6) / step) : 0;
}

static void plan_one(double sw, double sh, double pw, double ph, double bleed, double margin, bool rotated,
                     struct sheet_plan *p)
{
        memset(p, 0, sizeof *p);
        p->sheet_w = sw;
        p->sheet_h = sh;
        p->piece_w = rotated ? ph : pw;
        p->piece_h = rotated ? pw : ph;
        p->rotated = rotated;
        p->bleed = bleed;
        p->cols = fit(sw, p->piece_w, bleed, margin);
        p->rows = fit(sh, p->piece_h, bleed, margin);
        p->pitch_x = p->piece_w + 2 * bleed;
        p->pitch_y = p->piece_h + 2 * bleed;
        p->x0 = (sw - p->cols * p->pitch_x) / 2 + bleed;
        p->y0 = (sh - p->rows * p->pitch_y) / 2 + bleed;
}

bool sheet_plan(double sheet_w, double sheet_h, double piece_w, double piece_h, double bleed, double margin,
                struct sheet_plan *out)
{
        struct sheet_plan up, turned;
        plan_one(sheet_w, sheet_h, piece_w, piece_h, bleed, margin, false, &up);
        plan_one(sheet_w, sheet_h, piece_w, piece_h, bleed, margin, true, &turned);
        *out = sheet_capacity(&turned) > sheet_capacity(&up) ? turned : up;
        return sheet_capacity(out) > 0;
}

size_t sheet_capacity(const struct sheet_plan *p)
{
        return (size_t)p->cols * (size_t)p->rows;
}

void sheet_cell(const struct sheet_plan *p, size_t i, double *x, double *y)
{
        size_t cols = p->cols > 0 ? (size_t)p->cols : 1;
        *x = p->x0 + (double)(i % cols) * p->pitch_x;
        *y = p->y0 + (double)(i / cols) * p->pitch_y;
}

void sheet_trim(const struct sheet_plan *p, double *x0, double *y0, double *x1, double *y1)
{
        *x0 = p->x0;
        *y0 = p->y0;
        *x1 = p->x0 + (p->cols - 1) * p->pitch_x + p->piece_w;
        *y1 = p->y0 + (p->rows - 1) * p->pitch_y + p->piece_h;
}

void sheet_bleed(const struct sheet_plan *p, double *x0, double *y0, double *x1, double *y1)
{
        sheet_trim(p, x0, y0, x1, y1);
        *x0 -= p->bleed;
        *y0 -= p->bleed;
        *x1 += p->bleed;
        *y1 += p->bleed;
}

/* The cuts along one axis: both edges of every piece, an edge shared by
 * abutting neighbours once. */
static size_t cuts(double start, double pitch, double size, int n, double *out)
{
        size_t k = 0;
        for (int i = 0; i < n; i++) {
                double a = start + i * pitch, b = a + size;
                if (k == 0 || fabs(out[k - 1] - a) > 1e-6)
                        out[k++] = a;
                out[k++] = b;
        }
        return k;
}

void sheet_cuts(const struct sheet_plan *p, double *xs, size_t *nx, double *ys, size_t *ny)
{
        *nx = cuts(p->x0, p->pitch_x, p->piece_w, p->cols, xs);
        *ny = cuts(p->y0, p->pitch_y, p->piece_h, p->rows, ys);
}
