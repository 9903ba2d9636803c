/* diag.h - diagnostics: one table of every message sitat can report. */
#ifndef SITAT_DIAG_H
#define SITAT_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_level { DL_NOTE, DL_WARNING, DL_ERROR };

/* Every diagnostic has an id; its level, stable name and message format
 * are in diag.def, in this order. */
enum diag_id {
#define DIAG(id, level, name) id,
#include "core/diag.def"
#undef DIAG
	D__COUNT
};

struct diag_def {
	enum diag_level level;
	const char *name; /* stable slug, used in --json output */
	const char *fmt;  /* printf format of the message */
};
extern const struct diag_def diag_table[D__COUNT];

/* One reported problem.  All strings are owned by the diag. */
struct diag_rec {
	enum diag_id id;
	char *file;
	size_t line, col; /* 0 when no position applies */
	char *where;      /* e.g. "segment I3-012"; NULL when line applies */
	char *msg;
	/* Where in a source text the message points, for --json (diag_pos):
	 * pos_file NULL when none; pos_line, pos_col 0 when unknown; pos_start,
	 * pos_end code points of the text, DIAG_NOPOS when unknown. */
	char *pos_file;
	size_t pos_line, pos_col, pos_start, pos_end;
};
#define DIAG_NOPOS ((size_t)-1)

/* A diagnostics sink.  Messages are printed to out as they come (unless
 * out is NULL) and kept in recs for --json.  diag_free releases all. */
struct diag {
	FILE *out;
	size_t errors, warnings;
	struct diag_rec *recs;
	size_t n, cap;
};

void diag_init(struct diag *d, FILE *out);
void diag_free(struct diag *d);
/* Report at file:line:col (line 0: the whole file), or at file and a
 * named place such as "segment I3-012".  id must be written out (D_...):
 * the macros pass its format from diag.def, so the compiler checks the
 * arguments.  File names, places and the message are stored with control
 * characters and invalid UTF-8 escaped (diag_escape). */
#define diag_at(d, id, ...) diag_at_((d), (id), id##_FMT, __VA_ARGS__)
#define diag_in(d, id, ...) diag_in_((d), (id), id##_FMT, __VA_ARGS__)
void diag_at_(struct diag *d, enum diag_id id, const char *fmt,
              const char *file, size_t line, size_t col, ...)
	__attribute__((format(printf, 3, 7)));
void diag_in_(struct diag *d, enum diag_id id, const char *fmt,
              const char *file, const char *where, ...)
	__attribute__((format(printf, 3, 6)));
/* Give the last record of d a position in a source text (file, line,
 * col, code points start..end; 0 or DIAG_NOPOS where unknown).  It is not
 * printed (the message says it); diag_json gives it as numbers. */
void diag_pos(struct diag *d, const char *file, size_t line, size_t col,
              size_t start, size_t end);
/* Move every record of src, in order, to d (and print it to d->out);
 * src is left empty. */
void diag_merge(struct diag *d, struct diag *src);
const char *diag_level_name(enum diag_level l);
/* Format one record as it is printed (caller frees). */
char *diag_format(const struct diag_rec *r);
/* s (n bytes) made safe for a terminal and for JSON: C0 and C1 control
 * characters, DEL, bidirectional controls and invalid UTF-8 become \xHH
 * or \u{HHHH}; everything else is copied.  Caller frees. */
char *diag_escape(const char *s, size_t n);

#endif
