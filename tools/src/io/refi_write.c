/* refi_write.c - a REFI-QDA project (.qdpx) or codebook (.qdc) from the
 * model of refi.h.  Here the XML, made with libxml2's xmlTextWriter
 * (UTF-8, indented, every string escaped by it: attribute values and
 * element text are its two contexts), and refi_write; refi_zip.c makes
 * the archive.  The bytes are written by core/outfile.h (a temporary
 * file, fsync, rename; only when they changed).
 *
 * Codings have no GUID in the model (sitat keeps none): each gets one
 * derived from its selection's GUID and its code's GUID (coding_guid), so
 * it is stable as long as they are. */
#include "io/refi.h"
#include "io/refi_write_impl.h"

#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/outfile.h"
#include "core/store.h"
#include "core/util.h"

#define NS_PROJECT "urn:QDA-XML:project:1.0"
#define NS_CODEBOOK "urn:QDA-XML:codebook:1.0"

/* The XML being written.  el/guid name the element being written, for a
 * message about a string XML cannot carry. */
struct xw {
	xmlTextWriterPtr w;
	xmlBufferPtr buf;
	const char *file;
	struct diag *d;
	const char *el, *guid;
	bool bad; /* a problem was reported: stop writing */
	bool fail; /* a libxml2 call failed */
};

/* The first code point of s that XML 1.0 cannot carry (Char: TAB, LF, CR,
 * U+0020..U+D7FF, U+E000..U+FFFD, U+10000..U+10FFFF), written "U+HHHH"
 * into what, or "invalid UTF-8"; returns false then. */
static bool xml_chars_ok(const char *s, char what[32])
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c;
		size_t n;
		if (*p < 0x80) {
			c = *p, n = 1;
		} else if ((*p & 0xe0) == 0xc0 && (p[1] & 0xc0) == 0x80) {
			c = (uint32_t)(*p & 0x1f) << 6 | (p[1] & 0x3f), n = 2;
			if (c < 0x80)
				goto invalid;
		} else if ((*p & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
			c = (uint32_t)(*p & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f), n = 3;
			if (c < 0x800)
				goto invalid;
		} else if ((*p & 0xf8) == 0xf0 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80 &&
		           (p[3] & 0xc0) == 0x80) {
			c = (uint32_t)(*p & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 |
			    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f), n = 4;
			if (c < 0x10000 || c > 0x10ffff)
				goto invalid;
		} else {
			goto invalid;
		}
		bool ok = c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
		          (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
		if (!ok) {
			snprintf(what, 32, "U+%04X", (unsigned)c);
			return false;
		}
		p += n;
	}
	return true;
invalid:
	snprintf(what, 32, "invalid UTF-8");
	return false;
}

static bool str_ok(struct xw *x, const char *what, const char *s)
{
	char bad[32];
	if (x->bad)
		return false;
	if (xml_chars_ok(s, bad))
		return true;
	diag_at(x->d, D_EXPORT_XML_CHAR, x->file, 0, 0, x->el,
	        x->guid ? x->guid : "", what, bad);
	x->bad = true;
	return false;
}

static void check(struct xw *x, int r)
{
	if (r < 0)
		x->fail = true;
}

/* <el guid="GUID" ...: GUID may be NULL (no guid attribute). */
static void el_open(struct xw *x, const char *el, const char *guid)
{
	x->el = el;
	x->guid = guid;
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST el));
	if (guid && str_ok(x, "guid", guid))
		check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "guid", BAD_CAST guid));
}

static void el_close(struct xw *x)
{
	check(x, xmlTextWriterEndElement(x->w));
}

/* An attribute value: escaped by libxml2 (& < > " and TAB, LF, CR as
 * character references).  NULL: not written. */
static void attr(struct xw *x, const char *name, const char *v)
{
	if (v && str_ok(x, name, v))
		check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST v));
}

static void attr_ll(struct xw *x, const char *name, long long v)
{
	char s[24], *e = s + sizeof s - 1, *q = e;
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	*e = '\0';
	do
		*--q = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--q = '-';
	attr(x, name, q);
}

/* <name>text</name>: element content, escaped by libxml2 (& < >).  NULL
 * or empty: not written. */
static void el_text(struct xw *x, const char *name, const char *text)
{
	if (text && *text && str_ok(x, name, text))
		check(x, xmlTextWriterWriteElement(x->w, BAD_CAST name, BAD_CAST text));
}

/* <name targetGUID="guid"/> */
static void ref(struct xw *x, const char *name, const char *guid)
{
	const char *el = x->el, *g = x->guid;
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
	attr(x, "targetGUID", guid);
	el_close(x);
	x->el = el, x->guid = g;
}

/* A 128-bit name-based id of "SEL:CODE" in the form of a GUID (RFC 9562
 * version 8: the bits are sitat's own).  Two FNV-1a variants finished by
 * murmur3's mixer. */
static uint64_t fmix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

static void coding_guid(char out[37], const char *sel, const char *code)
{
	uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
	const char *parts[3] = {sel, ":", code};
	for (int i = 0; i < 3; i++)
		for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++) {
			a = (a ^ *p) * 0x100000001b3ULL;
			b = (b + *p) * 0x9e3779b97f4a7c15ULL;
			b ^= b >> 29;
		}
	uint64_t h = fmix64(a ^ (b << 17 | b >> 47)), l = fmix64(b + a);
	unsigned char md[16];
	for (int i = 0; i < 8; i++) {
		md[i] = (unsigned char)(h >> (56 - 8 * i));
		md[8 + i] = (unsigned char)(l >> (56 - 8 * i));
	}
	md[6] = (unsigned char)((md[6] & 0x0f) | 0x80); /* version 8 */
	md[8] = (unsigned char)((md[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	static const char hex[] = "0123456789abcdef";
	char *o = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		*o++ = hex[md[i] >> 4];
		*o++ = hex[md[i] & 15];
	}
	*o = '\0';
}

/* ---- the elements ---------------------------------------------------- */

/* The code tree: children of each code in model order. */
struct tree {
	size_t *first, *next, *last;
	size_t written;
};

static void write_code(struct xw *x, const struct refi_project *p, const struct tree *t,
                       size_t i)
{
	const struct refi_code *c = &p->codes[i];
	el_open(x, "Code", c->guid);
	attr(x, "name", c->name ? c->name : "");
	attr(x, "isCodable", c->codable ? "true" : "false");
	attr(x, "color", c->color);
	el_text(x, "Description", c->description);
	for (size_t k = t->first[i]; k != NONE && !x->bad; k = t->next[k])
		write_code(x, p, t, k);
	el_close(x);
	((struct tree *)t)->written++;
}

static void write_codes(struct xw *x, const struct refi_project *p)
{
	size_t n = p->ncodes;
	struct tree t = {xmalloc((n + 1) * sizeof(size_t)), xmalloc((n + 1) * sizeof(size_t)),
	                 xmalloc((n + 1) * sizeof(size_t)), 0};
	size_t root = n; /* a virtual parent of the top-level codes */
	for (size_t i = 0; i <= n; i++)
		t.first[i] = t.next[i] = t.last[i] = NONE;
	for (size_t i = 0; i < n; i++) {
		size_t par = p->codes[i].parent < n ? p->codes[i].parent : root;
		if (t.first[par] == NONE)
			t.first[par] = i;
		else
			t.next[t.last[par]] = i;
		t.last[par] = i;
	}
	el_open(x, "Codes", NULL);
	for (size_t k = t.first[root]; k != NONE && !x->bad; k = t.next[k])
		write_code(x, p, &t, k);
	el_close(x);
	if (!x->bad && t.written != n) {
		diag_at(x->d, D_EXPORT_CODE_TREE, x->file, 0, 0, n - t.written);
		x->bad = true;
	}
	free(t.first);
	free(t.next);
	free(t.last);
}

static void write_sets(struct xw *x, const struct refi_project *p)
{
	if (!p->nsets)
		return;
	el_open(x, "Sets", NULL);
	for (size_t i = 0; i < p->nsets && !x->bad; i++) {
		const struct refi_set *st = &p->sets[i];
		el_open(x, "Set", st->guid);
		attr(x, "name", st->name ? st->name : "");
		el_text(x, "Description", st->description);
		for (size_t k = 0; k < st->ncodes; k++)
			ref(x, "MemberCode", p->codes[st->codes[k]].guid);
		for (size_t k = 0; k < st->nsources; k++)
			ref(x, "MemberSource", p->sources[st->sources[k]].guid);
		el_close(x);
	}
	el_close(x);
}

static const char *const value_el[] = {
	[REFI_TEXT] = "TextValue", [REFI_BOOLEAN] = "BooleanValue",
	[REFI_INTEGER] = "IntegerValue", [REFI_FLOAT] = "FloatValue",
	[REFI_DATE] = "DateValue", [REFI_DATETIME] = "DateTimeValue",
};
static const char *const type_name[] = {
	[REFI_TEXT] = "Text", [REFI_BOOLEAN] = "Boolean", [REFI_INTEGER] = "Integer",
	[REFI_FLOAT] = "Float", [REFI_DATE] = "Date", [REFI_DATETIME] = "DateTime",
};

static void write_values(struct xw *x, const struct refi_project *p,
                         const struct refi_value *v, size_t n)
{
	for (size_t k = 0; k < n && !x->bad; k++) {
		const struct refi_var *var = &p->vars[v[k].var];
		const char *el = x->el, *g = x->guid;
		check(x, xmlTextWriterStartElement(x->w, BAD_CAST "VariableValue"));
		ref(x, "VariableRef", var->guid);
		/* an empty TextValue is written (the value is "") */
		if (str_ok(x, value_el[var->type], v[k].value))
			check(x, xmlTextWriterWriteElement(x->w, BAD_CAST value_el[var->type],
			                                   BAD_CAST v[k].value));
		el_close(x);
		x->el = el, x->guid = g;
	}
}

static void write_head(struct xw *x, const struct refi_project *p)
{
	if (p->nusers) {
		el_open(x, "Users", NULL);
		for (size_t i = 0; i < p->nusers; i++) {
			el_open(x, "User", p->users[i].guid);
			attr(x, "name", p->users[i].name);
			el_close(x);
		}
		el_close(x);
	}
	if (p->ncodes) {
		el_open(x, "CodeBook", NULL);
		write_codes(x, p);
		el_close(x);
	}
	if (p->nvars) {
		el_open(x, "Variables", NULL);
		for (size_t i = 0; i < p->nvars; i++) {
			const struct refi_var *v = &p->vars[i];
			el_open(x, "Variable", v->guid);
			attr(x, "name", v->name ? v->name : "");
			attr(x, "typeOfVariable", type_name[v->type]);
			el_text(x, "Description", v->description);
			el_close(x);
		}
		el_close(x);
	}
	if (p->ncases) {
		el_open(x, "Cases", NULL);
		for (size_t i = 0; i < p->ncases && !x->bad; i++) {
			const struct refi_case *c = &p->cases[i];
			el_open(x, "Case", c->guid);
			attr(x, "name", c->name);
			el_text(x, "Description", c->description);
			write_values(x, p, c->values, c->nvalues);
			for (size_t k = 0; k < c->nsources; k++)
				ref(x, "SourceRef", p->sources[c->sources[k]].guid);
			el_close(x);
		}
		el_close(x);
	}
}

static void write_sel(struct xw *x, const struct refi_project *p, const struct refi_sel *s)
{
	el_open(x, "PlainTextSelection", s->guid);
	attr(x, "name", s->name);
	attr_ll(x, "startPosition", s->start);
	attr_ll(x, "endPosition", s->end);
	const char *user = s->user != NONE ? p->users[s->user].guid : NULL;
	attr(x, "creatingUser", user);
	el_text(x, "Description", s->description);
	for (size_t k = 0; k < s->ncodes; k++) {
		char g[37];
		coding_guid(g, s->guid, p->codes[s->codes[k]].guid);
		el_open(x, "Coding", g);
		attr(x, "creatingUser", user);
		ref(x, "CodeRef", p->codes[s->codes[k]].guid);
		el_close(x);
		x->el = "PlainTextSelection", x->guid = s->guid;
	}
	for (size_t k = 0; k < s->nnotes; k++)
		ref(x, "NoteRef", p->notes[s->notes[k]].guid);
	el_close(x);
}

static void write_sources(struct xw *x, const struct refi_project *p)
{
	if (!p->nsources)
		return;
	el_open(x, "Sources", NULL);
	for (size_t i = 0; i < p->nsources && !x->bad; i++) {
		const struct refi_source *s = &p->sources[i];
		el_open(x, "TextSource", s->guid);
		attr(x, "name", s->name);
		if (s->text) {
			char *path = xasprintf("internal://%s.txt", s->guid);
			attr(x, "plainTextPath", path);
			free(path);
		}
		el_text(x, "Description", s->description);
		for (size_t k = 0; k < s->nsels && !x->bad; k++)
			write_sel(x, p, &s->sels[k]);
		x->el = "TextSource", x->guid = s->guid;
		for (size_t k = 0; k < s->nnotes; k++)
			ref(x, "NoteRef", p->notes[s->notes[k]].guid);
		write_values(x, p, s->values, s->nvalues);
		el_close(x);
	}
	el_close(x);
}

static void write_notes(struct xw *x, const struct refi_project *p)
{
	if (!p->nnotes)
		return;
	el_open(x, "Notes", NULL);
	for (size_t i = 0; i < p->nnotes && !x->bad; i++) {
		const struct refi_note *n = &p->notes[i];
		el_open(x, "Note", n->guid);
		attr(x, "name", n->name);
		/* a note's text is its content, even when empty */
		if (n->text && str_ok(x, "PlainTextContent", n->text))
			check(x, xmlTextWriterWriteElement(x->w, BAD_CAST "PlainTextContent",
			                                   BAD_CAST n->text));
		el_close(x);
	}
	el_close(x);
}

/* The XML of p into x->buf: the Project, or with codebook_only the
 * CodeBook document.  Returns 0 or -1 (reported). */
/* About the size of the XML (selections and codings dominate), so that
 * the buffer seldom grows (each growth copies it). */
static size_t xml_estimate(const struct refi_project *p, bool codebook_only)
{
	size_t n = 4096 + 400 * p->ncodes;
	for (size_t i = 0; i < p->nsources && !codebook_only; i++) {
		n += 300;
		for (size_t k = 0; k < p->sources[i].nsels; k++)
			n += 220 + 200 * p->sources[i].sels[k].ncodes;
	}
	for (size_t i = 0; i < p->nnotes && !codebook_only; i++)
		n += 200 + (p->notes[i].text ? strlen(p->notes[i].text) : 0);
	return n < ((size_t)1 << 30) ? n : (size_t)1 << 30;
}

static int write_xml(struct xw *x, const struct refi_project *p, bool codebook_only)
{
	x->buf = xmlBufferCreateSize(xml_estimate(p, codebook_only));
	x->w = x->buf ? xmlNewTextWriterMemory(x->buf, 0) : NULL;
	if (!x->w) {
		diag_at(x->d, D_EXPORT_XML, x->file, 0, 0, "libxml2 could not start a writer");
		return -1;
	}
	check(x, xmlTextWriterSetIndent(x->w, 1));
	check(x, xmlTextWriterSetIndentString(x->w, BAD_CAST "  "));
	check(x, xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL));
	const char *el = codebook_only ? "CodeBook" : "Project";
	x->el = el, x->guid = NULL;
	check(x, xmlTextWriterStartElementNS(x->w, NULL, BAD_CAST el,
	                                     BAD_CAST(codebook_only ? NS_CODEBOOK : NS_PROJECT)));
	if (codebook_only) {
		attr(x, "origin", p->origin);
		write_codes(x, p);
		write_sets(x, p);
	} else {
		attr(x, "name", p->name ? p->name : "");
		attr(x, "origin", p->origin);
		attr(x, "creatingUserGUID", p->creating_user);
		write_head(x, p);
		write_sources(x, p);
		write_notes(x, p);
		write_sets(x, p);
	}
	el_close(x);
	check(x, xmlTextWriterEndDocument(x->w));
	xmlFreeTextWriter(x->w); /* flushes into x->buf */
	x->w = NULL;
	if (x->fail && !x->bad) {
		const xmlError *e = xmlGetLastError();
		diag_at(x->d, D_EXPORT_XML, x->file, 0, 0,
		        e && e->message ? e->message : "libxml2 failed");
	}
	return x->bad || x->fail ? -1 : 0;
}

int refi_write_xml(const struct refi_project *p, bool codebook_only, const char *file,
                   struct diag *d, xmlBufferPtr *out)
{
	struct xw x = {.file = file, .d = d};
	int r = write_xml(&x, p, codebook_only);
	*out = x.buf;
	return r;
}

int refi_write(const struct refi_project *p, const char *file, bool codebook_only,
               struct diag *d)
{
	if (!codebook_only) {
		size_t len = 0;
		char *zip = refi_write_zip(p, &len, file, d);
		int r = zip && out_write(file, NULL, zip, len, d) >= 0 ? 0 : -1;
		free(zip);
		return r;
	}
	xmlBufferPtr xml = NULL;
	int r = refi_write_xml(p, true, file, d, &xml);
	if (r == 0)
		r = out_write(file, NULL, (const char *)xmlBufferContent(xml),
		              (size_t)xmlBufferLength(xml), d) < 0 ? -1 : 0;
	if (xml)
		xmlBufferFree(xml);
	return r;
}
