/* uses.h - where the thesis cites the store's ids, read from its .tex
 * files (the directory of the main file, recursively, without the
 * generated directory): segment ids in \sitat, \sitatinline, \sitatref
 * and \sitatlink; research question ids in \sitattable and in the
 * optional argument of \begin{sitatclaim} and \begin{claim}.  Ids are
 * compared as sitat.sty compares them: with spaces removed.  Text after
 * an unescaped % is a comment and cites nothing.  The package has no
 * macro that cites a code.  A command that would remove or rename a cited
 * id refuses (unless forced) and names every use's file:line:col. */
#ifndef SITAT_USES_H
#define SITAT_USES_H

#include <stddef.h>

#include "core/diag.h"

/* USE_SEGMENT: a quote macro; USE_TABLE: \sitattable{rq}; USE_CLAIM: the
 * research question of a claim. */
enum use_kind { USE_SEGMENT, USE_TABLE, USE_CLAIM };

/* One use; strings owned by the list. */
struct use {
	enum use_kind kind;
	char *id;
	char *macro; /* "\sitatinline", "\sitattable", "\begin{sitatclaim}" */
	char *file;
	size_t line, col; /* of the backslash; col in code points from 1 */
};

struct uses {
	struct use *v;
	size_t n, cap;
};

/* Append the uses in data (len bytes of file). */
void uses_scan_text(struct uses *u, const char *file, const char *data, size_t len);
/* Append the uses in every .tex file under texdir but those under skip
 * (may be NULL).  Returns 0, or -1 after reporting a directory or file
 * that cannot be read to d. */
int uses_scan(struct uses *u, const char *texdir, const char *skip, struct diag *d);
/* The number of uses of id of kind k. */
size_t uses_count(const struct uses *u, enum use_kind k, const char *id);
void uses_free(struct uses *u);

#endif
