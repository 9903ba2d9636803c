#!/usr/bin/env python3
"""tests/storetext/check.py TEXESC WORKDIR ENGINE... - store text through
the escaper (TEXESC, tests/storetext/texesc.c) and thesis/sitat-text.def
into a PDF, under each ENGINE, read back with pdftotext:

  pairs    every pair of ligature-prone characters (- – — ‘ ’ ‚ “ ” „ ‹ › « »
           ? ! , < > ' " `) between two letters comes back literally
  scripts  Arabic, Hebrew, Chinese, Japanese, Cyrillic, Greek, combining
           marks, emoji: the characters under XeLaTeX/LuaLaTeX (NFKC of
           what pdftotext gives; right-to-left lines as a set of words,
           because poppler gives right-to-left runs split by digits in
           visual order), [U+HEX] placeholders under pdfLaTeX
  rtlbase  a quote whose first letter is Arabic is right to left as a
           whole: a Latin word in it stands second from the right
  bidi     bidirectional controls come back as placeholders [U+202E]
  pagebreak  a quote across a document's page breaks (FORM FEED, also
           after an LF and twice) prints a space for each: one line back
  fonts    \\sitatscriptfont chooses a script's font; a font that is not
           installed: placeholders, left to right, and a warning
  upper    store text in \\MakeUppercase and \\MakeLowercase
  bib      a .bib field with ' " ` < > | and the ligature pairs, through
           biber: back literally (biber decodes \\textquotesingle{} into ')
  long     a 1000-letter word, 40 placeholders, a 300-character URL, a long
           CJK run, in a paragraph, a narrow table column, a description
           list and a quote: no overfull box, no word beyond the text
           block's right edge (pdftotext -bbox), the text back unbroken
  limit    a quote of 256 KiB (sitat's limit, STORE_QUOTE_MAX) typesets;
           no line of the generated file is over 4096 bytes

Prints one line per case (ok/FAIL storetext ENGINE/CASE) and a summary;
exits 1 on a failure.  The document reads sitat-text.def alone (with @ a
letter), as sitat.sty reads it."""
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEF = os.path.join(ROOT, 'thesis', 'sitat-text.def')
PRONE = ['-', '?', '!', ',', '<', '>', "'", '"', '`', '\u2013', '\u2014', '\u2018',
         '\u2019', '\u201a', '\u201c', '\u201d', '\u201e', '\u2039', '\u203a',
         '\u00ab', '\u00bb']
# a5 paper, 2 cm margins: the text block's right edge in PDF points
RIGHT_EDGE = (148 - 20) / 25.4 * 72
BIDI_MARKS = dict.fromkeys(map(ord, '\u202a\u202b\u202c\u202d\u202e\u200e\u200f'))

passed = failed = 0


def result(name, why):
    global passed, failed
    if not why:
        print('ok   storetext ' + name)
        passed += 1
    else:
        print('FAIL storetext ' + name)
        for w in why[:12]:
            print('    ' + w)
        failed += 1


def esc(texesc, s):
    return subprocess.run([texesc], input=s.encode(), stdout=subprocess.PIPE,
                          check=True).stdout.decode()


def document(engine, body, preamble=''):
    pre = '\\documentclass{article}\n'
    if engine == 'pdflatex':
        pre += '\\usepackage[T1]{fontenc}\\usepackage{lmodern}\n'
    pre += ('\\usepackage[a5paper,margin=2cm]{geometry}\\pagestyle{empty}\n'
            '\\makeatletter\\input{' + DEF + '}\\makeatother\n' + preamble +
            # what sitat.sty sets in its constructs (quotes, lists, tables):
            # a third pass with stretch before a line goes overfull
            '\\setlength\\parindent{0pt}\\emergencystretch=6em\n'
            '\\begin{document}\\makeatletter\n')
    return pre + body + '\n\\end{document}\n'


def build(work, engine, name, body, preamble=''):
    """Typeset body; returns (log, text, bbox words, tex) or raises."""
    os.makedirs(work, exist_ok=True)
    tex = os.path.join(work, '%s-%s.tex' % (name, engine))
    with open(tex, 'w', encoding='utf-8') as f:
        f.write(document(engine, body, preamble))
    r = subprocess.run([engine, '-interaction=nonstopmode', '-halt-on-error',
                        os.path.basename(tex)], cwd=work, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    base = tex[:-4]
    log = open(base + '.log', encoding='utf-8', errors='replace').read()
    if r.returncode != 0:
        raise RuntimeError('%s exit %d: %s' % (engine, r.returncode,
                           ' | '.join(l for l in log.splitlines() if l.startswith('!'))[:300]))
    text = subprocess.run(['pdftotext', '-enc', 'UTF-8', base + '.pdf', '-'],
                          stdout=subprocess.PIPE, check=True).stdout.decode()
    bbox = subprocess.run(['pdftotext', '-bbox', base + '.pdf', '-'],
                          stdout=subprocess.PIPE, check=True).stdout.decode()
    words = [(float(m.group(2)), m.group(3), float(m.group(1))) for m in
             re.finditer(r'<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>', bbox)]
    return log, text, words, base + '.pdf'


def unshape(s):
    """s without poppler's bidi marks, with Arabic presentation forms
    (what XeTeX's PDF gives for shaped Arabic) as the base letters"""
    s = s.translate(BIDI_MARKS)
    return unicodedata.normalize('NFC', ''.join(
        unicodedata.normalize('NFKC', c) if 0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF
        else c for c in s))


def lines_of(text):
    return [l for l in text.replace('\f', '\n').split('\n') if l.strip()]


T1_EXTRA = {0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2020,
            0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122}


def placeholders(s):
    """s as pdfLaTeX prints it: what T1 lacks as [U+HEX] (texout.c's
    tex_char_supported)"""
    def ok(c):
        o = ord(c)
        return (0x20 <= o < 0x7F or (0xA1 <= o <= 0x17F and o not in (0xAD, 0x149))
                or o in T1_EXTRA)
    return ''.join(c if ok(c) else '[U+%04X]' % ord(c) for c in s)


def case_pairs(texesc, work, engine):
    want = ['x%s%sx' % (a, b) for a in PRONE for b in PRONE]
    body = '\n'.join(esc(texesc, w) + '\\par' for w in want)
    log, text, _, _ = build(work, engine, 'pairs', body)
    got = lines_of(text)
    bad = ['%r printed as %r' % (w, g) for w, g in zip(want, got) if w != g]
    if len(got) != len(want):
        bad.append('%d lines back, %d written' % (len(got), len(want)))
    return bad


SCRIPTS = [
    ('ltr', 'Привет мир, αβγ δέλτα'),
    ('ltr', '漢字ひらがなカタカナ 中文汉字'),
    ('ltr', '😀 ☃ ← ∀ ǅ ŉ'),
    ('marks', 'q\u030a x\u0323 e\u0304\u0301'),
    ('rtl', 'مرحبا بالعالم 123 عدد ٤٥٦ نهاية'),
    ('rtl', 'שלום עולם 2024 סוף'),
    ('rtl', 'كتاب جديد'),
]


def case_scripts(texesc, work, engine):
    body = '\n'.join('S%d: %s\\par' % (k, esc(texesc, s)) for k, (_, s) in enumerate(SCRIPTS))
    log, text, _, _ = build(work, engine, 'scripts', body)
    got = lines_of(text)
    bad = []
    if engine == 'pdflatex':
        # placeholders: lines broken between them, a space after each
        flat = ''.join(got).replace(' ', '')
        want = ''.join('S%d:%s' % (k, placeholders(s)) for k, (_, s) in enumerate(SCRIPTS)).replace(' ', '')
        return [] if flat == want else ['%r, want %r' % (flat[:300], want[:300])]
    if len(got) != len(SCRIPTS):
        return ['%d lines back: %r' % (len(got), got)]
    for k, (kind, s) in enumerate(SCRIPTS):
        g = got[k]
        if engine == 'pdflatex':
            want = 'S%d: %s' % (k, placeholders(s))
            if g != want:
                bad.append('S%d: %r, want %r' % (k, g, want))
            continue
        g = unshape(g)
        want = unicodedata.normalize('NFC', 'S%d: %s' % (k, s))
        if kind == 'rtl':
            # poppler: right-to-left parts split by digits in visual
            # order, without the spaces between them; each part logical
            if sorted(g.replace(' ', '')) != sorted(want.replace(' ', '')):
                bad.append('S%d: %r, want the characters of %r' % (k, g, want))
            elif not all(w in g for w in want.split() if not w[0].isdigit()):
                bad.append('S%d: %r, want each word of %r' % (k, g, want))
        elif kind == 'marks':
            # poppler places a mark below the line (U+0323) where it is
            # drawn: compare the characters, not their order
            if sorted(g.replace(' ', '')) != sorted(want.replace(' ', '')):
                bad.append('S%d: %r, want the characters of %r' % (k, g, want))
        elif g != want:
            bad.append('S%d: %r, want %r' % (k, g, want))
    for m in re.findall(r'Missing character: There is no (.) \(U\+([0-9A-F]+)\)', log):
        bad.append('missing glyph U+%s' % m[1])
    return bad


def case_rtlbase(texesc, work, engine):
    """a quote whose first letter is Arabic is right to left as a whole:
    a Latin word in it stands where an Arabic reader expects it (here,
    the second word from the right)"""
    if engine == 'pdflatex':
        return []
    s = 'واحد Google اثنين أربعة'
    _, _, words, _ = build(work, engine, 'rtlbase', esc(texesc, s) + '\\par')
    g = [w for w in words if w[1] == 'Google']
    if len(g) != 1:
        return ['Google not found: %r' % words]
    gmin, gmax = g[0][2], g[0][0]
    arabic = lambda w: sum(1 for c in unshape(w) if 0x600 <= ord(c) <= 0x6FF)
    left = sum(arabic(w) for x, w, x0 in words if x <= gmin)
    right = sum(arabic(w) for x, w, x0 in words if x0 >= gmax)
    # left of Google: اثنين أربعة (10 letters); right: واحد (4)
    return [] if (left, right) == (10, 4) else \
        ['Arabic letters left and right of Google: %d, %d (want 10, 4)' % (left, right)]


def case_bidi(texesc, work, engine):
    s = 'a\u202ebc\u202cd \u2067e\u2069 f\u200fg\u061ch'
    log, text, _, _ = build(work, engine, 'bidi', esc(texesc, s) + '\\par')
    got = lines_of(text)
    want = 'a[U+202E]bc[U+202C]d [U+2067]e[U+2069] f[U+200F]g[U+061C]h'
    return [] if got == [want] else ['%r, want %r' % (got, want)]


def case_pagebreak(texesc, work, engine):
    s = 'Slutten av side \u00e9n.\n\fStarten av side to \u2013\fog\f\fmer.'
    log, text, _, _ = build(work, engine, 'pagebreak', esc(texesc, s) + '\\par')
    got = lines_of(text)
    want = 'Slutten av side \u00e9n. Starten av side to \u2013 og mer.'
    return [] if got == [want] else ['%r, want %r' % (got, want)]


def case_upper(texesc, work, engine):
    """store text in \\MakeUppercase / \\MakeLowercase (a running head):
    the script names and hex digits are not changed"""
    s = 'ab αβ مر 😀 x\u202ey'
    e = esc(texesc, s)
    log, text, _, _ = build(work, engine, 'upper',
                            '\\MakeUppercase{U ' + e + '}\\par\\MakeLowercase{L ' + e + '}\\par')
    got = unshape(''.join(lines_of(text)))
    if engine == 'pdflatex':
        want = ('U AB [U+03B1][U+03B2] [U+0645][U+0631] [U+1F600] X[U+202E]Y'
                'l ab [U+03B1][U+03B2] [U+0645][U+0631] [U+1F600] x[U+202E]y')
    else:
        want = 'U AB αβ مر 😀 X[U+202E]Yl ab αβ مر 😀 x[U+202E]y'
    # the characters (poppler moves the Arabic run), nothing more
    ok = sorted(got.replace(' ', '')) == sorted(want.replace(' ', ''))
    return [] if ok else ['%r, want the characters of %r' % (got, want)]


def case_fonts(texesc, work, engine):
    """\\sitatscriptfont: another font for a script; a font that is not
    installed gives placeholders, left to right, and a warning"""
    if engine == 'pdflatex':
        return []
    pre = ('\\sitatscriptfont{arab}{No Such Font Here}\n'
           '\\sitatscriptfont[Scale=1.1]{grek}{Noto Sans}\n')
    body = esc(texesc, 'a مر b αβ') + '\\par'
    log, text, _, pdf = build(work, engine, 'fonts', body, pre)
    bad = []
    want = 'a [U+0645][U+0631] b αβ'
    if lines_of(text) != [want]:
        bad.append('%r, want %r' % (lines_of(text), want))
    if 'No Such Font Here\' (script arab) not found' not in log.replace('\n', ''):
        bad.append('no warning about the missing font')
    fonts = subprocess.run(['pdffonts', pdf], stdout=subprocess.PIPE, check=True).stdout.decode()
    if 'NotoSans-' not in fonts:
        bad.append('Greek not in Noto Sans: %s' % fonts)
    return bad


def case_bib(texesc, work, engine):
    """a .bib field (TEX_BIB) through biber and biblatex"""
    title = 'O\'Brien "sa" `` \'\' –- ?‘ <<x>> a|b {t} 100% a_b ~ ^ \\ ,, Αλφα 😀 مرحبا'
    author = 'Informant H2 Αλφα'
    os.makedirs(work, exist_ok=True)
    e = lambda t: subprocess.run([texesc, 'bib'], input=t.encode(), stdout=subprocess.PIPE,
                                 check=True).stdout.decode()
    with open(os.path.join(work, 'bib.bib'), 'w', encoding='utf-8') as f:
        f.write('@misc{k, author = {{%s}}, title = {%s}, year = {2024}}\n' % (e(author), e(title)))
    pre = '\\usepackage[backend=biber,style=authoryear]{biblatex}\\addbibresource{bib.bib}\n'
    body = 'Bib \\cite{k}.\\printbibliography'
    build(work, engine, 'bib', body, pre)
    r = subprocess.run(['biber', '--quiet', 'bib-' + engine], cwd=work, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    if r.returncode != 0:
        return ['biber failed: ' + r.stdout.decode()[-300:]]
    log, text, _, _ = build(work, engine, 'bib', body, pre)
    flat = unshape(' '.join(lines_of(text)))
    bad = []
    for t in (title, author):
        want = placeholders(t) if engine == 'pdflatex' else t
        if want.replace(' ', '') not in flat.replace(' ', ''):
            bad.append('%r not in %r' % (want, flat))
    for m in re.findall(r'Missing character: There is no (.) \(U\+([0-9A-F]+)\)', log):
        bad.append('missing glyph U+%s' % m[1])
    return bad


def case_long(texesc, work, engine):
    word = ('abcdefghij' * 100)
    ph = ''.join(chr(0xE000 + k) for k in range(40))
    url = 'https://example.org/' + '/'.join('segment%03d' % k for k in range(25))
    cjk = '漢字' * 60 + '「漢字」、' * 30 + 'かな。' * 40
    arab = 'مرحبا' * 40
    texts = [word, ph, url, cjk, arab]
    if engine == 'pdflatex':
        texts.append('مر' * 40)
    e = [esc(texesc, t) for t in texts]
    body = []
    for t in e:
        body.append('Paragraph: ' + t + ' end.\\par')
        body.append('\\begin{quote}Quote: ' + t + ' end.\\end{quote}')
        body.append('\\begin{tabular}{|p{3cm}|p{4cm}|}\\hline a & Cell: ' + t + ' end.\\\\\\hline\\end{tabular}\\par')
        body.append('\\begin{description}\\item[Item] ' + t + ' end.\\end{description}')
    log, text, words, _ = build(work, engine, 'long', '\n'.join(body))
    bad = []
    for m in re.findall(r'Overfull \\hbox \(([0-9.]+)pt too wide\)', log):
        bad.append('overfull hbox %spt' % m)
    # kinsoku: no line starts with closing punctuation or ends with an
    # opening bracket
    for l in lines_of(text):
        if l[0] in '、。，：；？！）」』】〉》ー' or l[-1] in '（「『【〈《':
            bad.append('a CJK line breaks at its punctuation: %r' % l)
    for x, w, _ in words:
        if x > RIGHT_EDGE + 0.5:
            bad.append('%r ends at %.1fpt, beyond the right edge %.1fpt' % (w, x, RIGHT_EDGE))
    flat = unshape(text).replace('\n', '').replace(' ', '').replace('\f', '')
    for t in [word, url] + ([] if engine == 'pdflatex' else [cjk]):
        if t.replace(' ', '') not in flat:
            bad.append('%r... is not back in one piece' % t[:20])
    n = flat.count('[U+E000]')
    if n != 4:
        bad.append('%d times [U+E000] back, want 4' % n)
    return bad


def case_limit(texesc, work, engine):
    """A quote of 256 KiB, as quotes.tex holds it: one macro argument."""
    parts = ['Ord og setninger, som i et intervju. ', 'abcdefghij' * 10 + ' ',
             '«sitat» – og — “svar” ‘ja’ ', 'Μια φράση στα ελληνικά. ',
             'مرحبا بالعالم 42. ', '漢字ひらがな。', '😀 ', 'https://example.org/a/b/c ']
    s, k = '', 0
    while len(s.encode()) < 256 * 1024:
        s += parts[k % len(parts)]
        if k % 50 == 49:
            s += '\n\n'
        k += 1
    b = s.encode()[:256 * 1024]
    s = b.decode('utf-8', errors='ignore')
    t = esc(texesc, s)
    bad = []
    longest = max(len(l.encode()) for l in t.split('\n'))
    if longest > 4096:
        bad.append('a line of %d bytes' % longest)
    body = ('\\long\\def\\quotetext{' + t + '}\n'
            '\\let\\sitat@parhook\\sitat@par@display\n'
            '\\begin{quote}\\quotetext\\end{quote}')
    log, text, words, _ = build(work, engine, 'limit', body)
    for m in re.findall(r'Overfull \\hbox \(([0-9.]+)pt too wide\)', log):
        bad.append('overfull hbox %spt' % m)
    if 'Ord og setninger' not in text:
        bad.append('the text is not in the PDF')
    pages = len(text.split('\f')) - 1
    bad += [] if pages > 20 else ['only %d pages' % pages]
    return bad, pages, longest


def main():
    if len(sys.argv) < 4:
        sys.exit('usage: check.py TEXESC WORKDIR ENGINE...')
    texesc, work = os.path.abspath(sys.argv[1]), sys.argv[2]
    for engine in sys.argv[3:]:
        for name, fn in [('pairs', case_pairs), ('scripts', case_scripts),
                         ('rtlbase', case_rtlbase), ('bidi', case_bidi), ('pagebreak', case_pagebreak), ('fonts', case_fonts), ('upper', case_upper),
                         ('bib', case_bib),
                         ('long', case_long), ('limit', case_limit)]:
            try:
                r = fn(texesc, os.path.join(work, engine), engine)
                if name == 'limit':
                    r, pages, longest = r
                    print('storetext: %s: a 256 KiB quote: %d pages, longest line %d bytes'
                          % (engine, pages, longest))
                result('%s/%s' % (engine, name), r)
            except Exception as e:  # a LaTeX error, a missing tool
                result('%s/%s' % (engine, name), [str(e)])
    print('storetext: %d passed, %d failed' % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
