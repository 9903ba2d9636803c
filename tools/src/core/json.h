/* json.h - reading store JSON files with cJSON, with diagnostics that name
 * the file and the place; one field spec per object type. */
#ifndef SITAT_JSON_H
#define SITAT_JSON_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

/* A parsed file.  The document owns root (json_free releases it); file
 * and d are borrowed.  escapes: the raw text has \u, \b, \f or \r
 * escapes, so its strings can hold what the raw text check did not see (a
 * control character, a non-NFC sequence) and each string read through
 * jread is checked again. */
struct jdoc {
	cJSON *root;
	const char *file;
	struct diag *d;
	bool escapes;
};

/* Parse data (len bytes, NUL-terminated, borrowed) as the JSON file named
 * file.  The raw bytes are checked as text (UTF-8, BOM, CR, control
 * characters, NFC) and for what cJSON is lax about: control characters in
 * strings (escaped or raw), numbers outside RFC 8259, nesting deeper than
 * cJSON takes.  Every problem is reported at file:line:col.  An escaped
 * control character other than NUL leaves the file loaded (the string
 * holding it is refused by jread, without a second message); everything
 * else refuses the file.  Returns 0 and fills doc, or -1 (doc->root
 * NULL) after reporting. */
int json_parse(struct jdoc *doc, const char *file, const char *data,
               size_t len, struct diag *d);
void json_free(struct jdoc *doc);

/* The fields of one object type: key, the JSON type wanted, whether it is
 * required and, for a string, the one value allowed (the "format" of a
 * file; a different value is reported, the value kept). */
enum jtype { JT_STR, JT_UINT, JT_FRACTION, JT_BOOL, JT_ARR, JT_OBJ, JT_ANY };
struct jfield {
	const char *key;
	enum jtype type;
	bool required;
	const char *expect;
};
/* A field read by jread: node is the member (NULL when absent, null or
 * of the wrong type); s its string (JT_STR), u its value (JT_UINT), x its
 * value (JT_FRACTION: a number in (0, 1]), b its value (JT_BOOL). */
struct jval {
	cJSON *node;
	const char *s;
	size_t u;
	double x;
	bool b;
};

/* One pass over the members of o: duplicate and unknown keys are
 * reported (against where, e.g. "segment I3-012"), then each field of
 * spec (n entries) in spec order: missing, wrong type, empty (a required
 * string), bad text in a string.  out[k] gets spec[k]'s value. */
void jread(const struct jdoc *doc, cJSON *o, const struct jfield *spec,
           size_t n, struct jval *out, const char *where);
/* The string value of member v of an object (key names it in messages),
 * checked as jread checks a string field; NULL after reporting. */
const char *jstr_node(const struct jdoc *doc, const cJSON *v, const char *key,
                      const char *where);
/* Take the string of a field jread accepted out of the tree: the caller
 * owns it; the tree keeps a NULL in its place.  NULL when v holds none. */
char *jtake(struct jval *v);

/* The records of d as a JSON array (level, rule, file, line/col or
 * where, message); caller owns it. */
cJSON *diag_json(const struct diag *d);

#endif
