/* fuzz_refi.c - libFuzzer target: the REFI-QDA reader (io/refi.h).  Byte
 * 0 picks what the rest is, written to a temporary file: 0 mod 3, a .qdc
 * (the XML alone, read with codebook_only); 1, a whole .qdpx (libzip
 * first); 2, the project XML, put into a .qdpx as project.qde next to
 * fixed entries (Sources/a.txt, sources/b.txt with a BOM and CRLF,
 * sitat.json) so that the fuzzer works on the XML rather than on the
 * zip format.  Oracles: no crash, hang or leak; every diagnostic
 * printable; accepted: no error reported, every GUID canonical and none
 * given twice, every index in range (a code's parent before it), every
 * selection with 0 <= start <= end and every source with its text;
 * refused: an error reported and the model empty. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "core/hmap.h"
#include "core/store.h"
#include "io/refi.h"
#include "fuzz.h"

static char *path;

static void cleanup(void)
{
	if (path)
		unlink(path);
	free(path);
}

static const char *tmp_path(void)
{
	if (!path) {
		const char *base = getenv("TMPDIR");
		path = xasprintf("%s/fuzz-refi-XXXXXX", base && *base ? base : "/tmp");
		int fd = mkstemp(path);
		if (fd < 0)
			fuzz_fail("mkstemp %s", path);
		close(fd);
		atexit(cleanup);
	}
	return path;
}

static void put_file(const uint8_t *data, size_t n)
{
	FILE *f = fopen(tmp_path(), "wb");
	fuzz_assert(f != NULL);
	fuzz_assert(fwrite(data, 1, n, f) == n);
	fuzz_assert(fclose(f) == 0);
}

static void put_zip(const uint8_t *xml, size_t n)
{
	static const char *const names[] = {"project.qde", "Sources/a.txt", "sources/b.txt",
		"sitat.json"};
	static const char *const texts[] = {NULL, "Alpha beta.\n",
		"\xEF\xBB\xBF" "B\xC3\xA9ta \xF0\x9F\x98\x80 gamma\r\ndelta\r\n", "{}"};
	int err;
	zip_t *za = zip_open(tmp_path(), ZIP_CREATE | ZIP_TRUNCATE, &err);
	fuzz_assert(za != NULL);
	for (int i = 0; i < 4; i++) {
		const void *d = i ? (const void *)texts[i] : (const void *)xml;
		size_t len = i ? strlen(texts[i]) : n;
		zip_source_t *s = zip_source_buffer(za, d, len, 0);
		fuzz_assert(s != NULL);
		fuzz_assert(zip_file_add(za, names[i], s, 0) >= 0);
	}
	fuzz_assert(zip_close(za) == 0);
}

FUZZ_ORACLE static void check_guid(struct hmap *seen, const char *g)
{
	fuzz_assert(g != NULL);
	if (!guid_ok(g))
		fuzz_fail("GUID not canonical: %s", g);
	if (!hmap_put(seen, g, 0, NULL))
		fuzz_fail("GUID given twice in an accepted file: %s", g);
}

#define IN_RANGE(i, n) fuzz_assert((i) < (n))
#define NONE_OR(i, n) fuzz_assert((i) == NONE || (i) < (n))

FUZZ_ORACLE static void check_values(const struct refi_value *v, size_t n, size_t nvars)
{
	for (size_t i = 0; i < n; i++) {
		IN_RANGE(v[i].var, nvars);
		fuzz_assert(v[i].value != NULL);
	}
}

FUZZ_ORACLE static void check_model(const struct refi_project *p)
{
	struct hmap seen;
	hmap_init(&seen);
	for (size_t i = 0; i < p->nusers; i++)
		check_guid(&seen, p->users[i].guid);
	for (size_t i = 0; i < p->ncodes; i++) {
		check_guid(&seen, p->codes[i].guid);
		fuzz_assert(p->codes[i].name != NULL);
		fuzz_assert(p->codes[i].parent == NONE || p->codes[i].parent < i);
		const char *c = p->codes[i].color;
		fuzz_assert(!c || (strlen(c) == 7 && c[0] == '#'));
		fuzz_assert(!p->codes[i].description || *p->codes[i].description);
	}
	for (size_t i = 0; i < p->nvars; i++)
		check_guid(&seen, p->vars[i].guid);
	for (size_t i = 0; i < p->ncases; i++) {
		check_guid(&seen, p->cases[i].guid);
		check_values(p->cases[i].values, p->cases[i].nvalues, p->nvars);
		for (size_t k = 0; k < p->cases[i].nsources; k++)
			IN_RANGE(p->cases[i].sources[k], p->nsources);
	}
	for (size_t i = 0; i < p->nsources; i++) {
		const struct refi_source *s = &p->sources[i];
		check_guid(&seen, s->guid);
		fuzz_assert(s->text != NULL);
		fuzz_assert(s->text[s->text_len] == '\0');
		check_values(s->values, s->nvalues, p->nvars);
		for (size_t k = 0; k < s->nnotes; k++)
			IN_RANGE(s->notes[k], p->nnotes);
		for (size_t j = 0; j < s->nsels; j++) {
			const struct refi_sel *t = &s->sels[j];
			check_guid(&seen, t->guid);
			fuzz_assert(t->start >= 0 && t->start <= t->end);
			NONE_OR(t->user, p->nusers);
			for (size_t k = 0; k < t->ncodes; k++) {
				IN_RANGE(t->codes[k], p->ncodes);
				NONE_OR(t->coders[k], p->nusers);
			}
			for (size_t k = 0; k < t->nnotes; k++)
				IN_RANGE(t->notes[k], p->nnotes);
		}
	}
	for (size_t i = 0; i < p->nnotes; i++) {
		check_guid(&seen, p->notes[i].guid);
		fuzz_assert(p->notes[i].text != NULL);
	}
	for (size_t i = 0; i < p->nsets; i++) {
		check_guid(&seen, p->sets[i].guid);
		for (size_t k = 0; k < p->sets[i].ncodes; k++)
			IN_RANGE(p->sets[i].codes[k], p->ncodes);
		for (size_t k = 0; k < p->sets[i].nsources; k++)
			IN_RANGE(p->sets[i].sources[k], p->nsources);
	}
	hmap_free(&seen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > (1u << 20))
		return 0;
	int mode = data[0] % 3;
	if (mode == 2)
		put_zip(data + 1, size - 1);
	else
		put_file(data + 1, size - 1);
	struct diag d;
	diag_init(&d, NULL);
	struct refi_project p;
	int st = refi_read(&p, tmp_path(), mode == 0, &d);
	fuzz_check_diags(&d);
	if (st == 0) {
		fuzz_assert(d.errors == 0);
		check_model(&p);
		refi_free(&p);
	} else {
		fuzz_assert(st == -1 && d.errors > 0);
		fuzz_assert(!p.file && !p.codes && !p.sources && !p.ncodes && !p.nsources &&
		            !p.sidecar);
	}
	diag_free(&d);
	return 0;
}
