#!/usr/bin/env python3
"""mkqdpx.py SPEC.json OUT.qdpx [MEANT.json] - a REFI-QDA project file
(a zip: the project XML and the sources) made from a small description,
for tests/import/run.sh.  python3's zipfile and nothing else.

The description (JSON; "base": "other.json" takes that file's members,
then this one's replace them, member by member):

  origin, name        the Project's attributes (origin null: none)
  xml                 the XML's entry name (default "project.qde")
  dir                 the sources' folder ("Sources", "sources"; default "Sources")
  root                true: an empty DIR/.root entry (NVivo for Mac)
  compress            "deflate" (default) or "stored"
  unit                the unit the positions are written in: "codepoint",
                      "utf16", with "+crlf1" (a CRLF counts one) and "+bom"
                      (a BOM counts one); default: the origin's (NVivo:
                      utf16, ATLAS.ti: codepoint+crlf1, else codepoint)
  guids               "upper" or "braces": how every GUID is written
  namespace           false: elements without the QDA-XML namespace
  users               [{id, name}]
  codes               [{id, name, description, color, codable, children}]
  variables           [{id, name, type}]  (type: Text, Boolean, Integer, ...)
  cases               [{id, name?, description?, values: {VAR: value}, sources: [SRC]}]
  notes               [{id, name, text}]
  sources             [{id, name, text, bom, crlf, nfd, path, description,
                        values, selections}]
      text            the text as meant (LF line ends); bom: a UTF-8 BOM
                      before it; crlf: every LF written as CRLF; nfd: the
                      text written in NFD
      nofile          true: no entry for the text (a bomb or a missing one)
      encoding        the text entry's encoding (default utf-8; "utf-16"
                      writes a byte order mark and UTF-16: refused)
      path            plainTextPath: default "internal://GUID.txt"; "{guid}"
                      is replaced; null: the text as PlainTextContent; the
                      entry is DIR/ + the path without internal:// (or
                      "entry" names it)
      selections      [{id, quote, nth, at, start, end, codes, user, notes,
                        description, name, want}]
          quote       the text meant (in `text`); nth: which occurrence
                      (from 0); its positions are computed in `unit`
          at          with quote "": a zero-length selection before `at`
          start, end  positions written as given (broken files)
          codes       a Coding per code id (none: a selection without one)
          want        the text the store must show, when not quote
  sets                [{id, name, description, codes}]
  entries             {NAME: TEXT}: more archive entries, as given
  bomb                {entry, size, lie}: an entry of SIZE zero bytes; lie:
                      its headers say 1000 bytes
  xml_tail            text appended to the XML (a file not well formed)
  xml_raw             the whole XML, as given (nothing generated)
OUT ending in .qdc: the CodeBook document of `codes` (no zip); with
"qdc_project": true the Project document instead (a .qdc some tools write).

GUIDs are name-based (uuid5 of the element's id), so two descriptions
with the same ids (a project and its later export) give the same GUIDs.
MEANT.json lists every selection: its source's name, GUID (canonical),
the text meant, its codes' names, and "skip": "empty" / "uncoded" for
the ones an import leaves out (tests/import/meant.py checks a store
against it)."""

import json
import os
import sys
import unicodedata
import uuid
import zipfile
from xml.sax.saxutils import escape, quoteattr

NS = uuid.UUID("6f1d3c1e-5a7b-4c1e-9a42-51747a7f1200")


def guid(kind, key):
    return str(uuid.uuid5(NS, kind + ":" + key))


def load(path):
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    if "base" in spec:
        base = load(os.path.join(os.path.dirname(path), spec["base"]))
        del spec["base"]
        base.update(spec)
        spec = base
    return spec


def origin_unit(origin):
    o = (origin or "").lower()
    if "nvivo" in o:
        return "utf16"
    if "atlas.ti" in o:
        return "codepoint+crlf1"
    return "codepoint"


def position(raw, i, unit):
    """The position of raw[:i] (a str holding the written text, BOM as
    U+FEFF, CRLF as two characters) under unit."""
    utf16 = unit.startswith("utf16")
    crlf1 = "+crlf1" in unit
    bom = "+bom" in unit
    p = 0
    for k in range(i):
        c = raw[k]
        if k == 0 and c == "\ufeff" and not bom:
            continue
        if c == "\r" and crlf1 and k + 1 < len(raw) and raw[k + 1] == "\n":
            continue
        p += 2 if utf16 and ord(c) > 0xFFFF else 1
    return p


class Gen:
    def __init__(self, spec):
        self.spec = spec
        self.style = spec.get("guids")
        self.meant = []
        self.lines = []

    def g(self, kind, key):
        s = guid(kind, key)
        if self.style == "upper":
            return s.upper()
        if self.style == "braces":
            return "{" + s.upper() + "}"
        return s

    def out(self, s):
        self.lines.append(s)

    def code_names(self):
        names = {}

        def walk(cs):
            for c in cs:
                names[c["id"]] = c["name"]
                walk(c.get("children", []))
        walk(self.spec.get("codes", []))
        return names

    def codes(self, cs, depth):
        for c in cs:
            attrs = 'guid=%s name=%s isCodable="%s"' % (
                quoteattr(self.g("code", c["id"])), quoteattr(c["name"]),
                "true" if c.get("codable", True) else "false")
            if "color" in c:
                attrs += " color=%s" % quoteattr(c["color"])
            kids = c.get("children", [])
            desc = c.get("description")
            if not kids and desc is None:
                self.out("<Code %s/>" % attrs)
                continue
            self.out("<Code %s>" % attrs)
            if desc is not None:
                self.out("<Description>%s</Description>" % escape(desc))
            self.codes(kids, depth + 1)
            self.out("</Code>")

    def values(self, vals):
        types = {v["id"]: v.get("type", "Text") for v in self.spec.get("variables", [])}
        for var, val in vals.items():
            t = types.get(var, "Text")
            self.out('<VariableValue><VariableRef targetGUID=%s/><%sValue>%s</%sValue></VariableValue>'
                     % (quoteattr(self.g("variable", var)), t, escape(str(val)), t))

    def source(self, src, files):
        spec = self.spec
        unit = spec.get("unit") or origin_unit(spec.get("origin"))
        text = src["text"]
        written = unicodedata.normalize("NFD", text) if src.get("nfd") else text
        raw = written.replace("\n", "\r\n") if src.get("crlf") else written
        if src.get("bom"):
            raw = "\ufeff" + raw
        sg = self.g("source", src["id"])
        attrs = "guid=%s" % quoteattr(sg)
        if "name" in src:
            attrs += " name=%s" % quoteattr(src["name"])
        path = src.get("path", "internal://{guid}.txt")
        if path is not None:
            path = path.replace("{guid}", guid("source", src["id"]))
            attrs += " plainTextPath=%s" % quoteattr(path)
            entry = src.get("entry")
            if entry is None:
                p = path[len("internal://"):] if path.startswith("internal://") else path
                entry = spec.get("dir", "Sources") + "/" + p
            if not src.get("nofile"):
                files.append((entry, raw.encode(src.get("encoding", "utf-8"))))
        self.out("<TextSource %s>" % attrs)
        if "description" in src:
            self.out("<Description>%s</Description>" % escape(src["description"]))
        if path is None:
            self.out("<PlainTextContent>%s</PlainTextContent>" % escape(raw))
        names = self.code_names()
        for sel in src.get("selections", []):
            if "start" in sel:
                start, end = sel["start"], sel["end"]
                meant = sel.get("want")
            else:
                q = sel["quote"]
                qw = unicodedata.normalize("NFD", q) if src.get("nfd") else q
                if q == "":
                    at = sel["at"]
                    atw = unicodedata.normalize("NFD", at) if src.get("nfd") else at
                    i = written.index(atw)
                else:
                    i = -1
                    for _ in range(sel.get("nth", 0) + 1):
                        i = written.index(qw, i + 1)
                if written[i:i + len(qw)] != qw:
                    raise SystemExit("mkqdpx: quote not found: %r" % q)
                # i and i + len(qw) in `written`; in `raw`: add the CRs
                # before them and the BOM
                def rawpos(j):
                    r = j + (written.count("\n", 0, j) if src.get("crlf") else 0)
                    return r + (1 if src.get("bom") else 0)
                start = position(raw, rawpos(i), unit)
                end = position(raw, rawpos(i + len(qw)), unit)
                meant = sel.get("want", q)
            gs = self.g("selection", sel["id"])
            a = "guid=%s" % quoteattr(gs)
            if "name" in sel:
                a += " name=%s" % quoteattr(sel["name"])
            a += ' startPosition="%d" endPosition="%d"' % (start, end)
            if "user" in sel:
                a += " creatingUser=%s" % quoteattr(self.g("user", sel["user"]))
            self.out("<PlainTextSelection %s>" % a)
            if "description" in sel:
                self.out("<Description>%s</Description>" % escape(sel["description"]))
            for c in sel.get("codes", []):
                self.out('<Coding guid=%s><CodeRef targetGUID=%s/></Coding>' % (
                    quoteattr(self.g("coding", sel["id"] + ":" + c)), quoteattr(self.g("code", c))))
            for n in sel.get("notes", []):
                self.out("<NoteRef targetGUID=%s/>" % quoteattr(self.g("note", n)))
            self.out("</PlainTextSelection>")
            skip = None
            if start == end:
                skip = "empty"
            elif not sel.get("codes"):
                skip = "uncoded"
            self.meant.append({
                "source": src.get("name"), "guid": guid("selection", sel["id"]),
                "text": None if meant is None else unicodedata.normalize("NFC", meant),
                "codes": [names.get(c, c) for c in sel.get("codes", [])],
                "skip": skip})
        self.values(src.get("values", {}))
        self.out("</TextSource>")

    def codebook(self):
        self.out('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')
        self.out('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>')
        self.codes(self.spec.get("codes", []), 0)
        self.out("</Codes></CodeBook>")
        return "\n".join(self.lines) + "\n" + self.spec.get("xml_tail", "")

    def xml(self, files):
        spec = self.spec
        if "xml_raw" in spec:
            return spec["xml_raw"]
        ns = spec.get("namespace", True)
        a = "name=%s" % quoteattr(spec.get("name", "Project"))
        if spec.get("origin") is not None:
            a += " origin=%s" % quoteattr(spec["origin"])
        if ns:
            a += ' xmlns="urn:QDA-XML:project:1.0"'
        self.out('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')
        self.out("<Project %s>" % a)
        if spec.get("users"):
            self.out("<Users>")
            for u in spec["users"]:
                self.out("<User guid=%s name=%s/>" % (quoteattr(self.g("user", u["id"])), quoteattr(u["name"])))
            self.out("</Users>")
        if spec.get("codes"):
            self.out("<CodeBook><Codes>")
            self.codes(spec["codes"], 0)
            self.out("</Codes></CodeBook>")
        if spec.get("variables"):
            self.out("<Variables>")
            for v in spec["variables"]:
                self.out('<Variable guid=%s name=%s typeOfVariable="%s"/>' % (
                    quoteattr(self.g("variable", v["id"])), quoteattr(v["name"]), v.get("type", "Text")))
            self.out("</Variables>")
        if spec.get("cases"):
            self.out("<Cases>")
            for c in spec["cases"]:
                ca = "guid=%s" % quoteattr(self.g("case", c["id"]))
                if "name" in c:
                    ca += " name=%s" % quoteattr(c["name"])
                self.out("<Case %s>" % ca)
                if "description" in c:
                    self.out("<Description>%s</Description>" % escape(c["description"]))
                self.values(c.get("values", {}))
                for s in c.get("sources", []):
                    self.out("<SourceRef targetGUID=%s/>" % quoteattr(self.g("source", s)))
                self.out("</Case>")
            self.out("</Cases>")
        if spec.get("sources"):
            self.out("<Sources>")
            for s in spec["sources"]:
                self.source(s, files)
            self.out("</Sources>")
        if spec.get("notes"):
            self.out("<Notes>")
            for n in spec["notes"]:
                self.out("<Note guid=%s name=%s><PlainTextContent>%s</PlainTextContent></Note>" % (
                    quoteattr(self.g("note", n["id"])), quoteattr(n.get("name", n["id"])), escape(n["text"])))
            self.out("</Notes>")
        if spec.get("sets"):
            self.out("<Sets>")
            for st in spec["sets"]:
                self.out("<Set guid=%s name=%s>" % (quoteattr(self.g("set", st["id"])), quoteattr(st["name"])))
                if "description" in st:
                    self.out("<Description>%s</Description>" % escape(st["description"]))
                for c in st.get("codes", []):
                    self.out("<MemberCode targetGUID=%s/>" % quoteattr(self.g("code", c)))
                self.out("</Set>")
            self.out("</Sets>")
        self.out("</Project>")
        return "\n".join(self.lines) + "\n" + spec.get("xml_tail", "")


def lie_about_size(path, name, size):
    """Write SIZE as the uncompressed size of entry NAME in both its local
    and its central header."""
    data = bytearray(open(path, "rb").read())
    with zipfile.ZipFile(path) as z:
        off = z.getinfo(name).header_offset
    assert data[off:off + 4] == b"PK\x03\x04"
    data[off + 22:off + 26] = size.to_bytes(4, "little")
    bname = name.encode()
    i = 0
    while True:
        i = data.find(b"PK\x01\x02", i)
        if i < 0:
            break
        n = int.from_bytes(data[i + 28:i + 30], "little")
        if data[i + 46:i + 46 + n] == bname:
            data[i + 24:i + 28] = size.to_bytes(4, "little")
        i += 4
    open(path, "wb").write(data)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: mkqdpx.py SPEC.json OUT.qdpx [MEANT.json]")
    spec = load(sys.argv[1])
    gen = Gen(spec)
    files = []
    xml = gen.xml(files)
    comp = zipfile.ZIP_STORED if spec.get("compress") == "stored" else zipfile.ZIP_DEFLATED
    out = sys.argv[2]
    if out.endswith(".qdc"):
        with open(out, "w", encoding="utf-8") as f:
            f.write(xml if spec.get("qdc_project") else Gen(spec).codebook())
        return

    def info(name):
        zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        zi.compress_type = comp
        zi.external_attr = 0o644 << 16
        return zi

    with zipfile.ZipFile(out, "w") as z:
        if spec.get("xml", "project.qde") is not None:
            z.writestr(info(spec.get("xml", "project.qde")), xml.encode("utf-8"))
        if spec.get("root"):
            z.writestr(info(spec.get("dir", "Sources") + "/.root"), b"")
        for name, data in files:
            z.writestr(info(name), data)
        for name, text in spec.get("entries", {}).items():
            z.writestr(info(name), text.encode("utf-8"))
        bomb = spec.get("bomb")
        if bomb:
            zi = info(bomb["entry"])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi._compresslevel = 1
            chunk = bytes(1 << 20)
            left = bomb["size"]
            with z.open(zi, "w") as f:
                while left > 0:
                    k = min(left, len(chunk))
                    f.write(chunk[:k])
                    left -= k
    if bomb and bomb.get("lie"):
        lie_about_size(out, bomb["entry"], 1000)
    if len(sys.argv) == 4:
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            json.dump(gen.meant, f, ensure_ascii=False, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
