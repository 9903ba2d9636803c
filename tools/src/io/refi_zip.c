/* refi_zip.c - the archive of a REFI-QDA project (.qdpx), made with
 * libzip in memory (refi_write_impl.h).  Deterministic: entries in a
 * fixed order (project.qde, sources/GUID.txt in source order,
 * sitat.json), every entry deflated at one level, dated 1980-01-01 00:00
 * and given the attributes of a plain file (0644 on Unix), no extra
 * fields. */
#include "io/refi.h"
#include "io/refi_write_impl.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/store.h"
#include "core/stripe.h"
#include "core/util.h"

/* What sitat import would refuse to read (refi.h's limits). */
static int check_sizes(const struct refi_project *p, size_t xml_len, const char *file,
                       struct diag *d)
{
	int r = 0;
	if (xml_len > REFI_XML_MAX) {
		diag_at(d, D_EXPORT_SIZE, file, 0, 0, "project.qde", xml_len, REFI_XML_MAX);
		r = -1;
	}
	size_t total = xml_len + p->sidecar_len;
	for (size_t i = 0; i < p->nsources; i++) {
		const struct refi_source *s = &p->sources[i];
		total += s->text_len;
		if (s->text && s->text_len > REFI_TEXT_MAX) {
			char *name = xasprintf("sources/%s.txt", s->guid);
			diag_at(d, D_EXPORT_SIZE, file, 0, 0, name, s->text_len, REFI_TEXT_MAX);
			free(name);
			r = -1;
		}
	}
	if (r == 0 && total > REFI_TOTAL_MAX) {
		diag_at(d, D_EXPORT_SIZE, file, 0, 0, "the archive", total, REFI_TOTAL_MAX);
		r = -1;
	}
	return r;
}

/* ---- the archive ----------------------------------------------------- */

/* The archive is made in two parts at once (core/stripe.h): part 0 the
 * project XML (made in that thread too), part 1 the texts and the
 * sidecar, each a zip in memory that libzip deflates; then the entries
 * are copied, still compressed, into the one archive in their order. */

/* DOS date and time of 1980-01-01 00:00, the earliest a zip can say. */
#define DOS_DATE ((0u << 9) | (1u << 5) | 1u)
#define DOS_TIME 0u
/* zlib's level: 1 is four times faster than the default (6) on sitat's
 * texts and XML and makes the archive 15% larger (docs/export.md). */
#define LEVEL 1

/* A zip in memory: mem keeps the bytes past zip_close. */
struct zmem {
	zip_source_t *mem;
	zip_t *za;
};

static int zmem_open(struct zmem *z, const char *file, struct diag *d)
{
	zip_error_t ze;
	zip_error_init(&ze);
	z->mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	z->za = z->mem ? zip_open_from_source(z->mem, ZIP_TRUNCATE, &ze) : NULL;
	if (!z->za) {
		diag_at(d, D_EXPORT_ZIP, file, 0, 0, "(open)", zip_error_strerror(&ze));
		if (z->mem)
			zip_source_free(z->mem);
		z->mem = NULL;
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	zip_source_keep(z->mem); /* survives zip_close: the bytes are read from it */
	return 0;
}

static void zmem_free(struct zmem *z)
{
	if (z->za)
		zip_discard(z->za);
	if (z->mem)
		zip_source_free(z->mem);
	z->za = NULL, z->mem = NULL;
}

/* Write the archive into mem, then (reopen) open it again for reading. */
static int zmem_close(struct zmem *z, bool reopen, const char *file, struct diag *d)
{
	if (zip_close(z->za) < 0) {
		diag_at(d, D_EXPORT_ZIP, file, 0, 0, "(close)", zip_strerror(z->za));
		return -1;
	}
	z->za = NULL;
	if (!reopen)
		return 0;
	zip_error_t ze;
	zip_error_init(&ze);
	z->za = zip_open_from_source(z->mem, ZIP_RDONLY, &ze);
	if (!z->za) {
		diag_at(d, D_EXPORT_ZIP, file, 0, 0, "(reopen)", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	zip_source_keep(z->mem);
	zip_error_fini(&ze);
	return 0;
}

/* Add src as entry name, dated and with the attributes of a plain file.
 * src is freed on failure. */
static int add_source(zip_t *za, const char *name, zip_source_t *src, bool compress,
                      const char *file, struct diag *d)
{
	zip_int64_t k = src ? zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8) : -1;
	if (k < 0) {
		if (src)
			zip_source_free(src);
		diag_at(d, D_EXPORT_ZIP, file, 0, 0, name, zip_strerror(za));
		return -1;
	}
	zip_uint64_t i = (zip_uint64_t)k;
	if ((compress && zip_set_file_compression(za, i, ZIP_CM_DEFLATE, LEVEL) < 0) ||
	    zip_file_set_dostime(za, i, DOS_TIME, DOS_DATE, 0) < 0 ||
	    zip_file_set_external_attributes(za, i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) < 0) {
		diag_at(d, D_EXPORT_ZIP, file, 0, 0, name, zip_strerror(za));
		return -1;
	}
	return 0;
}

static int add_bytes(zip_t *za, const char *name, const void *data, size_t n,
                     const char *file, struct diag *d)
{
	return add_source(za, name, zip_source_buffer(za, data, n, 0), true, file, d);
}

/* The bytes of a zip in memory (caller frees), or NULL after a message. */
static char *zmem_bytes(struct zmem *z, size_t *len, const char *file, struct diag *d)
{
	char *out = NULL;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_source_stat(z->mem, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    zip_source_open(z->mem) == 0) {
		out = xmalloc(st.size + 1);
		zip_int64_t got = zip_source_read(z->mem, out, st.size);
		zip_source_close(z->mem);
		if (got < 0 || (zip_uint64_t)got != st.size) {
			free(out);
			out = NULL;
		} else {
			*len = (size_t)st.size;
		}
	}
	if (!out)
		diag_at(d, D_EXPORT_ZIP, file, 0, 0, "(read back)",
		        zip_error_strerror(zip_source_error(z->mem)));
	return out;
}

struct parts {
	const struct refi_project *p;
	const char *file;
	xmlBufferPtr xml;      /* part 0's XML */
	struct zmem z[2];
	struct diag d[2];
	int r[2];
};

static void make_part(void *arg, size_t k)
{
	struct parts *pt = arg;
	const struct refi_project *p = pt->p;
	struct diag *d = &pt->d[k];
	int r = zmem_open(&pt->z[k], pt->file, d);
	if (r == 0 && k == 0) {
		r = refi_write_xml(p, false, pt->file, d, &pt->xml);
		if (r == 0)
			r = add_bytes(pt->z[0].za, "project.qde", xmlBufferContent(pt->xml),
			              (size_t)xmlBufferLength(pt->xml), pt->file, d);
	}
	for (size_t i = 0; i < p->nsources && r == 0 && k == 1; i++) {
		const struct refi_source *s = &p->sources[i];
		if (!s->text)
			continue;
		char *name = xasprintf("sources/%s.txt", s->guid);
		r = add_bytes(pt->z[1].za, name, s->text, s->text_len, pt->file, d);
		free(name);
	}
	if (r == 0 && k == 1 && p->sidecar)
		r = add_bytes(pt->z[1].za, "sitat.json", p->sidecar, p->sidecar_len, pt->file, d);
	if (r == 0)
		r = zmem_close(&pt->z[k], true, pt->file, d);
	pt->r[k] = r;
}

char *refi_write_zip(const struct refi_project *p, size_t *len, const char *file,
                     struct diag *d)
{
	struct parts pt = {.p = p, .file = file};
	diag_init(&pt.d[0], NULL);
	diag_init(&pt.d[1], NULL);
	xmlInitParser(); /* before libxml2 is used in a thread */
	stripe_run(2, make_part, &pt);
	diag_merge(d, &pt.d[0]);
	diag_merge(d, &pt.d[1]);
	diag_free(&pt.d[0]);
	diag_free(&pt.d[1]);
	char *out = NULL;
	struct zmem all = {0};
	int r = pt.r[0] < 0 || pt.r[1] < 0 ? -1 : 0;
	if (r == 0)
		r = check_sizes(p, (size_t)xmlBufferLength(pt.xml), file, d);
	if (r == 0)
		r = zmem_open(&all, file, d);
	for (int k = 0; k < 2 && r == 0; k++) {
		zip_int64_t n = zip_get_num_entries(pt.z[k].za, 0);
		for (zip_int64_t i = 0; i < n && r == 0; i++) {
			const char *name = zip_get_name(pt.z[k].za, (zip_uint64_t)i, 0);
			/* the whole entry: copied as it is compressed */
			zip_source_t *src = zip_source_zip(all.za, pt.z[k].za, (zip_uint64_t)i, 0, 0, -1);
			r = add_source(all.za, name ? name : "?", src, false, file, d);
		}
	}
	if (r == 0 && (r = zmem_close(&all, false, file, d)) == 0)
		out = zmem_bytes(&all, len, file, d);
	zmem_free(&all);
	zmem_free(&pt.z[0]);
	zmem_free(&pt.z[1]);
	if (pt.xml)
		xmlBufferFree(pt.xml);
	return out;
}
