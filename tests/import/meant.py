#!/usr/bin/env python3
"""meant.py EVIDENCE MEANT.json - does the store hold every selection of a
fixture on the text the fixture meant?  MEANT.json is what mkqdpx.py
wrote: per selection its REFI source, GUID, text and code names, and
whether an import skips it.  For each selection not skipped, exactly one
segment of the store has its GUID (as `guid` or in `merged`), its
[start, end) cut out of the store's text (code points) is the segment's
exact, that text is the meant one (NFC; runs of white space compared as
one space: the store hard-wraps interviews and maps CRLF to LF), and its
codes include the selection's (by name, through codebook.json).  The
selections of one REFI source all land in one store source; a skipped
selection is in no segment; no segment of those sources lacks a
selection.  Prints each problem; exit 1 when there is one."""

import json
import os
import re
import sys
import unicodedata


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def main():
    ev, meant_path = sys.argv[1], sys.argv[2]
    meant = json.load(open(meant_path, encoding="utf-8"))
    book = json.load(open(os.path.join(ev, "codebook.json"), encoding="utf-8"))
    code_of_name = {}
    for c in book["codes"]:
        code_of_name.setdefault(c["name"], []).append(c["id"])
    segs = {}  # guid -> (source id, segment)
    by_source = {}
    cdir = os.path.join(ev, "codings")
    for f in sorted(os.listdir(cdir)):
        if not f.endswith(".json"):
            continue
        cod = json.load(open(os.path.join(cdir, f), encoding="utf-8"))
        sid = cod["source"]
        by_source[sid] = cod["segments"]
        for seg in cod["segments"]:
            for g in [seg.get("guid")] + seg.get("merged", []):
                if g:
                    segs.setdefault(g, []).append((sid, seg))
    texts = {}
    problems = []
    where = {}  # REFI source name -> store source ids
    seen = set()
    for m in meant:
        g = m["guid"]
        hits = segs.get(g, [])
        if m["skip"]:
            if hits:
                problems.append("%s (%s, skipped: %s) is in segment %s" % (g, m["source"], m["skip"], hits[0][1]["id"]))
            continue
        if len(hits) != 1:
            problems.append("%s (%s, %r): in %d segments" % (g, m["source"], m["text"], len(hits)))
            continue
        sid, seg = hits[0]
        seen.add((sid, seg["id"]))
        where.setdefault(m["source"], set()).add(sid)
        if sid not in texts:
            texts[sid] = open(os.path.join(ev, "sources", sid + ".txt"), encoding="utf-8").read()
        cut = texts[sid][seg["start"]:seg["end"]]
        if cut != seg["exact"]:
            problems.append("%s %s: text[%d:%d] = %r, exact %r" % (sid, seg["id"], seg["start"], seg["end"], cut, seg["exact"]))
        if m["text"] is not None and norm(cut) != norm(m["text"]):
            problems.append("%s %s (%s): the text is %r, the fixture meant %r" % (sid, seg["id"], g, cut, m["text"]))
        for name in m["codes"]:
            ids = code_of_name.get(name, [])
            if not any(i in seg["codes"] for i in ids):
                problems.append("%s %s (%s): code %r (%s) missing from %s" % (sid, seg["id"], g, name, ",".join(ids) or "not in the codebook", seg["codes"]))
    for name, sids in sorted(where.items(), key=lambda x: str(x[0])):
        if len(sids) != 1:
            problems.append("the selections of %r are in sources %s" % (name, sorted(sids)))
        for sid in sids:
            for seg in by_source.get(sid, []):
                if (sid, seg["id"]) not in seen:
                    problems.append("%s %s: a segment of no selection of the fixture" % (sid, seg["id"]))
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
