/* json.c - cJSON loading with file:line:col errors and typed getters. */
#include "core/json.h"
#include "core/infile.h"
#include "core/text.h"
#include "core/util.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* True while the strings of the file json_load parsed last cannot hold
 * anything its raw text did not (no \u, \b, \f or \r escapes): the raw
 * text passed the UTF-8, control character and NFC checks, so its strings
 * need no second look.  Per thread: a thread reads a file's tree before it
 * loads the next. */
static _Thread_local bool strings_clean;

static bool escapes_clean(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while ((p = memchr(p, '\\', (size_t)(end - p))) && p + 1 < end) {
		char c = p[1];
		if (c == 'u' || c == 'b' || c == 'f' || c == 'r')
			return false;
		p += 2;
	}
	return true;
}

cJSON *json_load(const char *file, struct diag *d)
{
	strings_clean = false;
	char *data;
	size_t len;
	if (read_file(file, &data, &len) < 0) {
		diag_at(d, D_IO, file, 0, 0, strerror(errno));
		return NULL;
	}
	struct text t = {.data = data, .len = len};
	if (!text_validate(data, len, file, true, d)) {
		free(data);
		return NULL;
	}
	if (len == 0) {
		diag_at(d, D_EMPTY_FILE, file, 0, 0);
		free(data);
		return NULL;
	}
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(t.data, t.len + 1, &end, true);
	strings_clean = root && escapes_clean(t.data, t.len);
	if (!root) {
		const char *ep = end ? end : cJSON_GetErrorPtr();
		size_t off = ep && ep >= t.data && ep <= t.data + t.len
		                 ? (size_t)(ep - t.data) : t.len;
		/* cJSON points one past a bad object key (a trailing comma before
		 * '}', a number as key): step back onto it */
		if (off > 0 && off < t.len) {
			char c = t.data[off], p = t.data[off - 1];
			bool after_token = p == '}' || p == ']' ||
			                   (p >= '0' && p <= '9') || (p >= 'a' && p <= 'z');
			if (after_token && (c == ' ' || c == '\n' || c == '\t' || c == ':'))
				off--;
		}
		size_t line, col;
		raw_line_col(t.data, t.len, off, &line, &col);
		char *near = off < t.len ? text_show(t.data + off, t.len - off, 12)
		                         : xstrdup("end of file");
		if (off < t.len) {
			char *q = xasprintf("'%s'", near);
			free(near);
			near = q;
		}
		diag_at(d, D_JSON_SYNTAX, file, line, col, near);
		free(near);
	}
	free(t.data);
	return root;
}

static const cJSON *field(const cJSON *o, const char *key, bool required,
                          const char *file, const char *where, struct diag *d)
{
	return jmember(cJSON_GetObjectItemCaseSensitive(o, key), key, required,
	               file, where, d);
}

const cJSON *jmember(const cJSON *v, const char *key, bool required,
                     const char *file, const char *where, struct diag *d)
{
	if ((!v || cJSON_IsNull(v)) && required)
		diag_in(d, D_MISSING, file, where, key);
	return cJSON_IsNull(v) ? NULL : v;
}

const char *jstr(const cJSON *o, const char *key, bool required,
                 const char *file, const char *where, struct diag *d)
{
	return jstr_m(cJSON_GetObjectItemCaseSensitive(o, key), key, required,
	              file, where, d);
}

const char *jstr_m(const cJSON *m, const char *key, bool required,
                   const char *file, const char *where, struct diag *d)
{
	const cJSON *v = jmember(m, key, required, file, where, d);
	if (!v)
		return NULL;
	if (!cJSON_IsString(v)) {
		diag_in(d, D_TYPE, file, where, key, "a string");
		return NULL;
	}
	if (v->valuestring[0] == '\0' && required) {
		diag_in(d, D_EMPTY, file, where, key);
		return NULL;
	}
	unsigned bad;
	int r = strings_clean ? 0 : text_check_string(v->valuestring, &bad);
	if (r) {
		char *w = xasprintf("%s, field '%s'", where, key);
		if (r == D_CONTROL)
			diag_in(d, D_CONTROL, file, w, bad);
		else if (r == D_UTF8)
			diag_in(d, D_UTF8, file, w, bad);
		else
			diag_in(d, D_NFC, file, w);
		free(w);
		return NULL;
	}
	return v->valuestring;
}

const cJSON *jarr(const cJSON *o, const char *key, bool required,
                  const char *file, const char *where, struct diag *d)
{
	return jarr_m(cJSON_GetObjectItemCaseSensitive(o, key), key, required,
	              file, where, d);
}

const cJSON *jarr_m(const cJSON *m, const char *key, bool required,
                    const char *file, const char *where, struct diag *d)
{
	const cJSON *v = jmember(m, key, required, file, where, d);
	if (v && !cJSON_IsArray(v)) {
		diag_in(d, D_TYPE, file, where, key, "an array");
		return NULL;
	}
	return v;
}

const cJSON *jobj(const cJSON *o, const char *key, bool required,
                  const char *file, const char *where, struct diag *d)
{
	const cJSON *v = field(o, key, required, file, where, d);
	if (v && !cJSON_IsObject(v)) {
		diag_in(d, D_TYPE, file, where, key, "an object");
		return NULL;
	}
	return v;
}

bool juint(const cJSON *o, const char *key, size_t *out, const char *file,
           const char *where, struct diag *d)
{
	return juint_m(cJSON_GetObjectItemCaseSensitive(o, key), key, out, file,
	               where, d);
}

bool juint_m(const cJSON *m, const char *key, size_t *out, const char *file,
             const char *where, struct diag *d)
{
	const cJSON *v = jmember(m, key, true, file, where, d);
	if (!v)
		return false;
	double x = cJSON_IsNumber(v) ? v->valuedouble : -1;
	if (!cJSON_IsNumber(v) || x < 0 || x != floor(x) || x > 9007199254740991.0 ||
	    x > (double)SIZE_MAX) {
		diag_in(d, D_TYPE, file, where, key, "a non-negative integer");
		return false;
	}
	*out = (size_t)x;
	return true;
}

void jkeys(const cJSON *o, const char *const *known, const char *file,
           const char *where, struct diag *d)
{
	jfields(o, known, NULL, file, where, d);
}

void jfields(const cJSON *o, const char *const *known, const cJSON **out,
             const char *file, const char *where, struct diag *d)
{
	if (out)
		for (int k = 0; known[k]; k++)
			out[k] = NULL;
	/* each key is looked up in known once; a known key seen twice is a
	 * duplicate (bit set); unknown keys are compared with each other */
	unsigned long seen = 0;
	for (const cJSON *c = o ? o->child : NULL; c; c = c->next) {
		if (!c->string)
			continue;
		int k = 0;
		for (; known[k]; k++)
			if (known[k][0] == c->string[0] && strcmp(known[k], c->string) == 0)
				break;
		bool dup = false;
		if (known[k] && k < (int)(8 * sizeof seen)) {
			dup = seen & (1UL << k);
			seen |= 1UL << k;
			if (out && !dup)
				out[k] = c;
		} else {
			for (const cJSON *p = o->child; p != c && !dup; p = p->next)
				dup = p->string && strcmp(p->string, c->string) == 0;
		}
		if (dup) {
			char *v = text_show(c->string, strlen(c->string), 40);
			diag_in(d, D_DUP_KEY, file, where, v);
			free(v);
		} else if (!known[k]) {
			char *v = text_show(c->string, strlen(c->string), 40);
			diag_in(d, D_UNKNOWN_KEY, file, where, v);
			free(v);
		}
	}
}

cJSON *diag_json(const struct diag *d)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < d->n; i++) {
		const struct diag_rec *r = &d->recs[i];
		cJSON *p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "level", diag_level_name(diag_table[r->id].level));
		cJSON_AddStringToObject(p, "rule", diag_table[r->id].name);
		cJSON_AddStringToObject(p, "file", r->file);
		if (r->line)
			cJSON_AddNumberToObject(p, "line", (double)r->line);
		if (r->line && r->col)
			cJSON_AddNumberToObject(p, "col", (double)r->col);
		if (r->where)
			cJSON_AddStringToObject(p, "where", r->where);
		cJSON_AddStringToObject(p, "message", r->msg);
		cJSON_AddItemToArray(arr, p);
	}
	return arr;
}

char *jsteal(cJSON *o, const char *key)
{
	return jsteal_m(cJSON_GetObjectItemCaseSensitive(o, key));
}

char *jsteal_m(cJSON *v)
{
	if (!v || !cJSON_IsString(v))
		return NULL;
	char *s = v->valuestring;
	v->valuestring = NULL; /* cJSON_Delete skips it now */
	return s;
}
