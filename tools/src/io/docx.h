/* docx.h - the text of a Word document (.docx, Office Open XML): the
 * paragraphs of word/document.xml (libzip + libxml2). */
#ifndef SITAT_DOCX_H
#define SITAT_DOCX_H

#include <stddef.h>

#include "core/diag.h"
#include "core/util.h"

/* The largest word/document.xml read (uncompressed). */
#define DOCX_XML_MAX (256u * 1024 * 1024)

/* Append the text of the .docx in data (len bytes) to out: each
 * paragraph (w:p, in the body and in tables) on its own, paragraphs
 * separated by a blank line, empty ones left out; w:t is text, w:tab a
 * TAB, w:br and w:cr a line feed, w:noBreakHyphen a '-', w:softHyphen
 * nothing; deleted text (w:delText), field instructions (w:instrText),
 * drawings and text boxes are left out.  A speaker label at the start of
 * a paragraph is text like any other (core/speaker.h maps it later).
 * The XML is read without a network and without expanding entities.
 * Returns 0, or -1 with a message in d against file (out may hold a part
 * then). */
int docx_text(const char *data, size_t len, const char *file, struct buf *out,
              struct diag *d);
/* The same from word/document.xml itself (n bytes), as docx_text reads
 * it out of the archive. */
int docx_xml_text(const char *xml, size_t n, const char *file, struct buf *out,
                  struct diag *d);

#endif
