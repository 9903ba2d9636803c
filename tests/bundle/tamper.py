#!/usr/bin/env python3
"""tests/bundle/tamper.py IN OUT HOW - a bundle made unsafe or untrue, for
tests/bundle/run.sh: OUT is IN (a sitat bundle) with one change.

  tree      a file under tree/ changed (one byte more)
  pdf       the PDF changed (the manifest and its .sha256 left as they were)
  pack      a byte of the pack flipped, the manifest's sha256 of it updated
            (so git's indexer is what finds it)
  pack-sha  a byte of the pack flipped, nothing else
  extra     a file under tree/ that the commit does not have
  missing   a file under tree/ left out
  dotdot    an entry sitat-bundle/../x
  absolute  an entry /tmp/x
  symlink   a symbolic link sitat-bundle/tree/link -> /etc/passwd
  hardlink  a hard link sitat-bundle/tree/hard -> sitat-bundle/README.txt
  fifo      a FIFO sitat-bundle/tree/fifo
  dup       sitat-bundle/README.txt twice
  stray     an entry sitat-bundle/other.txt
  manifest  the manifest's commit replaced by another id
"""
import gzip
import hashlib
import io
import json
import sys
import tarfile

src, dst, how = sys.argv[1:4]
entries = []
with tarfile.open(src, "r:gz") as t:
    for m in t.getmembers():
        entries.append((m, t.extractfile(m).read() if m.isfile() else b""))
names = [m.name for m, _ in entries]


def find(name):
    return names.index(name)


def reg(name, data):
    m = tarfile.TarInfo(name)
    m.size = len(data)
    m.mode = 0o644
    return (m, data)


def special(name, kind, target=""):
    m = tarfile.TarInfo(name)
    m.type = kind
    m.linkname = target
    return (m, b"")


man_i = find("sitat-bundle/MANIFEST.json")
manifest = json.loads(entries[man_i][1])
pack_i = find("sitat-bundle/git/objects.pack")
tree = [i for i, n in enumerate(names) if n.startswith("sitat-bundle/tree/")]
pdf_i = find("sitat-bundle/" + manifest["jobname"] + ".pdf")


def set_data(i, data):
    m, _ = entries[i]
    m.size = len(data)
    entries[i] = (m, data)


if how == "tree":
    i = [i for i in tree if names[i].endswith(".tex")][0]
    set_data(i, entries[i][1] + b"%")
elif how == "pdf":
    set_data(pdf_i, entries[pdf_i][1] + b"\n%%EOF\n")
elif how in ("pack", "pack-sha"):
    p = bytearray(entries[pack_i][1])
    p[len(p) // 2] ^= 0x40
    set_data(pack_i, bytes(p))
    if how == "pack":
        manifest["pack"]["sha256"] = hashlib.sha256(bytes(p)).hexdigest()
        set_data(man_i, json.dumps(manifest, indent="\t").encode() + b"\n")
elif how == "extra":
    entries.append(reg("sitat-bundle/tree/extra.txt", b"not committed\n"))
elif how == "missing":
    del entries[tree[0]]
elif how == "dotdot":
    entries.append(reg("sitat-bundle/../x", b"outside\n"))
elif how == "absolute":
    entries.append(reg("/tmp/sitat-bundle-test-absolute", b"outside\n"))
elif how == "symlink":
    entries.append(special("sitat-bundle/tree/link", tarfile.SYMTYPE, "/etc/passwd"))
elif how == "hardlink":
    entries.append(special("sitat-bundle/tree/hard", tarfile.LNKTYPE, "sitat-bundle/README.txt"))
elif how == "fifo":
    entries.append(special("sitat-bundle/tree/fifo", tarfile.FIFOTYPE))
elif how == "dup":
    entries.append(reg("sitat-bundle/README.txt", b"again\n"))
elif how == "stray":
    entries.append(reg("sitat-bundle/other.txt", b"stray\n"))
elif how == "manifest":
    manifest["commit"] = "0" * 40
    set_data(man_i, json.dumps(manifest, indent="\t").encode() + b"\n")
else:
    sys.exit("tamper.py: unknown change " + how)

raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as t:
    for m, data in entries:
        t.addfile(m, io.BytesIO(data) if m.isfile() else None)
with open(dst, "wb") as f:
    f.write(gzip.compress(raw.getvalue(), mtime=0))
