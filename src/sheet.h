/* sheet.h: several pieces on one sheet (imposition): geometry only.
 *
 * A sheet carries a grid of equal pieces (A6 flyers on A4, invite cards on
 * A4), each with its own bleed around its trim box, turned a quarter where
 * that fits more.  Without bleed the pieces abut, so neighbours share
 * their cut lines (one guillotine cut between two flyers); with bleed each
 * piece keeps its own colour run-out and the cuts come in pairs.  The grid
 * sits in the middle of the sheet; what is left around it holds the crop
 * marks.  All lengths in one unit (mm in the callers). */
#ifndef PLAKAT_SHEET_H
#define PLAKAT_SHEET_H

#include <stdbool.h>
#include <stddef.h>

struct sheet_plan {
        double sheet_w, sheet_h;
        double piece_w, piece_h; /* a piece's trim size as placed (turned when rotated) */
        bool rotated;            /* pieces turned 90 degrees clockwise */
        int cols, rows;
        double bleed;            /* around each piece */
        double x0, y0;           /* top-left of the first piece's trim box */
        double pitch_x, pitch_y; /* from one piece's trim origin to its neighbour's */
};

/* Plan the most pieces of piece_w x piece_h (plus bleed on each side) on a
 * sheet_w x sheet_h sheet, upright or turned, keeping margin free at the
 * sheet's edges (room for marks; 0 allows pieces up to the edge).  On a
 * tie the upright plan wins.  Returns false when not one piece fits. */
bool sheet_plan(double sheet_w, double sheet_h, double piece_w, double piece_h, double bleed, double margin,
                struct sheet_plan *out);

/* The pieces one sheet holds. */
size_t sheet_capacity(const struct sheet_plan *p);

/* Top-left corner of the trim box of cell i (row by row, from the top
 * left). */
void sheet_cell(const struct sheet_plan *p, size_t i, double *x, double *y);

/* The box around every piece's trim box, and around every piece's bleed:
 * the sheet's TrimBox and BleedBox. */
void sheet_trim(const struct sheet_plan *p, double *x0, double *y0, double *x1, double *y1);
void sheet_bleed(const struct sheet_plan *p, double *x0, double *y0, double *x1, double *y1);

/* The distinct cut positions: xs[] vertical cuts, ys[] horizontal cuts,
 * in order, each at most 2 * (cols or rows) long.  Returns the counts in
 * *nx and *ny.  Abutting pieces share a cut. */
void sheet_cuts(const struct sheet_plan *p, double *xs, size_t *nx, double *ys, size_t *ny);

#endif
