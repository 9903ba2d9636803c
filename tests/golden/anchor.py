#!/usr/bin/env python3
"""anchor.py - compute the anchor of a quote, for writing golden cases by hand.

    python3 tests/golden/anchor.py TEXTFILE EXACT [OCCURRENCE]
    python3 tests/golden/anchor.py TEXTFILE - [OCCURRENCE] < exact.txt

Prints the "start", "end", "exact", "prefix" and "suffix" members of a
segment (evidence/README.md): positions are Unicode code points of the NFC
text from 0, end exclusive; prefix and suffix are up to 32 code points.
With '-', EXACT is read from stdin (one final newline is dropped), which is
the easy way to quote across lines.  OCCURRENCE (from 0) picks one of
several matches; the script refuses an ambiguous quote without it.
Also prints the line:col (code points, from 1) where the quote starts.
"""
import json
import sys
import unicodedata


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    with open(sys.argv[1], encoding='utf-8') as f:
        text = f.read()
    if unicodedata.normalize('NFC', text) != text:
        sys.exit('anchor.py: %s is not NFC; sitat check would reject it' % sys.argv[1])
    exact = sys.stdin.read() if sys.argv[2] == '-' else sys.argv[2]
    if sys.argv[2] == '-' and exact.endswith('\n'):
        exact = exact[:-1]
    hits = []
    pos = text.find(exact)
    while exact and pos >= 0:
        hits.append(pos)
        pos = text.find(exact, pos + 1)
    if not hits:
        sys.exit('anchor.py: the quote does not occur in %s' % sys.argv[1])
    if len(sys.argv) == 4:
        start = hits[int(sys.argv[3])]
    elif len(hits) > 1:
        sys.exit('anchor.py: the quote occurs %d times (at %s); give OCCURRENCE'
                 % (len(hits), ', '.join(map(str, hits))))
    else:
        start = hits[0]
    end = start + len(exact)
    line = text.count('\n', 0, start) + 1
    col = start - (text.rfind('\n', 0, start) + 1) + 1
    out = {'start': start, 'end': end, 'exact': exact,
           'prefix': text[max(0, start - 32):start], 'suffix': text[end:end + 32]}
    body = json.dumps(out, indent=2, ensure_ascii=False)
    print('\n'.join(body.splitlines()[1:-1]))
    print('# starts at %s:%d:%d' % (sys.argv[1], line, col), file=sys.stderr)


if __name__ == '__main__':
    main()
