/* refi_write_impl.h - between the two halves of the REFI-QDA writer
 * (refi.h: refi_write), private to io/: refi_write.c makes the XML,
 * refi_zip.c the archive. */
#ifndef SITAT_REFI_WRITE_IMPL_H
#define SITAT_REFI_WRITE_IMPL_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "io/refi.h"

/* The XML of p: the Project document, or with codebook_only the CodeBook
 * document.  *out is a new buffer (the caller frees it with
 * xmlBufferFree; it may be NULL after a failure).  Safe to call in a
 * thread once xmlInitParser has run.  Returns 0, or -1 after a message
 * in d naming file. */
int refi_write_xml(const struct refi_project *p, bool codebook_only, const char *file,
                   struct diag *d, xmlBufferPtr *out);

/* The bytes of the .qdpx of p (caller frees; *len set), or NULL after a
 * message in d naming file. */
char *refi_write_zip(const struct refi_project *p, size_t *len, const char *file,
                     struct diag *d);

#endif
