#!/usr/bin/env python3
"""otf2ttf.py OTF... : Inter's CFF fonts as TrueType fonts, beside them.

How fonts/Inter*.ttf were made from Inter 3.19's desktop fonts
(github.com/rsms/inter, release v3.19, "Inter Desktop/*.otf"); kept so the
conversion can be redone for a later Inter.  Needs python3-fonttools.

Why TrueType: with CFF outlines FreeType interprets a charstring program for
every glyph it loads (34,000 instructions a glyph here, against 3,700 for a
TrueType glyph), and Pango loads every glyph once per font size while
plakat fits text; cairo's PDF writer also copies and parses the whole
250 KB CFF table for every font subset it embeds.  Together that was a
third of an A6 flyer's cost (issue 9).

What stays the same, so every line break and size plakat chooses stays the
same: glyph order, advance widths, kerning and features (GPOS/GSUB), cmap,
the vertical metrics (hhea, OS/2) and the names.  Only the outlines change,
from cubic to quadratic curves within 1 unit of 2816 per em (0.01 pt on a
28 pt line).  The head table's "round ppem to integers" flag is cleared:
FreeType honours it for TrueType (never for CFF), and it would round the
scale of every size a little differently from the CFF font's.
"""
import os
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

MAX_ERR = 1.0  # font units; the error cu2qu may make approximating a curve


def convert(src, dst):
    font = TTFont(src, recalcTimestamp=False)
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        sys.exit(f"{src}: not a CFF OpenType font")
    order = font.getGlyphOrder()
    source = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(source)
        # TrueType contours run the other way round from PostScript ones.
        source[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["maxp"] = maxp  # the remaining counts are computed on save

    post = font["post"]
    post.formatType = 2.0  # glyph names now live here (they were in CFF)
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order

    font["head"].flags &= ~(1 << 3)  # see the top of the file
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(dst)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: otf2ttf.py FONT.otf...")
    for src in sys.argv[1:]:
        dst = os.path.splitext(src)[0] + ".ttf"
        convert(src, dst)
        print(dst)


if __name__ == "__main__":
    main()
