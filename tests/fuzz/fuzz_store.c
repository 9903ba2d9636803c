/* fuzz_store.c - libFuzzer target: the store loader and the claim audit,
 * in memory (store_load_io with files in memory: no file system).  A small
 * valid store is the base; each input replaces one of its files, chosen by
 * the first byte (0 codings, 1 source metadata, 2 codebook, 3 project), and
 * the whole store is loaded and audited against a fixed use record (the
 * record's parser has its own target, fuzz_record). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "audit/record.h"
#include "core/store.h"
#include "core/util.h"

static const char *const originals[] = {
	"{\"format\": \"sitat-codings/1\", \"source\": \"I1\", \"unit\": "
	"\"codepoint-nfc\", \"segments\": [{\"id\": \"I1-001\", \"start\": 5, "
	"\"end\": 10, \"exact\": \"dette\", \"codes\": [\"b\"]}]}\n",
	"{\"format\": \"sitat-source/1\", \"id\": \"I1\", \"kind\": "
	"\"interview\", \"label\": \"Informant 1\", \"attributes\": {\"role\": "
	"\"leder\"}, \"date\": \"2022-02-01\", \"text\": \"I1.txt\"}\n",
	"{\"format\": \"sitat-codebook/1\", \"codes\": [{\"id\": \"a\", "
	"\"name\": \"A\", \"rq\": [\"rq1\"]}, {\"id\": \"b\", \"name\": \"B\", "
	"\"parent\": \"a\", \"rq\": [\"rq1\"]}]}\n",
	"{\"format\": \"sitat-store/1\", \"title\": \"T\", \"author\": \"A\", "
	"\"language\": \"nb\", \"research_questions\": [{\"id\": \"rq1\", "
	"\"label\": \"L\", \"question\": \"Q?\"}]}\n",
};
static const char record[] = "claim c1 1 rq1 a.tex:1\nuse I1-001 1 display c1 a.tex:2\n";
static const char *const names[] = {"codings/I1.json", "sources/I1.json",
	"codebook.json", "project.json"};
#define NFILES (sizeof names / sizeof names[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	if (n == 0)
		return 0;
	size_t which = data[0] % NFILES;
	const char *in = (const char *)data + 1;
	struct storeio_file f[NFILES + 1];
	for (size_t k = 0; k < NFILES; k++) {
		f[k].name = names[k];
		f[k].data = k == which ? in : originals[k];
		f[k].len = k == which ? n - 1 : strlen(originals[k]);
	}
	f[NFILES] = (struct storeio_file){"sources/I1.txt", "INF: dette er en test\n", 22};
	struct storeio io = {"fuzz", f, NFILES + 1};
	struct diag d;
	diag_init(&d, NULL);
	struct store s;
	if (store_load_io(&s, &io, &d) == 0) {
		char *rec = xstrdup(record);
		struct record r;
		struct audit a;
		record_parse(&r, "record", rec, "thesis", &d);
		audit_run(&a, &s, &r, &d);
		audit_free(&a);
		record_free(&r);
		free(rec);
	}
	store_free(&s);
	diag_free(&d);
	return 0;
}
