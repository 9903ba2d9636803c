#!/usr/bin/env python3
"""mkdocx.py OUT PARA... - a minimal valid .docx: one w:p per argument.
In an argument, \\t is a w:tab, \\n a w:br, ~ a w:noBreakHyphen, ^ a
w:softHyphen, [del:TEXT] deleted text (w:del/w:delText), | a run boundary."""
import re
import sys
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def runs(p):
    out = []
    for part in re.split(r"(\[del:[^\]]*\]|\|)", p):
        if part == "|" or part == "":
            continue
        if part.startswith("[del:"):
            out.append('<w:del w:id="1" w:author="x"><w:r><w:delText>%s</w:delText></w:r></w:del>'
                       % esc(part[5:-1]))
            continue
        r = ["<w:r><w:rPr><w:b/></w:rPr>"]
        for piece in re.split(r"(\\t|\\n|~|\^)", part):
            if piece == "\\t":
                r.append("<w:tab/>")
            elif piece == "\\n":
                r.append("<w:br/>")
            elif piece == "~":
                r.append("<w:noBreakHyphen/>")
            elif piece == "^":
                r.append("<w:softHyphen/>")
            elif piece:
                r.append('<w:t xml:space="preserve">%s</w:t>' % esc(piece))
        r.append("</w:r>")
        out.append("".join(r))
    return "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>%s</w:p>" % "".join(out)


def main():
    out, paras = sys.argv[1], sys.argv[2:]
    body = "".join(runs(p) for p in paras)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="%s"><w:body>%s<w:sectPr/></w:body></w:document>' % (W, body))
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", ct), ("_rels/.rels", rels),
                           ("word/document.xml", doc)):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


main()
