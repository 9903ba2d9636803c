/* json.h - reading store JSON files with cJSON, with diagnostics that name
 * the file and the place. */
#ifndef SITAT_JSON_H
#define SITAT_JSON_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "core/diag.h"

/* Read and parse file: the raw bytes are first checked as text (UTF-8,
 * BOM, CR, NFC); a syntax error is reported at file:line:col.  Returns the
 * tree (caller frees with cJSON_Delete) or NULL after reporting. */
cJSON *json_load(const char *file, struct diag *d);

/* Field access on an object.  Each reports a diagnostic against file and
 * where (e.g. "segment I3-012") when the field is missing (if required)
 * or has the wrong type, and returns NULL / false.  Returned strings are
 * borrowed from the tree. */
const char *jstr(const cJSON *o, const char *key, bool required,
                 const char *file, const char *where, struct diag *d);
const cJSON *jarr(const cJSON *o, const char *key, bool required,
                  const char *file, const char *where, struct diag *d);
const cJSON *jobj(const cJSON *o, const char *key, bool required,
                  const char *file, const char *where, struct diag *d);
/* Take the string value of key out of o (after jstr accepted it): the
 * caller owns it and frees it; o keeps a NULL in its place. */
char *jsteal(cJSON *o, const char *key);
/* A non-negative integer that fits size_t; false when missing/invalid. */
bool juint(const cJSON *o, const char *key, size_t *out, const char *file,
           const char *where, struct diag *d);
/* The same checks on a member already looked up (m may be NULL). */
const cJSON *jmember(const cJSON *m, const char *key, bool required,
                     const char *file, const char *where, struct diag *d);
const char *jstr_m(const cJSON *m, const char *key, bool required,
                   const char *file, const char *where, struct diag *d);
const cJSON *jarr_m(const cJSON *m, const char *key, bool required,
                    const char *file, const char *where, struct diag *d);
bool juint_m(const cJSON *m, const char *key, size_t *out, const char *file,
             const char *where, struct diag *d);
char *jsteal_m(cJSON *m);
/* One pass over the members of o: out[k] = the member named known[k] (or
 * NULL), and the reports of jkeys.  out may be NULL. */
void jfields(const cJSON *o, const char *const *known, const cJSON **out,
             const char *file, const char *where, struct diag *d);
/* Warn about keys of o not in the NULL-terminated list known, and report
 * duplicate keys. */
void jkeys(const cJSON *o, const char *const *known, const char *file,
           const char *where, struct diag *d);

/* The records of d as a JSON array (level, rule, file, line/col or
 * where, message); caller owns it. */
cJSON *diag_json(const struct diag *d);

#endif
