#!/usr/bin/env python3
"""tests/e2e/pdfbox.py LOG BBOX - find words that leave the text block.
   tests/e2e/pdfbox.py --crop LOG - pdftotext's options (-x -y -W -H, at
   72 dpi) for the text block's lines, the whole width of the page: the
   text without the page numbers and footers
   tests/e2e/pdfbox.py --words LOG BBOX - the words of the text block's
   lines in BBOX's order, a space between, a line a page: the PDF's text
   without pdftotext's dehyphenation (its text output drops the "-" that
   ends a line and joins the next: a store's "--" at a line end came back
   as "-")

LOG is the LaTeX log of a document that wrote its geometry with
  \\typeout{SITAT-E2E-GEOMETRY left=<dim> textwidth=<dim> top=<dim>
           textheight=<dim>}
(left = 1in + \\hoffset + \\oddsidemargin, top = 1in + \\voffset + \\topmargin
+ \\headheight + \\headsep, in TeX points; a one-sided document).
BBOX is `pdftotext -bbox` of its PDF (poppler: one <word> a word with its
box in PDF points, y from the top of the page).

A word whose box ends more than 1pt right of the text block's right edge,
or starts more than 1pt left of its left edge, is reported with its page
and text; the exit status is then 1.  Only words on the lines of the text
block count (their middle between `top' minus one line and `top +
textheight' plus the depth of a line): the page number and sitat's footer
stamp below the block, which the package places in the margin on
purpose, are not text of the block.  Words wholly outside the page are not
in BBOX at all (poppler drops them); run.sh catches those by comparing the
text.
"""
import html
import re
import sys

PT = 72.0 / 72.27  # one TeX point in PDF points
TOL = 1.0 * PT


def dim(v):
    m = re.fullmatch(r"(-?[0-9.]+)pt", v)
    if not m:
        raise ValueError("not a dimension in pt: " + v)
    return float(m.group(1)) * PT


def geometry(log):
    with open(log, encoding="latin-1") as f:
        text = f.read()
    # TeX wraps long log lines at 79 characters
    text = text.replace("\n", "")
    m = re.search(r"SITAT-E2E-GEOMETRY left=(\S+?pt) textwidth=(\S+?pt) "
                  r"top=(\S+?pt) textheight=(\S+?pt)", text)
    if not m:
        sys.exit("pdfbox.py: no SITAT-E2E-GEOMETRY line in " + log)
    left, width, top, height = (dim(x) for x in m.groups())
    return left, left + width, top, top + height


def words(log, bbox):
    """(page, x0, y0, x1, y1, word) of each word on the text block's lines"""
    left, right, top, bottom = geometry(log)
    with open(bbox, encoding="utf-8") as f:
        doc = f.read()
    for page, body in enumerate(re.split(r"<page ", doc)[1:], 1):
        for m in re.finditer(r'<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" '
                             r'xMax="([-0-9.]+)" yMax="([-0-9.]+)">(.*?)</word>',
                             body):
            x0, y0, x1, y1 = (float(m.group(k)) for k in range(1, 5))
            mid = (y0 + y1) / 2
            if mid < top - 12 * PT or mid > bottom + 4 * PT:
                continue
            yield page, x0, y0, x1, y1, html.unescape(m.group(5))


def main(log, bbox):
    left, right, top, bottom = geometry(log)
    bad = 0
    for page, x0, y0, x1, y1, word in words(log, bbox):
        show = word if len(word) <= 50 else word[:50] + "...(%d)" % len(word)
        if x1 > right + TOL:
            print("page %d: \"%s\" ends %.1fpt right of the text block "
                  "(x %.1f..%.1f bp, the block ends at %.1f bp)"
                  % (page, show, (x1 - right) / PT, x0, x1, right))
            bad += 1
        elif x0 < left - TOL:
            print("page %d: \"%s\" starts %.1fpt left of the text block "
                  "(x %.1f..%.1f bp, the block starts at %.1f bp)"
                  % (page, show, (left - x0) / PT, x0, x1, left))
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--crop":
        left, right, top, bottom = geometry(sys.argv[2])
        y = int(top - 12 * PT)
        print("-x 0 -y %d -W 100000 -H %d" % (y, int(bottom + 4 * PT) - y + 1))
        sys.exit(0)
    if len(sys.argv) == 4 and sys.argv[1] == "--words":
        pages = {}
        for page, *_, word in words(sys.argv[2], sys.argv[3]):
            pages.setdefault(page, []).append(word)
        for page in sorted(pages):
            print(" ".join(pages[page]))
        sys.exit(0)
    if len(sys.argv) != 3:
        sys.exit("usage: pdfbox.py LOG BBOX")
    sys.exit(main(sys.argv[1], sys.argv[2]))
