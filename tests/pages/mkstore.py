#!/usr/bin/env python3
"""tests/pages/mkstore.py DIR - the small store of tests/pages/run.sh in
DIR/evidence: one document D1 of three pages in the form pdftotext writes
(each page after the first starts with a FORM FEED, after the previous
page's last LF), labels 1, 2, 3, and one quote on each page, each at least
32 code points inside its paragraph (so moving a page break next to a
paragraph leaves every anchor and its context as it is).

    mkstore.py --line-table DIR   DIR's store as sitat 0.2 had it: the text
                                  without form feeds, the first line of each
                                  page in "pages", the anchors in that text
    mkstore.py --migrate DIR      what the page-line error says: every
                                  "line" removed, a form feed at the start
                                  of the line where each page after the
                                  first starts (the anchors left as they are)
"""
import json
import os
import sys

P1 = ["Innledning til styringsdokumentet for sidetesten i kommunen.",
      "Det første avsnittet handler om bakgrunnen. Kommunen skal samskape "
      "med innbyggerne på alle nivåer. Slik begynte arbeidet i kommunen."]
P2 = ["Andre side begynner med et avsnitt uten noe sitat i seg i det hele tatt.",
      "Det neste avsnittet er lengre enn de andre. Lederne skal gi tillit og "
      "rom for å prøve ut nye arbeidsformer. Det står midt i avsnittet på side to."]
P3 = ["Tredje side forteller om framdriften i programmet og om rapporteringen. "
      "Hver sektor skal rapportere to ganger i året om hva den har lært. "
      "Det er det siste sitatet."]
QUOTES = [("D1-001", "Kommunen skal samskape med innbyggerne på alle nivåer."),
          ("D1-002", "Lederne skal gi tillit og rom for å prøve ut nye arbeidsformer."),
          ("D1-003", "Hver sektor skal rapportere to ganger i året om hva den har lært.")]
TEXT = "\n\f".join("\n\n".join(p) for p in (P1, P2, P3)) + "\n"


def dump(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def segments(text):
    segs = []
    for sid, exact in QUOTES:
        s = text.index(exact)
        e = s + len(exact)
        segs.append({"id": sid, "start": s, "end": e, "exact": exact,
                     "prefix": text[max(0, s - 32):s], "suffix": text[e:e + 32],
                     "codes": ["samskaping"]})
    return segs


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f) if path.endswith(".json") else f.read()


def line_table(ev):
    t, m, c = (os.path.join(ev, p) for p in ("sources/D1.txt", "sources/D1.json",
                                             "codings/D1.json"))
    text = load(t)
    starts = [i + 1 for i, l in enumerate(text.split("\n")) if l.startswith("\f")]
    text = text.replace("\f", "")
    with open(t, "w", encoding="utf-8") as f:
        f.write(text)
    d = load(m)
    d["pages"] = [{"label": p["label"], "line": n} for p, n in zip(d["pages"], [1] + starts)]
    dump(m, d)
    d = load(c)
    d["segments"] = segments(text)
    dump(c, d)


def migrate(ev):
    t, m = os.path.join(ev, "sources/D1.txt"), os.path.join(ev, "sources/D1.json")
    d = load(m)
    lines = load(t).split("\n")
    for p in d["pages"][1:]:
        lines[p["line"] - 1] = "\f" + lines[p["line"] - 1]
    for p in d["pages"]:
        del p["line"]
    with open(t, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    dump(m, d)


def main():
    if sys.argv[1] in ("--line-table", "--migrate"):
        ev = os.path.join(sys.argv[2], "evidence")
        (line_table if sys.argv[1] == "--line-table" else migrate)(ev)
        return
    ev = os.path.join(sys.argv[1], "evidence")
    for d in ("sources", "codings"):
        os.makedirs(os.path.join(ev, d), exist_ok=True)
    dump(os.path.join(ev, "project.json"), {
        "format": "sitat-store/1", "title": "Sidetesten", "author": "Test",
        "language": "en",
        "research_questions": [{"id": "rq1", "label": "Samskaping",
                                "question": "Hvordan samskaper kommunen?"}]})
    dump(os.path.join(ev, "codebook.json"), {
        "format": "sitat-codebook/1",
        "codes": [{"id": "samskaping", "name": "Samskaping", "rq": ["rq1"]}]})
    dump(os.path.join(ev, "sources", "D1.json"), {
        "format": "sitat-source/1", "id": "D1", "kind": "document",
        "label": "Styringsdokument", "date": "2020-10", "text": "D1.txt",
        "bib": {"type": "report", "author": "Testkommune",
                "title": "Styringsdokument", "year": "2020"},
        "pages": [{"label": "1"}, {"label": "2"}, {"label": "3"}]})
    with open(os.path.join(ev, "sources", "D1.txt"), "w", encoding="utf-8") as f:
        f.write(TEXT)
    dump(os.path.join(ev, "codings", "D1.json"), {
        "format": "sitat-codings/1", "source": "D1", "unit": "codepoint-nfc",
        "segments": segments(TEXT)})


if __name__ == "__main__":
    main()
