#!/usr/bin/env python3
"""realmeant.py FILE.qdpx MEANT.json - what an NVivo export means, worked
out here independently of sitat: every PlainTextSelection cut out of its
source's plain text as NVivo counts (UTF-16 code units, the BOM not
counted, CRLF as two; end exclusive), in the form mkqdpx.py writes (for
meant.py): source name, GUID, text, code names, and "empty" / "uncoded"
for the selections an import skips.  Reads the archive with zipfile and
the XML with ElementTree; writes nothing else."""

import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = "{urn:QDA-XML:project:1.0}"


def canon(g):
    return g.strip("{}").lower()


def main():
    z = zipfile.ZipFile(sys.argv[1])
    names = z.namelist()
    qde = "project.qde" if "project.qde" in names else [n for n in names if n.endswith(".qde")][0]
    root = ET.fromstring(z.read(qde))
    codes = {canon(c.get("guid")): c.get("name") for c in root.iter(NS + "Code")}
    lower = {n.lower(): n for n in names}
    meant = []
    for src in root.iter(NS + "TextSource"):
        path = src.get("plainTextPath")
        if not path:
            continue
        p = path[len("internal://"):] if path.startswith("internal://") else path
        entry = lower["sources/" + p.lower()]
        text = z.read(entry).decode("utf-8")
        if text.startswith("\ufeff"):
            text = text[1:]
        u = text.encode("utf-16-le")
        for sel in src.findall(NS + "PlainTextSelection"):
            s, e = int(sel.get("startPosition")), int(sel.get("endPosition"))
            cut = u[2 * s:2 * e].decode("utf-16-le")
            cut = re.sub(r"\r\n?", "\n", cut)
            cs = [codes[canon(c.get("targetGUID"))] for c in sel.iter(NS + "CodeRef")]
            skip = "empty" if s == e else ("uncoded" if not cs else None)
            meant.append({"source": src.get("name"), "guid": canon(sel.get("guid")),
                          "text": cut, "codes": cs, "skip": skip})
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(meant, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
