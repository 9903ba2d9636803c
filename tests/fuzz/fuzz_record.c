/* fuzz_record.c - libFuzzer target: the use record parser (audit/record.c,
 * record_parse, what record_load runs on the file it reads) on any bytes,
 * once without and once with a --texdir.  Oracles:
 *   - every non-empty line (up to the first NUL: the record is text) is a
 *     claim, a use, an endclaim, the end line or exactly one rec-syntax error;
 *   - each claim and use has its fields (no spaces where the line is split
 *     at spaces), a line >= 1 that is written in the record as such (no
 *     sign, no space, no overflow), a kind of display/inline/ref, and its
 *     file under the texdir unless absolute;
 *   - the claim map gives the first claim of each id;
 *   - every diagnostic is printable. */
#define _POSIX_C_SOURCE 200809L /* strnlen */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/record.h"
#include "fuzz.h"

FUZZ_ORACLE static bool has_space(const char *s)
{
	return strchr(s, ' ') != NULL;
}

/* The input has ":NUMBER" (leading zeros allowed) with NUMBER = line:
 * the line of a place is what its digits say. */
FUZZ_ORACLE static void check_line(const char *data, size_t n, size_t line)
{
	char want[32];
	int k = snprintf(want, sizeof want, "%zu", line);
	for (size_t i = 0; i < n; i++) {
		if (data[i] != ':')
			continue;
		size_t j = i + 1;
		while (j < n && data[j] == '0')
			j++;
		if (n - j >= (size_t)k && !memcmp(data + j, want, (size_t)k) &&
		    (j + (size_t)k == n || data[j + k] < '0' || data[j + k] > '9'))
			return;
	}
	fuzz_fail("line %zu is not written as :%s anywhere in the record", line, want);
}

FUZZ_ORACLE static void check_file(const char *file, const char *texdir)
{
	fuzz_assert(file != NULL);
	if (texdir && *texdir && file[0] != '/') {
		size_t k = strlen(texdir);
		if (strncmp(file, texdir, k) || file[k] != '/')
			fuzz_fail("file '%s' is not under the texdir '%s'", file, texdir);
	}
}

static void run(const char *data, size_t n, const char *texdir)
{
	struct diag d;
	diag_init(&d, NULL);
	struct record r;
	char *text = fuzz_str((const uint8_t *)data, n);
	record_parse(&r, "build/thesis.sitat", text, texdir, &d);
	free(text);
	/* the lines, as the parser sees them */
	size_t lines = 0, endclaims = 0;
	size_t len = strnlen(data, n);
	for (size_t i = 0; i < len;) {
		size_t e = i;
		while (e < len && data[e] != '\n')
			e++;
		if (e > i) {
			/* (the fields are split at runs of spaces: leading ones
			 * are skipped) */
			size_t b = i;
			while (b < e && data[b] == ' ')
				b++;
			lines++;
			endclaims += e - b >= 9 && !memcmp(data + b, "endclaim ", 9);
			/* the record's last line, "end", gives nothing either */
			endclaims += e - i == 3 && !memcmp(data + i, "end", 3);
		}
		i = e + 1;
	}
	size_t syntax = 0;
	for (size_t i = 0; i < d.n; i++) {
		fuzz_assert(d.recs[i].id == D_REC_SYNTAX);
		fuzz_assert(d.recs[i].line >= 1 && d.recs[i].col == 1);
		syntax++;
	}
	if (r.nclaims + r.nuses + syntax > lines ||
	    r.nclaims + r.nuses + syntax + endclaims < lines)
		fuzz_fail("%zu lines gave %zu claims, %zu uses, %zu errors (%zu endclaim lines)",
		          lines, r.nclaims, r.nuses, syntax, endclaims);
	for (size_t i = 0; i < r.nclaims; i++) {
		const struct rec_claim *c = &r.claims[i];
		fuzz_assert(c->id && *c->id && !has_space(c->id));
		fuzz_assert(c->page && *c->page && !has_space(c->page));
		fuzz_assert(!c->rq || (*c->rq && !has_space(c->rq) && strcmp(c->rq, "-")));
		fuzz_assert(c->line >= 1);
		check_line(data, len, c->line);
		check_file(c->file, texdir);
		size_t k;
		fuzz_assert(hmap_get(&r.claimmap, c->id, &k));
		fuzz_assert(k <= i && !strcmp(r.claims[k].id, c->id));
		for (size_t j = 0; j < k; j++)
			fuzz_assert(strcmp(r.claims[j].id, c->id));
	}
	for (size_t i = 0; i < r.nuses; i++) {
		const struct rec_use *u = &r.uses[i];
		fuzz_assert(u->qid && *u->qid && !has_space(u->qid));
		fuzz_assert(u->page && *u->page && !has_space(u->page));
		fuzz_assert(u->kind && (!strcmp(u->kind, "display") ||
		            !strcmp(u->kind, "inline") || !strcmp(u->kind, "ref")));
		fuzz_assert(!u->claim || (*u->claim && !has_space(u->claim)));
		fuzz_assert(u->line >= 1);
		check_line(data, len, u->line);
		check_file(u->file, texdir);
	}
	fuzz_check_diags(&d);
	record_free(&r);
	diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	run((const char *)data, n, NULL);
	run((const char *)data, n, "tex dir");
	return 0;
}
