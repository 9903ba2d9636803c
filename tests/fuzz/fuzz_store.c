/* fuzz_store.c - libFuzzer target: the store loader.  A small valid store
 * is made once; each input becomes one of its JSON files (chosen by the
 * first byte: codings, source metadata, codebook or project) or the use
 * record of the audit, and the whole store is loaded and audited. */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "audit/record.h"
#include "core/store.h"
#include "core/util.h"

static char root[64];

static void put(const char *name, const char *data, size_t n)
{
	char *p = path_join(root, name);
	FILE *f = fopen(p, "wb");
	if (f) {
		fwrite(data, 1, n, f);
		fclose(f);
	}
	free(p);
}

static void puts_file(const char *name, const char *s)
{
	put(name, s, strlen(s));
}

static const char *const files[] = {"codings/I1.json", "sources/I1.json",
	"codebook.json", "project.json", "record"};
static const char *originals[5];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	snprintf(root, sizeof root, "/tmp/sitat-fuzz-%d", (int)getpid());
	mkdir(root, 0755);
	char *d = path_join(root, "sources");
	mkdir(d, 0755);
	free(d);
	d = path_join(root, "codings");
	mkdir(d, 0755);
	free(d);
	originals[3] = "{\"format\": \"sitat-store/1\", \"title\": \"T\", \"author\": \"A\", "
		"\"language\": \"nb\", \"research_questions\": [{\"id\": \"rq1\", "
		"\"label\": \"L\", \"question\": \"Q?\"}]}\n";
	originals[2] = "{\"format\": \"sitat-codebook/1\", \"codes\": [{\"id\": \"a\", "
		"\"name\": \"A\", \"rq\": [\"rq1\"]}, {\"id\": \"b\", \"name\": \"B\", "
		"\"parent\": \"a\", \"rq\": [\"rq1\"]}]}\n";
	originals[1] = "{\"format\": \"sitat-source/1\", \"id\": \"I1\", \"kind\": "
		"\"interview\", \"label\": \"Informant 1\", \"attributes\": {\"role\": "
		"\"leder\"}, \"date\": \"2022-02-01\", \"text\": \"I1.txt\"}\n";
	originals[0] = "{\"format\": \"sitat-codings/1\", \"source\": \"I1\", \"unit\": "
		"\"codepoint-nfc\", \"segments\": [{\"id\": \"I1-001\", \"start\": 5, "
		"\"end\": 9, \"exact\": \"dette\", \"codes\": [\"b\"]}]}\n";
	originals[4] = "claim c1 1 rq1 a.tex:1\nuse I1-001 1 display c1 a.tex:2\n";
	puts_file("sources/I1.txt", "INF: dette er en test\n");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	if (n == 0)
		return 0;
	size_t which = data[0] % 5;
	for (size_t k = 0; k < 5; k++)
		if (k != which)
			puts_file(files[k], originals[k]);
	put(files[which], (const char *)data + 1, n - 1);
	struct diag d;
	diag_init(&d, NULL);
	struct store s;
	struct record r;
	struct audit a;
	if (store_load(&s, root, &d) == 0) {
		char *rec = path_join(root, "record");
		if (record_load(&r, rec, "thesis", &d) == 0) {
			audit_run(&a, &s, &r, &d);
			audit_free(&a);
		}
		record_free(&r);
		free(rec);
	}
	store_free(&s);
	diag_free(&d);
	return 0;
}
