/* docx.c - the paragraphs of a Word document (docx.h). */
#include "io/docx.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static bool is_w(const xmlNode *n, const char *name)
{
	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
		return false;
	const char *ns = n->ns && n->ns->href ? (const char *)n->ns->href : "";
	return !strcmp(ns, "http://schemas.openxmlformats.org/wordprocessingml/2006/main") ||
	       !strcmp(ns, "http://purl.oclc.org/ooxml/wordprocessingml/main");
}

/* Subtrees that hold no text of the paragraph they are in. */
static bool skipped(const xmlNode *n)
{
	static const char *const w_skip[] = {"delText", "instrText", "drawing", "pict",
		"object", "txbxContent", "footnoteReference", "endnoteReference", "rPr", "pPr",
		"sectPr", "delInstrText", NULL};
	if (n->type != XML_ELEMENT_NODE)
		return false;
	for (const char *const *k = w_skip; *k; k++)
		if (is_w(n, *k))
			return true;
	/* mc:AlternateContent: the Choice is read, the Fallback repeats it */
	return !strcmp((const char *)n->name, "Fallback");
}

struct walk {
	struct buf *out;
	struct buf para;
	size_t paras;
};

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The paragraph so far, without the blanks around it. */
static void end_para(struct walk *w)
{
	struct buf *p = &w->para;
	size_t b = 0, e = p->len;
	while (e > b && blank(p->data[e - 1]))
		e--;
	while (b < e && blank(p->data[b]))
		b++;
	if (e > b) {
		if (w->paras++)
			buf_puts(w->out, "\n");
		buf_add(w->out, p->data + b, e - b);
		buf_puts(w->out, "\n");
	}
	p->len = 0;
}

/* libxml2's messages are not printed: the first one is kept for ours. */
static void keep_first(void *ctx, xmlErrorPtr e)
{
	char **first = ctx;
	if (!*first && e && e->message)
		*first = xasprintf("line %d: %s", e->line, e->message);
}

static void walk(struct walk *w, xmlNode *n, int depth)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		if (is_w(n, "t")) {
			for (xmlNode *c = n->children; c; c = c->next)
				if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
					buf_puts(&w->para, (const char *)c->content);
		} else if (is_w(n, "tab")) {
			buf_putc(&w->para, '\t');
		} else if (is_w(n, "br") || is_w(n, "cr")) {
			buf_putc(&w->para, '\n');
		} else if (is_w(n, "noBreakHyphen")) {
			buf_putc(&w->para, '-');
		} else if (is_w(n, "p")) {
			end_para(w); /* text before it (never in a valid file) */
			if (depth < 200)
				walk(w, n->children, depth + 1);
			end_para(w);
		} else if (depth < 200) {
			walk(w, n->children, depth + 1);
		}
	}
}

/* word/document.xml out of the archive; caller frees. */
static char *read_member(const char *data, size_t len, const char *file, size_t *n,
                         struct diag *d)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	char *xml = NULL;
	if (!za) {
		char *why = xasprintf("not a zip archive (%s)", zip_error_strerror(&ze));
		diag_at(d, D_ADD_DOCX, file, 0, 0, why);
		free(why);
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return NULL;
	}
	zip_int64_t k = zip_name_locate(za, "word/document.xml", 0);
	zip_stat_t st;
	zip_file_t *f = NULL;
	if (k < 0 || zip_stat_index(za, (zip_uint64_t)k, 0, &st) < 0) {
		diag_at(d, D_ADD_DOCX, file, 0, 0, "the archive has no word/document.xml");
	} else if (!(st.valid & ZIP_STAT_SIZE) || st.size > DOCX_XML_MAX) {
		diag_at(d, D_ADD_DOCX, file, 0, 0, "word/document.xml is larger than 256 MiB");
	} else if (!(f = zip_fopen_index(za, (zip_uint64_t)k, 0))) {
		char *why = xasprintf("word/document.xml: %s", zip_strerror(za));
		diag_at(d, D_ADD_DOCX, file, 0, 0, why);
		free(why);
	} else {
		xml = xmalloc((size_t)st.size + 1);
		zip_int64_t r = zip_fread(f, xml, st.size);
		if (r < 0 || (zip_uint64_t)r != st.size) {
			char *why = xasprintf("word/document.xml: %s", zip_file_strerror(f));
			diag_at(d, D_ADD_DOCX, file, 0, 0, why);
			free(why);
			free(xml);
			xml = NULL;
		} else {
			xml[st.size] = '\0';
			*n = (size_t)st.size;
		}
		zip_fclose(f);
	}
	zip_discard(za);
	zip_error_fini(&ze);
	return xml;
}

int docx_text(const char *data, size_t len, const char *file, struct buf *out,
              struct diag *d)
{
	size_t n = 0;
	char *xml = read_member(data, len, file, &n, d);
	if (!xml)
		return -1;
	int st = docx_xml_text(xml, n, file, out, d);
	free(xml);
	return st;
}

int docx_xml_text(const char *xml, size_t n, const char *file, struct buf *out,
                  struct diag *d)
{
	if (n > (size_t)0x7FFFFFFF) {
		diag_at(d, D_ADD_DOCX, file, 0, 0, "word/document.xml is too large");
		return -1;
	}
	char *first = NULL;
	xmlSetStructuredErrorFunc(&first, keep_first);
	xmlDoc *doc = xmlReadMemory(xml, (int)n, "word/document.xml", NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc) {
		char *why = xasprintf("word/document.xml: %s", first ? first : "not XML");
		free(first);
		size_t k = strlen(why);
		while (k && (why[k - 1] == '\n' || why[k - 1] == ' '))
			why[--k] = '\0';
		diag_at(d, D_ADD_DOCX, file, 0, 0, why);
		free(why);
		return -1;
	}
	free(first);
	xmlNode *root = xmlDocGetRootElement(doc);
	int st = 0;
	if (!root || !is_w(root, "document")) {
		diag_at(d, D_ADD_DOCX, file, 0, 0, "word/document.xml is not a w:document");
		st = -1;
	} else {
		struct walk w = {.out = out};
		buf_init(&w.para);
		walk(&w, root->children, 0);
		end_para(&w);
		buf_free(&w.para);
	}
	xmlFreeDoc(doc);
	return st;
}
