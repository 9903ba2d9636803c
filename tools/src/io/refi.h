/* refi.h - a REFI-QDA project (.qdpx: a zip holding the project XML and
 * the sources) or codebook (.qdc: the XML alone) in memory, read with
 * libzip and libxml2 (refi_read.c) and written with them (refi_write.c).
 *
 * The model is what sitat uses of the standard (REFI-QDA 1.5, QDA-XML
 * 1.0, ../shared/refi-qda/Project.xsd): users, the code tree, variables,
 * cases, text sources with their plain text and PlainTextSelections,
 * notes, and sets.  Pictures, PDFs, audio, video, links and graphs are
 * counted, not kept (the importer reports them).  Elements refer to each
 * other by index; NONE (core/store.h) is "none".  GUIDs are kept in
 * canonical form (lower case, no braces: core/util.h guid_ok); the
 * reader accepts upper case and braces and converts.
 *
 * The reader is lenient where vendors differ and strict where data is at
 * stake (evidence/README.md has the list; docs/import.md the reasons):
 *   - the XML: "project.qde", or the one *.qde of the archive under any
 *     name (ATLAS.ti 26 on macOS); two .qde and no project.qde: refused;
 *   - sources under "Sources/" or "sources/" (a ".root" file is
 *     ignored); plainTextPath "internal://NAME", "NAME" (qc), or
 *     "relative://" / "absolute://" (refused: sitat reads nothing outside
 *     the archive); PlainTextContent instead of a path;
 *   - entries stored or deflated; an entry larger than the limit (as its
 *     header says, or as it inflates) is refused;
 *   - an entry name or a path that leaves the archive ("..", an absolute
 *     path, a backslash) is refused;
 *   - refused too: not a zip, no project XML, XML not well formed (with
 *     libxml2's line), a selection with start after end or a negative
 *     position, a reference (CodeRef, NoteRef, SourceRef, VariableRef,
 *     creatingUser) to a GUID the file does not define, a GUID given to
 *     two elements, a TextSource without text.
 * Selections outside their source's text are the importer's to find
 * (only it knows the unit).  Every problem is reported to d as
 * "FILE.qdpx:ENTRY:LINE: error: ELEMENT guid=...: ..." (diag_at with
 * file "FILE.qdpx:ENTRY"; line from xmlGetLineNo, col 0), and refi_read
 * returns -1; the model is then empty.  No network access, no DTD
 * loading, no entity expansion (XML_PARSE_NONET, no XML_PARSE_NOENT,
 * XML_PARSE_HUGE off). */
#ifndef SITAT_REFI_H
#define SITAT_REFI_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

/* Limits of the reader: the project XML, each source's text, and the
 * whole archive as it inflates, in bytes. */
#define REFI_XML_MAX ((size_t)512 << 20)
#define REFI_TEXT_MAX ((size_t)256 << 20)
#define REFI_TOTAL_MAX ((size_t)2 << 30)

struct refi_user {
	char *guid, *name; /* name may be NULL */
};

struct refi_code {
	char *guid, *name;
	char *description; /* NULL when absent or empty */
	char *color;       /* "#rrggbb" as written (#rgb expanded), or NULL */
	bool codable;      /* isCodable */
	size_t parent;     /* index of the enclosing Code, or NONE */
	size_t line;       /* of the element in the XML (messages) */
};

enum refi_vartype { REFI_TEXT, REFI_BOOLEAN, REFI_INTEGER, REFI_FLOAT, REFI_DATE, REFI_DATETIME };

struct refi_var {
	char *guid, *name;
	enum refi_vartype type;
	char *description; /* or NULL */
};

/* A VariableValue: the variable and its value as text (TextValue as it
 * is; the others as written in the XML). */
struct refi_value {
	size_t var;
	char *value;
};

struct refi_sel {
	char *guid;
	char *name;        /* the name attribute, or NULL when absent or empty */
	char *description; /* or NULL when absent or empty */
	long long start, end; /* startPosition, endPosition as written */
	size_t user;       /* creatingUser, or NONE */
	size_t *codes;     /* CodeRef of each Coding, in file order */
	size_t *coders;    /* creatingUser of each Coding (NONE when absent), parallel
	                    * to codes (NVivo: the user who coded; the selection's
	                    * creatingUser is who made the range); NULL when there is
	                    * no Coding, and a writer may leave it NULL */
	size_t ncodes;
	size_t *notes;     /* NoteRef, in file order: the selection's own, then its Codings' */
	size_t nnotes;
	size_t line;
};

struct refi_source {
	char *guid;
	char *name;        /* or NULL */
	char *description; /* or NULL */
	char *entry;       /* the archive entry of its text ("Sources/x.txt"), or NULL (PlainTextContent) */
	char *text;        /* the plain text's bytes as they are (BOM, CRLF, any encoding), NUL-terminated */
	size_t text_len;
	struct refi_sel *sels;
	size_t nsels;
	struct refi_value *values; /* VariableValue of the source itself */
	size_t nvalues;
	size_t *notes;     /* NoteRef of the source */
	size_t nnotes;
	size_t line;
};

struct refi_case {
	char *guid, *name; /* name may be NULL (MAXQDA, Quirkos) */
	char *description;
	struct refi_value *values;
	size_t nvalues;
	size_t *sources; /* SourceRef */
	size_t nsources;
	size_t line;
};

struct refi_note {
	char *guid, *name;
	char *text; /* PlainTextContent, or the text of its plainTextPath entry; UTF-8 */
	size_t line;
};

struct refi_set {
	char *guid, *name, *description;
	size_t *codes, ncodes;     /* MemberCode */
	size_t *sources, nsources; /* MemberSource */
	size_t line;
};

struct refi_project {
	char *file;        /* the .qdpx/.qdc as named by the caller */
	char *xml_entry;   /* the project XML's entry name ("project.qde"), or NULL (.qdc) */
	char *name;        /* Project name (or CodeBook: NULL) */
	char *origin;      /* Project origin, or NULL */
	char *creating_user; /* guid, or NULL */
	struct refi_user *users;
	size_t nusers;
	struct refi_code *codes; /* depth first, in file order */
	size_t ncodes;
	struct refi_var *vars;
	size_t nvars;
	struct refi_case *cases;
	size_t ncases;
	struct refi_source *sources; /* TextSources only */
	size_t nsources;
	size_t nother; /* other sources (picture, PDF, audio, video): not read */
	struct refi_note *notes;
	size_t nnotes;
	struct refi_set *sets;
	size_t nsets;
	/* "sitat.json" at the archive's root, when there is one: what sitat
	 * export wrote that REFI-QDA has no place for (docs/export.md). */
	char *sidecar;
	size_t sidecar_len;
};

/* Read FILE (.qdpx, or .qdc when codebook_only: a CodeBook document, or
 * a Project of which only the codes are read).  Returns 0, or -1 after
 * reporting every problem found (up to 20) to d. */
int refi_read(struct refi_project *p, const char *file, bool codebook_only, struct diag *d);
void refi_free(struct refi_project *p);

/* Write p as FILE: a .qdpx (project.qde, sources/GUID.txt for every
 * source with text as UTF-8, sitat.json when p->sidecar), or with
 * codebook_only a .qdc (the CodeBook document).  Deterministic: the same
 * model gives the same bytes (entries in a fixed order, fixed times,
 * fixed compression).  Written through core/outfile.h (a temporary file
 * beside FILE, then renamed).  Returns 0, or -1
 * after reporting to d (nothing left behind). */
int refi_write(const struct refi_project *p, const char *file, bool codebook_only,
               struct diag *d);

#endif
