#!/usr/bin/env python3
"""tests/e2e/cases.py - the hostile strings of issue 10 and what each engine
must print for them.  Used by tests/e2e/run.sh:

  cases.py store DIR          add source H2 (one case a line, one segment a
                              case; its label in Greek) and the codes
                              `langt' (a name with no space) and `skript'
                              (a name in four scripts and an emoji) to the
                              store copy in DIR
  cases.py tex FILE           write FILE: every case as a display quote and
                              inline, between the markers DBEGIN-<case> and
                              DEND-<case> (IBEGIN-, IEND- inline; the
                              hostile thesis \\input's it)
  cases.py text ENGINE TXT WORDS  compare pdftotext's text TXT of the
                              thesis (and WORDS, its words from pdftotext
                              -bbox: pdfbox.py --words) with what ENGINE
                              must print; one line a case:
                              "ok NAME" or "FAIL NAME" and its reasons,
                              each on a line of its own after a TAB
  cases.py expect ENGINE      each line of stdin as ENGINE must print it
  cases.py where NAME         sources/H2.txt:LINE:COL of case NAME's first
                              bidi control
  cases.py notes CHECKOUT     sitat check's output CHECKOUT names every case
                              pdfLaTeX prints with placeholders (not the
                              bidi controls: they are warned of), at its
                              H2.txt:LINE:, and no other
  cases.py labels ENGINE TXT WORDS  the code name and the source label in
                              other scripts are in the text, as ENGINE
                              must print them
  cases.py big DIR BYTES      a store in DIR with one quote of BYTES bytes
                              (ASCII, lines with the ligature traps)
  cases.py many DIR N         a store in DIR whose one code has N segments
  cases.py bigtext STORE WORDS  the big quote in the PDF's words WORDS?
  cases.py longlines LIMIT FILE...  every line of each FILE <= LIMIT bytes

What an engine must print (the seams of plan-issue10.md):
  XeLaTeX, LuaLaTeX: every character as itself; bidi controls as the
    placeholder "[U+HEX]" (uppercase hex, at least 4 digits).
  pdfLaTeX: the characters of T1 + LaTeX's utf8 as themselves (the set of
    texout.c's tex_char_supported: printable ASCII, U+00A1..U+017F but the
    soft hyphen and U+0149, and the typographic punctuation listed there),
    every other character as "[U+HEX]"; bidi controls too.  A zero-width
    space may print as nothing (a line-break point) or as [U+200B].
How the text is compared (pdftotext's habits, measured with poppler 22.12):
  - both sides NFKC (XeTeX's Arabic comes back as presentation forms,
    U+FExx; "…" as "..."; the no-break space as a space), then every
    white space, U+200B, U+2060 and U+FEFF dropped: line breaks, the
    breaks inside long words and the spaces TeX set are not compared;
  - poppler wraps right-to-left runs in U+202B ... U+202C (and may use
    U+202A/U+202D/U+202E, U+2066..U+2069, U+200E/U+200F): these are dropped
    from pdftotext's side only.  The store's bidi controls must come back
    as the text "[U+202E]" etc., so dropping the raw ones loses nothing;
  - right-to-left text: poppler returns each run of right-to-left letters
    (with the spaces between them) in logical order, but orders the runs
    and the neutral characters between them (": ") left to right as they
    stand on the page.  A quote that starts right to left (Arabic, Hebrew)
    is set as one right-to-left run, so its runs come back in reverse:
    "العربية: مرحبا بالعالم" as "مرحبا بالعالم :العربية" (measured with
    poppler 22.12 on XeLaTeX's and LuaLaTeX's PDFs: both the same).
    visual() models that, and the expectation is compared with it.  A
    right-to-left word inside left-to-right text comes back in place.
    Digits and Latin words between right-to-left letters are parts of
    their own, in that order too (docs/store-text.md measured the same for
    digits).  When the right-to-left parts of a quote are set in
    left-to-right order instead (the words then read in the wrong order),
    poppler gives the text back in logical order: the cases arabic-latin
    and rtl-digits tell the two apart.
    Inline, poppler moves csquotes' « » and the "(" after the quote into
    the run too: for those quotes « » ( ) are not compared;
  - pdftotext's text joins a line that ends with "-" to the next one and
    drops the "-" (dehyphenation: a store's "--" at the end of a line came
    back as "-").  Its -bbox words are the glyphs as they are, but in an
    order of their own for right-to-left runs.  So a case passes when
    either reading, the text or the words (pdfbox.py --words), matches;
    the big quote (left to right only) is compared with the words.
  - No ligature: the PDF text of a case never has more of — ¿ ¡ “ ” „ « »
    than the source (inline quotes: one « and one » more, csquotes' marks).
"""
import json
import os
import re
import sys
import unicodedata

CASES = [
    # name, text (the store holds its NFC form)
    ("dash-en-hyphen", "fra 1990\u2013-tallet og a \u2013- b og c -\u2013 d"),
    ("dash-em-hyphen", "a \u2014- b og c -\u2014 d og e \u2013\u2014 f og g \u2014\u2014 h"),
    ("dash-ascii", "x--y og x---y og ---- og -\u00ad-"),
    ("quote-qm-excl", "Hva?\u2018 og Nei!\u2018 og Ja?\u2019 og \u00c5!\u2019 og ?` og !` og \u00bf\u00a1"),
    ("quote-doubled", "\u2018\u2018dobbel\u2019\u2019 og \u2019\u2019slutt\u2018\u2018 og `` og ''"),
    ("quote-low", "\u201elav\u201c og ,, og ,,komma og \u201a\u201aenkel og \u201e\u201e"),
    ("guillemets-lt-gt", "\u00ab<tag>\u00bb og <<a>> og \u00ab<\u00bb og >\u00bb og \u2039<\u203a> og <\u00ab og \u00bb>"),
    ("bidi-override", "vanlig \u202eomvendt\u202c tekst, \u2067isolert\u2069 og \u200fmerke\u200e slutt"),
    ("combining", "x\u0301 og q\u0303 og m\u0304 og a\u0328\u0301 og e\u0301 og n\u0303"),
    ("arabic", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629: \u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645"),
    ("hebrew", "\u05e2\u05d1\u05e8\u05d9\u05ea: \u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"),
    ("chinese", "\u4e2d\u6587\uff1a\u4f60\u597d\uff0c\u4e16\u754c\u3002"),
    ("japanese", "\u65e5\u672c\u8a9e\uff1a\u3053\u3093\u306b\u3061\u306f\u3001\u4e16\u754c\u3002\u30ab\u30bf\u30ab\u30ca"),
    ("cyrillic", "\u0420\u0443\u0441\u0441\u043a\u0438\u0439: \u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440! \u0401\u043b\u043a\u0430"),
    ("greek", "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac: \u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u03ba\u03cc\u03c3\u03bc\u03b5, \u1f00\u03c1\u03c7\u03ae"),
    ("emoji", "Emoji \U0001F600 og \U0001F389 og \U0001F44D slutt"),
    ("long-word", "".join("fiendtligsitatsomaldrislutterpålinjen"[i % 37] for i in range(1000))),
    ("placeholders-cjk", "".join("\u6f22\u5b57\u6d4b\u8bd5\u6587\u672c\u957f\u884c"[i % 8] for i in range(40))),
    ("placeholders-arabic", "".join("\u0645\u0631\u062d\u0628\u0627\u0644\u0639\u0646"[i % 8] for i in range(40))),
    ("spaces", "100\u00a0kr og 2\u00a0000\u00a0000 og null\u200bbredde og ord\u200bord\u200bord"),
    ("url", "https://example.org/" + "/".join("sti%02d_med_understrek" % i for i in range(12)) + "?a=1&b=2"),
    ("mixed-ltr-rtl", "Han sa \u05e9\u05dc\u05d5\u05dd til meg og \u0645\u0631\u062d\u0628\u0627 tilbake"),
    # a Latin word inside an Arabic quote: the quote reads right to left
    # as a whole (the Unicode bidi algorithm: the first strong letter is
    # Arabic), so "واحد" stands rightmost and "أربعة" leftmost
    ("arabic-latin", "\u0648\u0627\u062d\u062f Google \u0627\u062b\u0646\u064a\u0646 \u0623\u0631\u0628\u0639\u0629"),
    # lam-alef: the fonts set it as one glyph (U+FEFB/FEFC)
    ("arabic-lam-alef", "\u062b\u0644\u0627\u062b\u0629 \u0644\u0627 \u0633\u0644\u0627\u0645"),
    ("rtl-digits", "\u0639\u062f\u062f 123 \u0648 \u0664\u0665\u0666 \u0646\u0647\u0627\u064a\u0629 \u05e9\u05dc\u05d5\u05dd 2024 \u05e1\u05d5\u05e3"),
]

# The name of the code `langt': 120 letters and no space (tables, list)
LONG_CODE = "".join("kodenavnutenmellomrom"[i % 21] for i in range(120))
# The name of the code `skript' and the label of source H2: other scripts
# in labels (tables, the matrix, attributions, the audit appendix)
SCRIPT_CODE = "Skript: \u6f22\u5b57 \U0001F600 \u05e9\u05dc\u05d5\u05dd \u043c\u0438\u0440"
H2_LABEL = "Informant H2 \u0391\u03bb\u03c6\u03b1"

BIDI = set([0x061C, 0x200E, 0x200F] + list(range(0x202A, 0x202F)) +
           list(range(0x2066, 0x206A)))
T1_EXTRA = {0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E,
            0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203A, 0x20AC,
            0x2122}
INVISIBLE = {0x200B, 0x2060, 0xFEFF}
LIGATURES = "\u2014\u00bf\u00a1\u201c\u201d\u201e\u00ab\u00bb"


def nfc(s):
    return unicodedata.normalize("NFC", s)


def t1_has(c):
    c = ord(c)
    if 0x20 <= c < 0x7F or c == 0xA0:
        return True
    if 0xA1 <= c <= 0x17F:
        return c not in (0xAD, 0x149)
    return c in T1_EXTRA


def ph(c):
    return "[U+%04X]" % ord(c)


def expected(engine, text):
    """The text ENGINE must print for the store text, before squeezing."""
    out = []
    for c in nfc(text):
        if ord(c) in BIDI:
            out.append(ph(c))
        elif c == "\u00ad":
            pass  # a soft hyphen prints nothing unless the line breaks there
        elif engine == "pdflatex" and not t1_has(c) and ord(c) not in INVISIBLE:
            out.append(ph(c))
        else:
            out.append(c)
    return "".join(out)


def is_rtl(c):
    return unicodedata.bidirectional(c) in ("R", "AL")


def visual(s):
    """s (logical order) as poppler returns it (see the top)."""
    strong = [c for c in s if unicodedata.bidirectional(c) in ("L", "R", "AL")]
    if not strong or not is_rtl(strong[0]):
        return s
    runs, cur, rtl = [], "", None
    for k, c in enumerate(s):
        # spaces and marks between two right-to-left letters join the run
        joins = rtl and (unicodedata.bidirectional(c) in ("WS", "NSM") and
                         any(is_rtl(d) for d in s[k + 1:k + 2] + s[k + 2:k + 3]))
        r = is_rtl(c) or bool(joins)
        if rtl is None or r == rtl:
            cur += c
        else:
            runs.append(cur)
            cur = c
        rtl = r
    runs.append(cur)
    return "".join(reversed(runs))


def squeeze(s, pdf_side):
    s = unicodedata.normalize("NFKC", s)
    drop = INVISIBLE | (BIDI if pdf_side else set())
    return "".join(c for c in s if not c.isspace() and ord(c) not in drop)


def show(s, n=120):
    r = "".join(c if c.isprintable() and not c.isspace() or c == " "
                else "<U+%04X>" % ord(c) for c in s)
    return r if len(r) <= n else r[:n] + "...(%d more)" % (len(r) - n)


def cmd_store(d):
    lines = ["INT: Fiendtlige strenger fra issue 10, en per linje.", ""]
    for name, text in CASES:
        lines.append("INF: " + nfc(text))
    body = "\n".join(lines) + "\n"
    with open(os.path.join(d, "sources", "H2.txt"), "w", encoding="utf-8") as f:
        f.write(body)
    src = {"format": "sitat-source/1", "id": "H2", "kind": "interview",
           "label": H2_LABEL, "attributes": {"role": "fiende"},
           "date": "2026-12-01", "text": "H2.txt"}
    with open(os.path.join(d, "sources", "H2.json"), "w", encoding="utf-8") as f:
        json.dump(src, f, ensure_ascii=False, indent=2)
        f.write("\n")
    segs, off = [], 0
    for k, line in enumerate(lines):
        if k >= 2:
            i = len(segs) + 1
            exact = line[len("INF: "):]
            start = off + len("INF: ")
            segs.append({"id": "H2-%03d" % i, "start": start,
                         "end": start + len(exact), "exact": exact,
                         "codes": ["skript" if i % 3 == 0 else
                                   "langt" if i % 2 else "trygg"]})
        off += len(line) + 1
    with open(os.path.join(d, "codings", "H2.json"), "w", encoding="utf-8") as f:
        json.dump({"format": "sitat-codings/1", "source": "H2",
                   "unit": "codepoint-nfc", "segments": segs}, f,
                  ensure_ascii=False, indent=2)
        f.write("\n")
    cb_path = os.path.join(d, "codebook.json")
    with open(cb_path, encoding="utf-8") as f:
        cb = json.load(f)
    cb["codes"].append({"id": "langt", "name": LONG_CODE,
                        "description": "a name with no space", "rq": ["rq1"]})
    cb["codes"].append({"id": "skript", "name": SCRIPT_CODE,
                        "description": "other scripts", "rq": ["rq1"]})
    with open(cb_path, "w", encoding="utf-8") as f:
        json.dump(cb, f, ensure_ascii=False, indent=2)
        f.write("\n")


def cmd_tex(path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("% written by tests/e2e/cases.py tex\n")
        for i, (name, _) in enumerate(CASES, 1):
            f.write("DBEGIN-%s\n\\sitat{H2-%03d}\nDEND-%s\n\n" % (name, i, name))
        f.write("\\section*{Inline}\n")
        for i, (name, _) in enumerate(CASES, 1):
            f.write("IBEGIN-%s \\sitatinline{H2-%03d} AFTER-%d-IN-ORDER IEND-%s\n\n"
                    % (name, i, i, name))


def section(all_text, a, b):
    i = all_text.find(a)
    if i < 0:
        return None
    j = all_text.find(b, i + len(a))
    return None if j < 0 else all_text[i + len(a):j]


def compare(engine, name, text, got, inline, i):
    want = squeeze(visual(expected(engine, text)), False)
    why = []
    if got is None:
        return ["its markers are not in the PDF text"]
    sq = squeeze(got, True)
    rtl = want != squeeze(expected(engine, text), False)
    if rtl and inline:
        sq = "".join(c for c in sq if c not in "\u00ab\u00bb()")
    if engine == "pdflatex":
        # a zero-width space: nothing or its placeholder (see above)
        sq = sq.replace("[U+200B]", "")
    if want not in sq:
        # the longest prefix of want found, to say where it goes wrong
        lo, hi = 0, len(want)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if want[:mid] in sq:
                lo = mid
            else:
                hi = mid - 1
        why.append("want  " + show(want))
        why.append("got   " + show(sq))
        why.append("first difference after %d characters: want %s..." %
                   (lo, show(want[lo:lo + 12], 40)))
        la = ("\u0644\u0627", "\u0644")
        if la[0] in want and want.replace(*la) in sq.replace(*la):
            why.append("the alef after a lam (lam-alef) is missing from the "
                       "PDF's text")
        logical = squeeze(expected(engine, text), False)
        if rtl and logical in sq:
            why.append("it comes back in logical order, as poppler gives "
                       "right-to-left parts that stand left to right: the "
                       "quote's right-to-left parts are set in left-to-right "
                       "order, so its words read in the wrong order")
    src = nfc(text)
    for c in LIGATURES:
        extra = 1 if inline and c in "\u00ab\u00bb" else 0
        n, m = sq.count(c), expected(engine, src).count(c) + extra
        if n > m:
            why.append("ligature: %s (U+%04X) %d time(s), the source has %d" %
                       (c, ord(c), n, m - extra))
    if inline:
        # the text after the quote, in order and after it (a bidi control
        # that leaked would reorder it)
        tail = "AFTER-%d-IN-ORDER" % i
        at = sq.find(want)
        if tail not in sq:
            why.append("the text after the quote is not %s in order: %s"
                       % (tail, show(sq[-60:])))
        elif at >= 0 and sq.find(tail) < at + len(want):
            why.append("the text after the quote (%s) is not after it" % tail)
    return why


def cmd_text(engine, txt, wordsfile):
    flats = []
    for p in (txt, wordsfile):
        with open(p, encoding="utf-8") as f:
            flats.append(squeeze(f.read(), True))
    for i, (name, text) in enumerate(CASES, 1):
        for inline, (a, b) in ((False, ("DBEGIN-", "DEND-")),
                               (True, ("IBEGIN-", "IEND-"))):
            why = None
            for flat in flats:
                got = section(flat, squeeze(a + name, False),
                              squeeze(b + name, False))
                w = compare(engine, name, text, got, inline, i)
                if why is None or not w:
                    why = w
                if not w:
                    break
            label = "%s %s" % (name, "inline" if inline else "display")
            if why:
                print("FAIL %s" % label)
                for w in why:
                    print("\t" + w)
            else:
                print("ok %s" % label)


BIG_LINES = [
    "Store sitat: Dashes -- og --- og `` og '' og ?` og !` og << og >> og ,, i en lang tekst.",
    "Backslash \\input{x} og { og } og $ og & og # og % og ~ og ^ og _ hver linje.",
    "Vanlig norsk tekst med et par ord som gjentas til sitatet er stort nok for testen.",
]


def big_text(nbytes):
    """nbytes bytes of ASCII: numbered lines with the ligature traps and
    TeX's specials, a blank line (a paragraph break) every 60 lines.
    (One paragraph of 256 KiB typesets too, but XeTeX takes about 15 s of
    CPU for it, pdfTeX 1 s: measured; paragraphs keep the suite fast.)"""
    out, n, k = [], 0, 0
    while True:
        line = "%07d %s" % (k, BIG_LINES[k % len(BIG_LINES)])
        if k and k % 60 == 0:
            line = "\n" + line
        if n + len(line) + 1 > nbytes:
            break
        out.append(line)
        n += len(line) + 1
        k += 1
    rest = nbytes - n
    out.append("x" * rest)  # the last line fills to nbytes exactly
    s = "\n".join(out)
    assert len(s.encode()) == nbytes, (len(s), nbytes)
    return s


def write_store(d, sources):
    """sources: list of (id, text, [(segid, start, end, codes)])"""
    for sub in ("sources", "codings"):
        os.makedirs(os.path.join(d, sub), exist_ok=True)
    with open(os.path.join(d, "project.json"), "w") as f:
        json.dump({"format": "sitat-store/1", "title": "Stor", "author": "T",
                   "language": "nb", "research_questions": [
                       {"id": "rq1", "label": "Stor", "question": "Stor?"}],
                   "audit": {}}, f, indent=2)
    with open(os.path.join(d, "codebook.json"), "w") as f:
        json.dump({"format": "sitat-codebook/1", "codes": [
            {"id": "stor", "name": "Stor", "description": "x",
             "rq": ["rq1"]}]}, f, indent=2)
    for sid, text, segs in sources:
        with open(os.path.join(d, "sources", sid + ".txt"), "w",
                  encoding="utf-8") as f:
            f.write(text + "\n")
        with open(os.path.join(d, "sources", sid + ".json"), "w") as f:
            json.dump({"format": "sitat-source/1", "id": sid,
                       "kind": "interview", "label": "Informant " + sid,
                       "date": "2026-12-01", "text": sid + ".txt"}, f, indent=2)
        with open(os.path.join(d, "codings", sid + ".json"), "w",
                  encoding="utf-8") as f:
            json.dump({"format": "sitat-codings/1", "source": sid,
                       "unit": "codepoint-nfc", "segments": [
                           {"id": g, "start": a, "end": b,
                            "exact": text[a:b], "codes": c}
                           for g, a, b, c in segs]}, f, ensure_ascii=False)


def cmd_big(d, nbytes):
    t = big_text(nbytes)
    write_store(d, [("B1", t, [("B1-001", 0, len(t), ["stor"])])])


def cmd_many(d, n):
    lines = ["svar %d" % k for k in range(n)]
    t = "\n".join(lines)
    segs, off = [], 0
    for k, line in enumerate(lines):
        segs.append(("M1-%06d" % (k + 1), off, off + len(line), ["stor"]))
        off += len(line) + 1
    write_store(d, [("M1", t, segs)])


def cmd_labels(engine, txt, wordsfile):
    """the labels in other scripts, somewhere in the text"""
    flats = []
    for p in (txt, wordsfile):
        with open(p, encoding="utf-8") as f:
            flats.append(squeeze(f.read(), True))
    bad = 0
    for what, text in (("the name of code skript", SCRIPT_CODE),
                       ("the label of source H2", H2_LABEL)):
        want = squeeze(visual(expected(engine, text)), False)
        if not any(want in flat for flat in flats):
            print("%s is not in the PDF text: want %s" % (what, show(want)))
            bad += 1
    return 1 if bad else 0


def cmd_bigtext(store, txt):
    with open(os.path.join(store, "sources", "B1.txt"), encoding="utf-8") as f:
        want = squeeze(f.read(), False)
    with open(txt, encoding="utf-8") as f:
        got = squeeze(f.read(), True)
    if want in got:
        return 0
    lo, hi = 0, len(want)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if want[:mid] in got:
            lo = mid
        else:
            hi = mid - 1
    print("the quote (%d characters squeezed) is not in the PDF text; the "
          "first %d are, then want %s" % (len(want), lo, show(want[lo:lo + 60])))
    at = got.find(want[max(0, lo - 20):lo])
    if at >= 0:
        print("got  %s" % show(got[at:at + 80]))
    return 1


def cmd_notes(checkout):
    with open(checkout, encoding="utf-8") as f:
        out = f.read().splitlines()
    bad = 0
    for i, (name, text) in enumerate(CASES, 1):
        seg = "segment H2-%03d:" % i
        lines = [x for x in out if "H2.txt:%d:" % (i + 2) in x and seg in x
                 and "placeholder" in x and "bidirectional" not in x]
        has = any(not t1_has(c) and ord(c) not in BIDI | INVISIBLE and c != "\u00ad"
                  for c in nfc(text))
        if has and not lines:
            print("case %s: no note that pdfLaTeX prints %s with placeholders "
                  "(want a line with H2.txt:%d: and \"%s\")" % (name, seg[:-1], i + 2, seg))
            bad += 1
        elif not has and lines:
            print("case %s: a note of placeholders, but pdfLaTeX prints all of "
                  "it: %s" % (name, lines[0]))
            bad += 1
    return 1 if bad else 0


def cmd_longlines(limit, files):
    bad = 0
    for p in files:
        with open(p, "rb") as f:
            for k, line in enumerate(f, 1):
                if len(line.rstrip(b"\n")) > limit:
                    print("%s:%d: a line of %d bytes (TeX's buffer: at most %d)"
                          % (os.path.basename(p), k, len(line) - 1, limit))
                    bad += 1
                    break
    return 1 if bad else 0


def main(argv):
    cmd = argv[1]
    if cmd == "store":
        cmd_store(argv[2])
    elif cmd == "tex":
        cmd_tex(argv[2])
    elif cmd == "text":
        cmd_text(argv[2], argv[3], argv[4])
    elif cmd == "expect":
        for line in sys.stdin.read().splitlines():
            print(expected(argv[2], line))
    elif cmd == "where":
        k = [n for n, _ in CASES].index(argv[2])
        line = "INF: " + nfc(CASES[k][1])
        col = next(j for j, c in enumerate(line, 1) if ord(c) in BIDI)
        print("H2.txt:%d:%d" % (k + 3, col))
    elif cmd == "big":
        cmd_big(argv[2], int(argv[3]))
    elif cmd == "many":
        cmd_many(argv[2], int(argv[3]))
    elif cmd == "bigtext":
        return cmd_bigtext(argv[2], argv[3])
    elif cmd == "labels":
        return cmd_labels(argv[2], argv[3], argv[4])
    elif cmd == "notes":
        return cmd_notes(argv[2])
    elif cmd == "longlines":
        return cmd_longlines(int(argv[2]), argv[3:])
    else:
        sys.exit("cases.py: unknown command " + cmd)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
