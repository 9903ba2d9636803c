/* fuzz_json.c - libFuzzer target: the JSON loader (core/json.c) on any
 * bytes: json_parse, then field access as the store loader does it (jread
 * with a spec of every field type, jstr_node, jtake) over every object of
 * the tree, and diag_json.  Oracles:
 *   - a document json_parse accepts without an error is strict RFC 8259
 *     JSON (checked by a small validator written here, not by cJSON), and
 *     every key and string in its tree is valid UTF-8 (an escaped control
 *     character may be there: jread refuses the string);
 *   - a field jread or jstr_node hands out has the type its spec asks for:
 *     an integer is a whole number >= 0, a fraction is in (0, 1], a string
 *     is clean (valid UTF-8 without a control character other than LF,
 *     TAB and FORM FEED, in NFC);
 *   - every diagnostic is printable, and diag_json prints strict JSON. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/text.h"
#include "fuzz.h"

/* ---- a strict RFC 8259 validator ---------------------------------------- */

struct v {
	const char *s;
	size_t n, i;
	int depth;
};

FUZZ_ORACLE static void ws(struct v *p)
{
	while (p->i < p->n && strchr(" \t\n\r", p->s[p->i]) && p->s[p->i])
		p->i++;
}

FUZZ_ORACLE static bool lit(struct v *p, const char *w)
{
	size_t k = strlen(w);
	if (p->n - p->i < k || memcmp(p->s + p->i, w, k))
		return false;
	p->i += k;
	return true;
}

FUZZ_ORACLE static bool digit(const struct v *p)
{
	return p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9';
}

FUZZ_ORACLE static bool number(struct v *p)
{
	if (p->i < p->n && p->s[p->i] == '-')
		p->i++;
	if (!digit(p))
		return false;
	if (p->s[p->i] == '0')
		p->i++;
	else
		while (digit(p))
			p->i++;
	if (p->i < p->n && p->s[p->i] == '.') {
		p->i++;
		if (!digit(p))
			return false;
		while (digit(p))
			p->i++;
	}
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (!digit(p))
			return false;
		while (digit(p))
			p->i++;
	}
	return true;
}

FUZZ_ORACLE static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

FUZZ_ORACLE static bool string(struct v *p)
{
	const unsigned char *u = (const unsigned char *)p->s;
	if (p->i >= p->n || p->s[p->i] != '"')
		return false;
	p->i++;
	while (p->i < p->n) {
		unsigned char c = u[p->i];
		if (c == '"') {
			p->i++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			if (p->i + 1 >= p->n)
				return false;
			char e = p->s[p->i + 1];
			if (e == 'u') {
				if (p->i + 6 > p->n)
					return false;
				for (int k = 2; k < 6; k++)
					if (hexval(p->s[p->i + k]) < 0)
						return false;
				p->i += 6;
			} else if (strchr("\"\\/bfnrt", e) && e) {
				p->i += 2;
			} else {
				return false;
			}
			continue;
		}
		uint32_t cp;
		size_t m = fuzz_utf8(u, p->n, p->i, &cp);
		if (!m)
			return false;
		p->i += m;
	}
	return false;
}

FUZZ_ORACLE static bool value(struct v *p);

FUZZ_ORACLE static bool members(struct v *p, char close, bool keys)
{
	p->i++;
	if (++p->depth > 10000)
		return false;
	ws(p);
	if (p->i < p->n && p->s[p->i] == close) {
		p->i++;
		p->depth--;
		return true;
	}
	for (;;) {
		ws(p);
		if (keys) {
			if (!string(p))
				return false;
			ws(p);
			if (p->i >= p->n || p->s[p->i] != ':')
				return false;
			p->i++;
		}
		if (!value(p))
			return false;
		ws(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->n && p->s[p->i] == close) {
			p->i++;
			p->depth--;
			return true;
		}
		return false;
	}
}

FUZZ_ORACLE static bool value(struct v *p)
{
	ws(p);
	if (p->i >= p->n)
		return false;
	switch (p->s[p->i]) {
	case '{': return members(p, '}', true);
	case '[': return members(p, ']', false);
	case '"': return string(p);
	case 't': return lit(p, "true");
	case 'f': return lit(p, "false");
	case 'n': return lit(p, "null");
	default: return number(p);
	}
}

FUZZ_ORACLE static bool strict_json(const char *s, size_t n)
{
	struct v p = {s, n, 0, 0};
	if (!value(&p))
		return false;
	ws(&p);
	return p.i == n;
}

/* ---- the tree and field access ------------------------------------------ */

FUZZ_ORACLE static void check_utf8(const char *s, const char *what)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t m = fuzz_utf8(u, n, i, &c);
		if (!m)
			fuzz_fail("%s is not valid UTF-8", what);
		i += m;
	}
}

/* A string the loader may keep: clean in every way (LF, TAB and FORM
 * FEED, a quote across a page break, are allowed). */
FUZZ_ORACLE static void check_string(const char *s, const char *what)
{
	unsigned bad;
	if (!fuzz_printable(s, strlen(s), "\n\t\f"))
		fuzz_fail("%s is not a clean string", what);
	if (text_check_string(s, &bad) != 0)
		fuzz_fail("%s is not clean (U+%04X)", what, bad);
}

static const struct jfield spec[] = {
	{"format", JT_STR, true, "sitat-codings/1"},
	{"id", JT_STR, false, NULL},
	{"start", JT_UINT, false, NULL},
	{"share", JT_FRACTION, false, NULL},
	{"flag", JT_BOOL, false, NULL},
	{"segments", JT_ARR, false, NULL},
	{"attributes", JT_OBJ, false, NULL},
	{"any", JT_ANY, false, NULL},
};
#define NSPEC (sizeof spec / sizeof spec[0])

static void walk(const struct jdoc *doc, cJSON *node, int depth)
{
	if (!node || depth > 64)
		return;
	if (node->string)
		check_utf8(node->string, "a key");
	if (cJSON_IsString(node) && node->valuestring)
		check_utf8(node->valuestring, "a string value");
	if (cJSON_IsNumber(node) && !isfinite(node->valuedouble))
		fuzz_fail("a number that is not finite: %g", node->valuedouble);
	if (cJSON_IsObject(node)) {
		struct jval out[NSPEC];
		jread(doc, node, spec, NSPEC, out, "object");
		for (size_t k = 0; k < NSPEC; k++) {
			const struct jval *v = &out[k];
			if (!v->node)
				continue;
			switch (spec[k].type) {
			case JT_STR:
				fuzz_assert(cJSON_IsString(v->node) && v->s);
				check_string(v->s, "a string field");
				break;
			case JT_UINT:
				fuzz_assert(cJSON_IsNumber(v->node));
				if (v->node->valuedouble < 0 || (double)v->u != v->node->valuedouble)
					fuzz_fail("uint field %zu from %g", v->u, v->node->valuedouble);
				break;
			case JT_FRACTION:
				fuzz_assert(cJSON_IsNumber(v->node));
				if (!(v->x > 0 && v->x <= 1) || v->x != v->node->valuedouble)
					fuzz_fail("fraction field %g from %g", v->x, v->node->valuedouble);
				break;
			case JT_BOOL:
				fuzz_assert(cJSON_IsBool(v->node));
				fuzz_assert(v->b == cJSON_IsTrue(v->node));
				break;
			case JT_ARR: fuzz_assert(cJSON_IsArray(v->node)); break;
			case JT_OBJ: fuzz_assert(cJSON_IsObject(v->node)); break;
			default: break; /* JT_ANY, and kinds this spec does not use */
			}
		}
		if (out[6].node)
			for (cJSON *a = out[6].node->child; a; a = a->next) {
				const char *s = jstr_node(doc, a, a->string ? a->string : "?",
				                          "attributes");
				if (s)
					check_string(s, "an attribute");
			}
		/* the loader takes strings out of the tree; the tree must stay
		 * walkable and freeable with the holes */
		char *taken = jtake(&out[1]);
		if (taken) {
			fuzz_assert(out[1].node->valuestring == NULL);
			free(taken);
		}
	}
	if (cJSON_IsObject(node) || cJSON_IsArray(node))
		for (cJSON *c = node->child; c; c = c->next)
			walk(doc, c, depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char *s = fuzz_str(data, n);
	struct diag d;
	diag_init(&d, NULL);
	struct jdoc doc;
	int r = json_parse(&doc, "codings/I1.json", s, n, &d);
	if (r == 0) {
		/* (an escaped control character is an error, but leaves the
		 * file loaded: jread refuses the string holding it) */
		fuzz_assert(doc.root != NULL);
		if (d.errors == 0 && !strict_json(s, n))
			fuzz_fail("json_parse accepted what is not RFC 8259 JSON");
		walk(&doc, doc.root, 0);
	} else {
		fuzz_assert(r == -1 && doc.root == NULL && d.errors > 0);
	}
	fuzz_check_diags(&d);

	/* --json: the diagnostics as strict JSON, printable */
	cJSON *arr = diag_json(&d);
	char *out = cJSON_PrintUnformatted(arr);
	fuzz_assert(out != NULL);
	if (!strict_json(out, strlen(out)) || !fuzz_printable(out, strlen(out), ""))
		fuzz_fail("diag_json printed bad JSON: %s", out);
	cJSON_free(out);
	cJSON_Delete(arr);

	json_free(&doc);
	diag_free(&d);
	free(s);
	return 0;
}
