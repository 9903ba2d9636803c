#!/usr/bin/env python3
"""mkstore.py - the small store tests/reanchor/run.sh starts every case from.

    python3 tests/reanchor/mkstore.py DIR

Writes DIR/evidence: project.json, codebook.json, one interview I1 (a
hard-wrapped transcript with a passage that occurs twice) and its codings,
anchored here (code points of the NFC text, 32 code points of context) and
written in the store's canonical JSON form (evidence/README.md), so that
a rewrite by sitat changes only what it must.
"""
import json
import os
import sys

TEXT = """INT: Kan du fortelle litt om hvordan dere jobbet med prosjektet?

INF: Ja, vi startet høsten 2021 med et lite team på fire personer. Det
var jo det som var nytt, at vi ikke hadde noen plan å følge.

INT: Hvordan merket du det i hverdagen?

INF: Vi måtte liksom lære oss å spørre først og bestemme etterpå. Det
tok tid, og noen syntes det var vanskelig i starten.

INT: Hva gjorde ledelsen da?

INF: Lederne ga oss rom til å prøve og feile, og det var avgjørende for
at folk turte å si fra når noe ikke fungerte.

INT: Og innbyggerne?

INF: De ble med etter hvert. En sa: det var jo det som var nytt, at
kommunen lyttet først.
"""

# id, exact, occurrence (from 0), codes; I1-004 is the second "det som
# var nytt" (the first is in the first answer)
SEGMENTS = [
    ("I1-001", "vi startet høsten 2021 med et lite team på fire personer", 0, ["prosess"]),
    ("I1-002", "Vi måtte liksom lære oss å spørre først og bestemme etterpå", 0, ["laering"]),
    ("I1-003", "Lederne ga oss rom til å prøve og feile", 0, ["ledelse"]),
    ("I1-004", "det som var nytt", 1, ["laering", "prosess"]),
]


def put(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


def anchor(text, exact, occ):
    at = -1
    for _ in range(occ + 1):
        at = text.index(exact, at + 1)
    end = at + len(exact)
    seg = {"start": at, "end": end, "exact": exact}
    if at:
        seg["prefix"] = text[max(0, at - 32):at]
    if end < len(text):
        seg["suffix"] = text[end:end + 32]
    return seg


def main():
    ev = os.path.join(sys.argv[1], "evidence")
    put(os.path.join(ev, "project.json"), {
        "format": "sitat-store/1", "title": "Reanchor", "author": "Test",
        "language": "nb",
        "research_questions": [{"id": "rq1", "label": "Prosess", "question": "Hvordan?"}],
        "audit": {}})
    put(os.path.join(ev, "codebook.json"), {
        "format": "sitat-codebook/1",
        "codes": [{"id": c, "name": c.capitalize(), "description": "Kode " + c, "rq": ["rq1"]}
                  for c in ("prosess", "laering", "ledelse")]})
    put(os.path.join(ev, "sources", "I1.json"), {
        "format": "sitat-source/1", "id": "I1", "kind": "interview",
        "label": "Informant 1", "attributes": {"role": "leder"},
        "date": "2022-03-14", "text": "I1.txt"})
    with open(os.path.join(ev, "sources", "I1.txt"), "w", encoding="utf-8") as f:
        f.write(TEXT)
    segs = []
    for sid, exact, occ, codes in SEGMENTS:
        seg = {"id": sid}
        seg.update(anchor(TEXT, exact, occ))
        seg["codes"] = codes
        segs.append(seg)
    segs.sort(key=lambda s: (s["start"], s["end"], s["id"]))
    put(os.path.join(ev, "codings", "I1.json"), {
        "format": "sitat-codings/1", "source": "I1", "unit": "codepoint-nfc",
        "segments": segs})


main()
