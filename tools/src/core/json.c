/* json.c - cJSON parsing with file:line:col errors, a check of the raw
 * bytes for what cJSON accepts and RFC 8259 does not, and field specs. */
#include "core/json.h"
#include "core/text.h"
#include "core/util.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the raw check ----------------------------------------------------------
 * cJSON decodes \u0000 into a NUL (cutting the string), takes a raw LF or
 * TAB in a string, reads numbers with strtod (0110, 110., 110.e0) and
 * fails on deep nesting with a plain syntax error.  scan_raw walks the
 * bytes cJSON accepted (up to its error, if any) and reports these. */

struct raw {
	const char *s;
	size_t n;          /* bytes to look at */
	size_t line, bol;  /* line of the current byte and where it starts */
	const char *file;
	struct diag *d;
	size_t invalid;    /* problems that make the file not JSON (or a NUL) */
	size_t deep;       /* offset of the first bracket past the limit, or SIZE_MAX */
	bool escapes;      /* \u, \b, \f or \r escapes seen */
};

static size_t raw_col(const struct raw *r, size_t off)
{
	size_t col = 1;
	for (size_t i = r->bol; i < off; i++)
		col += ((unsigned char)r->s[i] & 0xC0) != 0x80;
	return col;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t digits(const char *p, size_t i, size_t n)
{
	while (i < n && is_digit(p[i]))
		i++;
	return i;
}

/* RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static bool number_ok(const char *p, size_t n)
{
	size_t i = p[0] == '-';
	if (i < n && p[i] == '0')
		i++;
	else if (i < n && p[i] >= '1' && p[i] <= '9')
		i = digits(p, i, n);
	else
		return false;
	if (i < n && p[i] == '.') {
		size_t k = digits(p, i + 1, n);
		if (k == i + 1)
			return false;
		i = k;
	}
	if (i < n && (p[i] == 'e' || p[i] == 'E')) {
		i++;
		if (i < n && (p[i] == '+' || p[i] == '-'))
			i++;
		size_t k = digits(p, i, n);
		if (k == i)
			return false;
		i = k;
	}
	return i == n;
}

/* A valid number (number_ok) that a double can hold: cJSON turns larger
 * ones into infinity.  p[0..n-1] is copied, since it is not terminated. */
static bool number_finite(const char *p, size_t n)
{
	char tmp[64];
	if (n < sizeof tmp) {
		memcpy(tmp, p, n);
		tmp[n] = '\0';
		return isfinite(strtod(tmp, NULL));
	}
	char *t = xstrndup(p, n);
	bool ok = isfinite(strtod(t, NULL));
	free(t);
	return ok;
}

static unsigned hex4(const char *p)
{
	unsigned v = 0;
	for (int k = 0; k < 4; k++) {
		char c = p[k];
		if (!is_digit(c) && !((c | 0x20) >= 'a' && (c | 0x20) <= 'f'))
			return 0; /* not hex: cJSON decodes the escape as a NUL */
		v = v * 16 + (unsigned)(is_digit(c) ? c - '0'
		                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
		                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0);
	}
	return v;
}

/* A control character a string must not hold: all but LF, TAB and FORM
 * FEED (a page break inside a quote of a document). */
static bool store_control(unsigned c)
{
	return (c < 0x20 && c != '\n' && c != '\t' && c != '\f') || (c >= 0x7F && c < 0xA0);
}

/* The string starting at the quote at s[i]; returns the offset after it. */
static size_t raw_string(struct raw *r, size_t i)
{
	const char *s = r->s;
	for (i++; i < r->n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"')
			return i + 1;
		if (c == '\\' && i + 1 < r->n) {
			char e = s[i + 1];
			unsigned v = e == 'b' ? 8 : e == 'f' ? 12 : e == 'r' ? 13 : 0;
			if (e == 'u' && i + 5 < r->n)
				v = hex4(s + i + 2);
			r->escapes |= v || e == 'u';
			/* reported here, with its place; the string is refused
			 * later (check_string); a NUL refuses the file, because
			 * cJSON cuts the string there */
			if (store_control(v) && (v || e == 'u')) {
				diag_at(r->d, D_CONTROL, r->file, r->line, raw_col(r, i), v);
				r->invalid += v == 0;
			}
			i += e == 'u' ? 5 : 1;
		} else if (c == '\n' || c == '\t') {
			diag_at(r->d, D_JSON_RAW_CONTROL, r->file, r->line, raw_col(r, i),
			        c, c == '\n' ? "\\n" : "\\t");
			r->invalid++;
			if (c == '\n')
				r->line++, r->bol = i + 1;
		}
	}
	return i;
}

static void scan_raw(struct raw *r)
{
	const char *s = r->s;
	size_t depth = 0;
	for (size_t i = 0; i < r->n;) {
		char c = s[i];
		if (c == '"') {
			i = raw_string(r, i);
			continue;
		}
		if (c == '-' || is_digit(c)) {
			size_t k = i;
			while (k < r->n && s[k] && (is_digit(s[k]) || strchr("+-.eE", s[k])))
				k++;
			bool ok = number_ok(s + i, k - i);
			if (!ok || !number_finite(s + i, k - i)) {
				char *v = text_show(s + i, k - i, 24);
				if (ok)
					diag_at(r->d, D_JSON_NUMBER_RANGE, r->file, r->line,
					        raw_col(r, i), v);
				else
					diag_at(r->d, D_JSON_NUMBER, r->file, r->line,
					        raw_col(r, i), v);
				free(v);
				r->invalid++;
			}
			i = k;
			continue;
		}
		if ((c == '[' || c == '{') && ++depth > CJSON_NESTING_LIMIT &&
		    r->deep == SIZE_MAX)
			r->deep = i;
		else if ((c == ']' || c == '}') && depth)
			depth--;
		else if (c == '\n')
			r->line++, r->bol = i + 1;
		i++;
	}
}

/* ---- parsing ----------------------------------------------------------------- */

/* The byte where cJSON stopped, moved onto the token that is wrong. */
static size_t error_offset(const char *data, size_t len, const char *end)
{
	const char *ep = end ? end : cJSON_GetErrorPtr();
	size_t off = ep && ep >= data && ep <= data + len ? (size_t)(ep - data) : len;
	/* cJSON points one past a bad object key (a trailing comma before
	 * '}', a number as key): step back onto it */
	if (off > 0 && off < len) {
		char c = data[off], p = data[off - 1];
		bool after_token = p == '}' || p == ']' || is_digit(p) ||
		                   (p >= 'a' && p <= 'z');
		if (after_token && (c == ' ' || c == '\n' || c == '\t' || c == ':'))
			off--;
	}
	return off;
}

static void report_syntax(const char *file, const char *data, size_t len,
                          size_t off, struct diag *d)
{
	size_t line, col;
	raw_line_col(data, len, off, &line, &col);
	char *near;
	if (off < len) {
		char *v = text_show(data + off, len - off, 12);
		near = xasprintf("'%s'", v);
		free(v);
	} else {
		near = xstrdup("end of file");
	}
	diag_at(d, D_JSON_SYNTAX, file, line, col, near);
	free(near);
}

int json_parse(struct jdoc *doc, const char *file, const char *data,
               size_t len, struct diag *d)
{
	*doc = (struct jdoc){.file = file, .d = d};
	if (!text_validate(data, len, file, TEXT_TABS, d))
		return -1;
	if (len == 0) {
		diag_at(d, D_EMPTY_FILE, file, 0, 0);
		return -1;
	}
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(data, len + 1, &end, true);
	size_t off = root ? len : error_offset(data, len, end);
	struct raw r = {.s = data, .n = off < len ? off + 1 : len, .line = 1,
	                .file = file, .d = d, .deep = SIZE_MAX};
	scan_raw(&r);
	if (!root && r.deep != SIZE_MAX) {
		size_t line, col;
		raw_line_col(data, len, r.deep, &line, &col);
		diag_at(d, D_JSON_DEEP, file, line, col, CJSON_NESTING_LIMIT);
	} else if (!root) {
		report_syntax(file, data, len, off, d);
	}
	if (!root || r.invalid) {
		cJSON_Delete(root);
		return -1;
	}
	doc->root = root;
	doc->escapes = r.escapes;
	return 0;
}

void json_free(struct jdoc *doc)
{
	cJSON_Delete(doc->root);
	doc->root = NULL;
}

/* ---- fields ------------------------------------------------------------------ */

/* Duplicate and unknown keys of o; out[k] = the first member named
 * spec[k].key.  Each key is looked up once; a known key seen twice is a
 * duplicate (bit set); unknown keys are compared with each other. */
static void read_members(const struct jdoc *doc, cJSON *o,
                         const struct jfield *spec, size_t n,
                         struct jval *out, const char *where)
{
	uint64_t seen = 0;
	for (cJSON *c = o ? o->child : NULL; c; c = c->next) {
		if (!c->string)
			continue;
		size_t k = 0;
		for (; k < n; k++)
			if (spec[k].key[0] == c->string[0] && !strcmp(spec[k].key, c->string))
				break;
		bool dup = false;
		if (k < n && k < 64) {
			dup = seen & ((uint64_t)1 << k);
			seen |= (uint64_t)1 << k;
			if (!dup)
				out[k].node = c;
		} else {
			for (const cJSON *p = o->child; p != c && !dup; p = p->next)
				dup = p->string && !strcmp(p->string, c->string);
		}
		if (dup || k == n) {
			char *v = text_show(c->string, strlen(c->string), 40);
			if (dup)
				diag_in(doc->d, D_DUP_KEY, doc->file, where, v);
			else
				diag_in(doc->d, D_UNKNOWN_KEY, doc->file, where, v);
			free(v);
		}
	}
}

static const char *check_string(const struct jdoc *doc, const char *s,
                                const char *key, const char *where)
{
	unsigned bad;
	int r = doc->escapes ? text_check_string(s, &bad) : 0;
	if (r == D_CONTROL)
		return NULL; /* json_parse reported it at its line and column */
	if (!r)
		return s;
	char *w = xasprintf("%s, field '%s'", where, key);
	if (r == D_UTF8)
		diag_in(doc->d, D_UTF8, doc->file, w, bad);
	else
		diag_in(doc->d, D_NFC, doc->file, w);
	free(w);
	return NULL;
}

const char *jstr_node(const struct jdoc *doc, const cJSON *v, const char *key,
                      const char *where)
{
	if (!cJSON_IsString(v)) {
		diag_in(doc->d, D_TYPE, doc->file, where, key, "a string");
		return NULL;
	}
	return check_string(doc, v->valuestring, key, where);
}

static bool uint_ok(const cJSON *v, size_t *out)
{
	double x = cJSON_IsNumber(v) ? v->valuedouble : -1;
	if (x < 0 || x != floor(x) || x > 9007199254740991.0 || x > (double)SIZE_MAX)
		return false;
	*out = (size_t)x;
	return true;
}

/* The checks of one field; false when its value is not usable. */
static bool read_field(const struct jdoc *doc, const struct jfield *f,
                       struct jval *v, const char *where)
{
	struct diag *d = doc->d;
	const cJSON *m = v->node;
	if (!m || cJSON_IsNull(m)) {
		if (f->required)
			diag_in(d, D_MISSING, doc->file, where, f->key);
		return false;
	}
	static const char *const want[] = {
		[JT_STR] = "a string", [JT_UINT] = "a non-negative integer",
		[JT_FRACTION] = "a number in (0, 1]",
		[JT_BOOL] = "true or false", [JT_ARR] = "an array", [JT_OBJ] = "an object",
	};
	bool ok = f->type == JT_STR    ? cJSON_IsString(m)
	          : f->type == JT_UINT ? uint_ok(m, &v->u)
	          : f->type == JT_FRACTION ? cJSON_IsNumber(m) && m->valuedouble > 0 &&
	                                         m->valuedouble <= 1
	          : f->type == JT_BOOL ? cJSON_IsBool(m)
	          : f->type == JT_ARR  ? cJSON_IsArray(m)
	          : f->type == JT_OBJ  ? cJSON_IsObject(m) : true;
	if (!ok) {
		diag_in(d, D_TYPE, doc->file, where, f->key, want[f->type]);
		return false;
	}
	v->b = cJSON_IsTrue(m);
	v->x = m->valuedouble;
	if (f->type != JT_STR)
		return true;
	if (m->valuestring[0] == '\0' && f->required) {
		diag_in(d, D_EMPTY, doc->file, where, f->key);
		return false;
	}
	v->s = check_string(doc, m->valuestring, f->key, where);
	if (v->s && f->expect && strcmp(v->s, f->expect))
		diag_in(d, D_FORMAT, doc->file, where, v->s, f->expect);
	return v->s != NULL;
}

void jread(const struct jdoc *doc, cJSON *o, const struct jfield *spec,
           size_t n, struct jval *out, const char *where)
{
	memset(out, 0, n * sizeof *out);
	read_members(doc, o, spec, n, out, where);
	for (size_t k = 0; k < n; k++)
		if (!read_field(doc, &spec[k], &out[k], where))
			out[k] = (struct jval){0};
}

char *jtake(struct jval *v)
{
	if (!v->s)
		return NULL;
	char *s = v->node->valuestring;
	v->node->valuestring = NULL; /* cJSON_Delete skips it now */
	v->s = NULL;
	return s;
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
		if (r->pos_file) {
			/* the place in a source text, as numbers */
			cJSON *q = cJSON_AddObjectToObject(p, "position");
			cJSON_AddStringToObject(q, "file", r->pos_file);
			if (r->pos_line)
				cJSON_AddNumberToObject(q, "line", (double)r->pos_line);
			if (r->pos_line && r->pos_col)
				cJSON_AddNumberToObject(q, "col", (double)r->pos_col);
			if (r->pos_start != DIAG_NOPOS)
				cJSON_AddNumberToObject(q, "start", (double)r->pos_start);
			if (r->pos_end != DIAG_NOPOS)
				cJSON_AddNumberToObject(q, "end", (double)r->pos_end);
		}
		cJSON_AddItemToArray(arr, p);
	}
	return arr;
}
