/* test_store.c - store_load on small stores written by the test: a valid
 * store in detail, then one test per family of validation rules, each with
 * the exact diagnostics expected; and that loading never writes into the
 * store. */
#include "unit.h"

#include "core/store.h"

/* ---- the fixture ------------------------------------------------------------
 * tests/unit/fixtures/store/: project (rq1, rq2), codebook, I1 and D1.
 * I1.txt, 117 code points:
 *   line 1  INT: Hvordan startet det?
 *   line 2  INF: Vi måtte liksom lære oss å spørre først.   (cp 26..72)
 *   line 3  INT: Og så?                                     (cp 73..84)
 *   line 4  INF: Så ble det bedre, tror jeg.
 * D1.txt, 91 code points, three pages "1", "2", "iv": a FORM FEED (shown
 * as \f) separates one page from the next, here in place of an LF, so
 *   line 1  Kommunen skal samskape.                      page 1 (cp 0..)
 *   line 2  Alle skal med.\fSide to begynner her.        page 2 from cp 39
 *   line 3  Det er nytt.\fSiste side, æøå.               page iv from cp 74
 * Codebook order a1x, b, a, a1, a2; tree order b, a, a1, a1x, a2.
 * Segments: I1-001 (31..71), I1-003 (65..72), I1-002 (77..105); D1-001
 * (24..46, across a page break), D1-004, D1-002, D1-003 (the last page).
 *
 * A test changes what it is about with an override list: whole files
 * (CODINGS and SEG write new codings), files left out, and edits of the
 * fixture's files (EDIT and the helpers below). */
#define EDIT(path, old, new) UNIT_EDIT(path, old, new)
/* more codes at the end of the codebook, more segments at the end of a
 * codings file (extra starts with ",\n") */
#define ADD_CODES(extra) EDIT("codebook.json", "\n  ]", extra "\n  ]")
#define ADD_SEGS(file, extra) EDIT(file, "\n  ]", extra "\n  ]")
/* more fields in I1.json, before "text" */
#define I1_ADD(fields) EDIT("sources/I1.json", "  \"text\"", fields "  \"text\"")
/* a line before the first of I1.txt; after the last */
#define I1_TXT_BEFORE(line) EDIT("sources/I1.txt", "INT: Hvordan", line "INT: Hvordan")
#define I1_TXT_AFTER(line) EDIT("sources/I1.txt", "tror jeg.\n", "tror jeg.\n" line)
/* D1.json's bib and pages, as the fixture has them (edits anchor on them) */
#define D1_PAGES "[ { \"label\": \"1\" }, { \"label\": \"2\" }, { \"label\": \"iv\" } ]"
#define D1_BIB "{ \"type\": \"report\", \"author\": \"Lillehammer kommune\", " \
	"\"title\": \"Styringsdokument\", \"year\": \"2020\" }"
#define D1_BIB_LINE "  \"bib\": " D1_BIB ",\n"

#define CODINGS(src, segs)                                             \
	"{\n  \"format\": \"sitat-codings/1\",\n  \"source\": \"" src "\",\n" \
	"  \"unit\": \"codepoint-nfc\",\n  \"segments\": [\n" segs "\n  ]\n}\n"

#define SEG(id, start, end, exact, codes)                              \
	"    { \"id\": \"" id "\", \"start\": " #start ", \"end\": " #end  \
	", \"exact\": \"" exact "\", \"codes\": [" codes "] }"

/* One loaded variant of the fixture. */
struct fx {
	char *dir;
	struct store s;
	struct diag d;
	int r;
};

static void fx_load(struct fx *f, const struct unit_file *over)
{
	f->dir = unit_fixture("store", over);
	diag_init(&f->d, NULL);
	f->r = store_load(&f->s, f->dir, &f->d);
}

static void fx_free(struct fx *f)
{
	store_free(&f->s);
	diag_free(&f->d);
	unit_rmtree(f->dir);
	free(f->dir);
}

/* path of a file in the fixture's store (caller frees) */
static char *fx_path(const struct fx *f, const char *rel)
{
	return path_join(f->dir, rel);
}

static void assert_where(const struct fx *f, const struct diag_rec *r,
                         const char *file, const char *where, const char *msg)
{
	char *p = fx_path(f, file);
	assert_string_equal(r->file, p);
	free(p);
	if (where) {
		assert_non_null(r->where);
		assert_string_equal(r->where, where);
		assert_int_equal(r->line, 0);
	} else {
		assert_null(r->where);
	}
	if (msg)
		assert_string_equal(r->msg, msg);
}

static const struct segment *seg(const struct store *s, const char *id)
{
	size_t k;
	if (!hmap_get(&s->segmap, id, &k))
		fail_msg("no segment %s", id);
	assert_string_equal(s->segs[k].id, id);
	return &s->segs[k];
}

/* ---- the valid store --------------------------------------------------------- */

static void test_valid_counts(void **state)
{
	(void)state;
	struct fx f;
	fx_load(&f, NULL);
	assert_int_equal(f.r, 0);
	unit_assert_diags(&f.d, "");
	assert_int_equal(f.d.errors, 0);
	assert_int_equal(f.d.warnings, 0);
	const struct store *s = &f.s;
	assert_string_equal(s->root, f.dir);
	assert_string_equal(s->title, "Rigget for samskaping?");
	assert_string_equal(s->author, "Demokandidat");
	assert_string_equal(s->language, "nb");
	assert_int_equal(s->nrqs, 2);
	assert_string_equal(s->rqs[1].id, "rq2");
	assert_string_equal(s->rqs[1].label, "Ledelse");
	assert_string_equal(s->rqs[1].question, "Hvem?");
	assert_int_equal(s->ncodes, 5);
	assert_int_equal(s->nsources, 2);
	assert_int_equal(s->nsegs, 7);
	assert_int_equal(store_count_kind(s, SRC_INTERVIEW), 1);
	assert_int_equal(store_count_kind(s, SRC_DOCUMENT), 1);
	/* sources in file name order; segments grouped by source, in file
	 * order within one */
	assert_string_equal(s->sources[0].id, "D1");
	assert_string_equal(s->sources[1].id, "I1");
	static const char *const ids[] = {"D1-001", "D1-004", "D1-002", "D1-003",
		"I1-001", "I1-003", "I1-002"};
	for (size_t i = 0; i < 7; i++) {
		assert_string_equal(s->segs[i].id, ids[i]);
		size_t k;
		assert_true(hmap_get(&s->segmap, ids[i], &k));
		assert_int_equal(k, i);
		assert_true(s->segs[i].anchored);
	}
	assert_int_equal(s->sources[0].nsegs, 4);
	assert_int_equal(s->sources[1].nsegs, 3);
	fx_free(&f);
}

static void test_valid_sources(void **state)
{
	(void)state;
	struct fx f;
	fx_load(&f, NULL);
	const struct store *s = &f.s;
	const struct source *i1 = &s->sources[1], *d1 = &s->sources[0];
	assert_int_equal(i1->kind, SRC_INTERVIEW);
	assert_string_equal(i1->label, "Informant 1");
	assert_string_equal(i1->date, "2022-03-14");
	assert_string_equal(i1->role, "leder");
	assert_int_equal(i1->nattrs, 2);
	assert_string_equal(i1->attrs[0].key, "role");
	assert_string_equal(i1->attrs[1].key, "sektor");
	assert_string_equal(i1->attrs[1].val, "Helse");
	assert_null(i1->bibkey);
	assert_null(i1->bibtype);
	assert_int_equal(i1->npages, 0);
	assert_true(i1->text_ok);
	assert_int_equal(i1->text.ncp, 117);
	assert_int_equal(i1->text.nlines, 4); /* the final LF starts no line */
	char *p = fx_path(&f, "sources/I1.txt");
	assert_string_equal(i1->textfile, p);
	free(p);
	p = fx_path(&f, "codings/I1.json");
	assert_string_equal(i1->codingsfile, p);
	free(p);
	p = fx_path(&f, "sources/I1.json");
	assert_string_equal(i1->metafile, p);
	free(p);

	assert_int_equal(d1->kind, SRC_DOCUMENT);
	assert_null(d1->role);
	assert_string_equal(d1->bibtype, "report");
	assert_int_equal(d1->nbib, 4);
	assert_string_equal(d1->bib[1].key, "author");
	assert_string_equal(d1->bib[1].val, "Lillehammer kommune");
	assert_int_equal(d1->npages, 3);
	assert_string_equal(d1->pages[0].label, "1");
	assert_int_equal(d1->pages[0].start, 0);
	assert_int_equal(d1->pages[0].line, 1);
	assert_string_equal(d1->pages[1].label, "2");
	assert_int_equal(d1->pages[1].start, 39); /* bytes: ASCII up to here */
	assert_int_equal(d1->pages[1].line, 2);
	assert_string_equal(d1->pages[2].label, "iv");
	assert_int_equal(d1->pages[2].start, 74);
	assert_int_equal(d1->pages[2].line, 3);
	assert_int_equal(d1->text.nlines, 3); /* a form feed ends no line */
	assert_int_equal(d1->text.ncp, 91);
	fx_free(&f);
}

static void test_valid_code_tree(void **state)
{
	(void)state;
	struct fx f;
	fx_load(&f, NULL);
	const struct store *s = &f.s;
	/* codebook order: a1x b a a1 a2 */
	static const char *const ids[] = {"a1x", "b", "a", "a1", "a2"};
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(s->codes[i].id, ids[i]);
		size_t k;
		assert_true(hmap_get(&s->codemap, ids[i], &k));
		assert_int_equal(k, i);
	}
	/* tree order, depth first, children in codebook order */
	static const size_t order[] = {1, 2, 3, 0, 4};
	static const int depth[] = {2, 0, 0, 1, 1};
	static const size_t parent[] = {3, NONE, NONE, 2, 2};
	static const size_t pos[] = {3, 0, 1, 2, 4};
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(s->code_order[i], order[i]);
		assert_int_equal(s->codes[i].depth, depth[i]);
		assert_int_equal(s->codes[i].parent, parent[i]);
		assert_int_equal(s->codes[i].order, pos[i]);
	}
	assert_string_equal(s->codes[0].parent_id, "a1");
	assert_null(s->codes[1].parent_id);
	assert_string_equal(s->codes[1].color, "#c0392b");
	assert_null(s->codes[2].color);
	assert_string_equal(s->codes[2].description, "Toppen");
	assert_string_equal(s->codes[1].description, "");
	assert_int_equal(s->codes[4].nrqs, 2);
	assert_int_equal(s->codes[4].rqs[0], 0);
	assert_int_equal(s->codes[4].rqs[1], 1);
	assert_int_equal(s->codes[1].rqs[0], 1);
	fx_free(&f);
}

static void test_valid_locators(void **state)
{
	(void)state;
	struct fx f;
	fx_load(&f, NULL);
	const struct store *s = &f.s;
	static const struct {
		const char *id;
		size_t start, end, line_from, line_to, page_from, page_to;
	} t[] = {
		{"D1-001", 24, 46, 2, 2, 0, 1},       /* across a page break */
		{"D1-004", 39, 60, 2, 2, 1, 1},       /* first character of a page */
		{"D1-002", 61, 73, 3, 3, 1, 1},       /* last before a page break */
		{"D1-003", 74, 90, 3, 3, 2, 2},       /* last page */
		{"I1-001", 31, 71, 2, 2, NONE, NONE},
		{"I1-003", 65, 72, 2, 2, NONE, NONE}, /* ends with its LF */
		{"I1-002", 77, 105, 3, 4, NONE, NONE},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		const struct segment *g = seg(s, t[i].id);
		assert_true(g->anchored);
		assert_int_equal(g->start, t[i].start);
		assert_int_equal(g->end, t[i].end);
		assert_int_equal(g->line_from, t[i].line_from);
		assert_int_equal(g->line_to, t[i].line_to);
		assert_int_equal(g->page_from, t[i].page_from);
		assert_int_equal(g->page_to, t[i].page_to);
	}
	const struct segment *g = seg(s, "I1-002");
	assert_int_equal(g->src, 1);
	assert_string_equal(g->exact, "Og s\xc3\xa5?\nINF: S\xc3\xa5 ble det bedre");
	assert_null(g->prefix);
	assert_string_equal(g->memo, "Et notat.");
	assert_int_equal(g->ncodes, 2);
	assert_int_equal(g->codes[0], 0); /* a1x */
	assert_int_equal(g->codes[1], 1); /* b */
	g = seg(s, "I1-001");
	assert_string_equal(g->prefix, "det?\nINF: ");
	assert_string_equal(g->suffix, "\nINT: Og");
	assert_null(g->memo);
	fx_free(&f);
}

/* ---- the store never writes ------------------------------------------------- */

static void check_no_writes(const struct unit_file *over, bool want_errors)
{
	char *dir = unit_fixture("store", over);
	char *before = unit_snapshot(dir);
	struct store s;
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(store_load(&s, dir, &d), 0);
	assert_int_equal(d.errors != 0, want_errors);
	store_free(&s);
	diag_free(&d);
	char *after = unit_snapshot(dir);
	assert_string_equal(after, before);
	free(before), free(after);
	unit_rmtree(dir);
	free(dir);
}

static void test_never_writes(void **state)
{
	(void)state;
	check_no_writes(NULL, false);
	/* a store with errors of every kind: nothing is "fixed" on disk */
	static const struct unit_file bad[] = {
		I1_TXT_BEFORE("INT: Hei.\r\n"),
		I1_TXT_AFTER("a\xcc\x8a\n"),
		{"codings/D1.json", "{ \"format\": "},
		EDIT("codebook.json", "{\n  \"format\"", "\xef\xbb\xbf{\n  \"format\""),
		{NULL, NULL},
	};
	check_no_writes(bad, true);
}

static void test_not_a_store(void **state)
{
	(void)state;
	char *dir = unit_tmpdir();
	struct store s;
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(store_load(&s, dir, &d), -1);
	unit_assert_diags(&d, "io");
	char *p = path_join(dir, "project.json");
	assert_string_equal(d.recs[0].file, p);
	assert_string_equal(d.recs[0].msg,
	                    "cannot read: not an evidence store (no project.json); use --store DIR");
	free(p);
	store_free(&s);
	diag_free(&d);
	unit_rmtree(dir);
	free(dir);
}

/* ---- duplicate ids ------------------------------------------------------------- */

static void test_duplicate_ids(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"project.json",
		 "{ \"format\": \"sitat-store/1\", \"title\": \"T\", \"author\": \"A\",\n"
		 "  \"language\": \"nb\", \"research_questions\": [\n"
		 "  { \"id\": \"rq1\", \"label\": \"L\", \"question\": \"Q\" },\n"
		 "  { \"id\": \"rq2\", \"label\": \"L\", \"question\": \"Q\" },\n"
		 "  { \"id\": \"rq1\", \"label\": \"L2\", \"question\": \"Q2\" } ] }\n"},
		ADD_CODES(",\n    { \"id\": \"b\", \"name\": \"B igjen\", \"rq\": [\"rq1\"] }"),
		ADD_SEGS("codings/D1.json", ",\n" SEG("D1-002", 61, 73, "Det er nytt.", "\"a\"")),
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "duplicate-id duplicate-id duplicate-id");
	assert_where(&f, &f.d.recs[0], "project.json", "research question", NULL);
	char *p = fx_path(&f, "project.json");
	char *m = xasprintf("duplicate research question id 'rq1' (first defined in %s)", p);
	assert_string_equal(f.d.recs[0].msg, m);
	free(p), free(m);
	assert_where(&f, &f.d.recs[1], "codebook.json", "code b",
	             "duplicate code id 'b' (first defined in an earlier entry)");
	p = fx_path(&f, "codings/D1.json");
	m = xasprintf("duplicate segment id 'D1-002' (first defined in %s)", p);
	assert_where(&f, &f.d.recs[2], "codings/D1.json", "segment D1-002", m);
	free(p), free(m);
	/* the first of each stays */
	assert_int_equal(f.s.nrqs, 2);
	assert_string_equal(f.s.rqs[0].label, "L");
	assert_int_equal(f.s.ncodes, 5);
	assert_string_equal(f.s.codes[1].name, "B");
	assert_int_equal(f.s.nsegs, 7);
	assert_int_equal(seg(&f.s, "D1-002")->codes[0], 1);
	fx_free(&f);
}

static void test_duplicate_key(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		I1_ADD("  \"label\": \"Informant 9\",\n"),
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "duplicate-key");
	assert_where(&f, &f.d.recs[0], "sources/I1.json", "source I1",
	             "duplicate key 'label'");
	fx_free(&f);
}

/* ---- unknown references ---------------------------------------------------------- */

static void test_unknown_refs(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		ADD_CODES(",\n    { \"id\": \"c\", \"name\": \"C\", \"parent\": \"nope\", \"rq\": [\"rq1\", \"rq9\"] }"),
		{"codings/D1.json", CODINGS("D1",
		 SEG("D1-001", 24, 46, "Alle skal med.\\fSide to", "\"a\", \"zzz\""))},
		{"codings/X9.json", CODINGS("X9", "")},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "unknown-rq unknown-parent unknown-code unknown-source");
	assert_where(&f, &f.d.recs[0], "codebook.json", "code c",
	             "unknown research question 'rq9'");
	assert_where(&f, &f.d.recs[1], "codebook.json", "code c",
	             "parent 'nope' is not a code");
	assert_where(&f, &f.d.recs[2], "codings/D1.json", "segment D1-001",
	             "unknown code 'zzz'");
	assert_where(&f, &f.d.recs[3], "codings/X9.json", "codings X9",
	             "codings for unknown source 'X9'");
	/* what could be linked is */
	size_t k;
	assert_true(hmap_get(&f.s.codemap, "c", &k));
	assert_int_equal(f.s.codes[k].nrqs, 1);
	assert_int_equal(f.s.codes[k].parent, NONE);
	assert_int_equal(f.s.codes[k].depth, 0);
	assert_int_equal(seg(&f.s, "D1-001")->ncodes, 1);
	fx_free(&f);
}

static void test_cycle(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		ADD_CODES(",\n"
		 "    { \"id\": \"x\", \"name\": \"X\", \"parent\": \"y\", \"rq\": [\"rq1\"] },\n"
		 "    { \"id\": \"y\", \"name\": \"Y\", \"parent\": \"x\", \"rq\": [\"rq1\"] },\n"
		 "    { \"id\": \"w\", \"name\": \"W\", \"parent\": \"x\", \"rq\": [\"rq1\"] },\n"
		 "    { \"id\": \"z\", \"name\": \"Z\", \"parent\": \"z\", \"rq\": [\"rq1\"] }"),
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "code-cycle code-cycle");
	/* the walk that finds the cycle enters it at y */
	assert_where(&f, &f.d.recs[0], "codebook.json", "code y",
	             "cycle in the code hierarchy: y -> x -> y");
	assert_where(&f, &f.d.recs[1], "codebook.json", "code z",
	             "cycle in the code hierarchy: z -> z");
	/* the cycles are cut, and every code is in the tree once:
	 * b, a, a1, a1x, a2, x, w, y, z */
	assert_int_equal(f.s.ncodes, 9);
	static const char *const order[] = {"b", "a", "a1", "a1x", "a2", "x", "w",
		"y", "z"};
	static const int depth[] = {0, 0, 1, 2, 1, 0, 1, 0, 0};
	for (size_t i = 0; i < 9; i++) {
		assert_string_equal(f.s.codes[f.s.code_order[i]].id, order[i]);
		assert_int_equal(f.s.codes[f.s.code_order[i]].depth, depth[i]);
	}
	fx_free(&f);
}

/* ---- anchors ----------------------------------------------------------------------- */

static void test_anchor_moved(void **state)
{
	(void)state;
	struct fx f;
	/* a line was added at the top of the transcript: every segment moved */
	static const struct unit_file over[] = {
		I1_TXT_BEFORE("INT: Hei.\n"),
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "anchor-mismatch anchor-found reanchor-would "
	                  "anchor-mismatch anchor-found reanchor-would "
	                  "anchor-mismatch anchor-found reanchor-would");
	assert_int_equal(f.d.errors, 3);
	assert_where(&f, &f.d.recs[0], "codings/I1.json", "segment I1-001",
	             "anchor text does not match the source at 31..71: source has "
	             "\"det?\\nINF: Vi m\xc3\xa5tte liksom l\xc3\xa6re oss \xc3\xa5 sp\xc3\xb8\"");
	char *t = fx_path(&f, "sources/I1.txt");
	char *m = xasprintf("the quoted text is now at %s:3:6 (start 41, end 81)", t);
	assert_where(&f, &f.d.recs[1], "codings/I1.json", "segment I1-001", m);
	free(m);
	m = xasprintf("the quoted text is now at %s:4:6 (start 87, end 115)", t);
	assert_where(&f, &f.d.recs[7], "codings/I1.json", "segment I1-002", m);
	free(m);
	m = xasprintf("the quoted text is now at %s:3:40 (start 75, end 82)", t);
	assert_where(&f, &f.d.recs[4], "codings/I1.json", "segment I1-003", m);
	free(m);
	free(t);
	assert_false(seg(&f.s, "I1-001")->anchored);
	assert_true(seg(&f.s, "D1-001")->anchored);
	fx_free(&f);
}

static void test_anchor_ambiguous_and_gone(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"codings/I1.json", CODINGS("I1",
		 SEG("I1-001", 1, 6, "INT: ", "\"a\"") ",\n"
		 SEG("I1-002", 10, 21, "finnes ikke", "\"a\""))},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "anchor-mismatch anchor-ambiguous reanchor-would "
	                  "anchor-mismatch anchor-gone reanchor-would");
	assert_where(&f, &f.d.recs[0], "codings/I1.json", "segment I1-001",
	             "anchor text does not match the source at 1..6: source has \"NT: H\"");
	assert_where(&f, &f.d.recs[1], "codings/I1.json", "segment I1-001",
	             "the quoted text occurs 2 times in the source; re-anchor by hand");
	assert_where(&f, &f.d.recs[4], "codings/I1.json", "segment I1-002",
	             "the quoted text no longer occurs in the source");
	assert_int_equal(f.d.errors, 2); /* the follow-ups are notes */
	assert_int_equal(f.d.warnings, 0);
	fx_free(&f);
}

static void test_anchor_range(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"codings/I1.json", CODINGS("I1",
		 SEG("I1-001", 31, 5000, "Vi m\xc3\xa5tte liksom", "\"a\"") ",\n"
		 SEG("I1-002", 40, 40, "x", "\"a\"") ",\n"
		 SEG("I1-003", 50, 45, "x", "\"a\"") ",\n"
		 SEG("I1-004", 100, 118, "x", "\"a\""))},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "anchor-range anchor-found reanchor-would "
	                  "anchor-range anchor-gone reanchor-would "
	                  "anchor-range anchor-gone reanchor-would "
	                  "anchor-range anchor-gone reanchor-would");
	assert_where(&f, &f.d.recs[0], "codings/I1.json", "segment I1-001",
	             "positions 31..5000 out of range (source has 117 code points; "
	             "start < end required)");
	assert_where(&f, &f.d.recs[3], "codings/I1.json", "segment I1-002",
	             "positions 40..40 out of range (source has 117 code points; "
	             "start < end required)");
	assert_where(&f, &f.d.recs[6], "codings/I1.json", "segment I1-003", NULL);
	assert_where(&f, &f.d.recs[9], "codings/I1.json", "segment I1-004",
	             "positions 100..118 out of range (source has 117 code points; "
	             "start < end required)");
	fx_free(&f);
}

static void test_anchor_at_text_end(void **state)
{
	(void)state;
	struct fx f;
	/* end == ncp is in range */
	static const struct unit_file over[] = {
		{"codings/I1.json", CODINGS("I1",
		 SEG("I1-001", 110, 117, "r jeg.\\n", "\"a\""))},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "");
	const struct segment *g = seg(&f.s, "I1-001");
	assert_true(g->anchored);
	assert_int_equal(g->line_from, 4);
	assert_int_equal(g->line_to, 4);
	fx_free(&f);
}

static void test_context_changed(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"codings/I1.json", CODINGS("I1",
		 "    { \"id\": \"I1-001\", \"start\": 31, \"end\": 71,\n"
		 "      \"exact\": \"Vi m\xc3\xa5tte liksom l\xc3\xa6re oss \xc3\xa5 sp\xc3\xb8rre f\xc3\xb8rst.\",\n"
		 "      \"prefix\": \"feil: \", \"suffix\": \"\\nINT: Og s\xc3\xa5!\",\n"
		 "      \"codes\": [\"a1\"] },\n"
		 SEG("I1-002", 115, 116, ".", "\"a\""))},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "context-changed context-changed reanchor-would");
	assert_int_equal(f.d.errors, 0);
	assert_int_equal(f.d.warnings, 2);
	assert_where(&f, &f.d.recs[0], "codings/I1.json", "segment I1-001",
	             "prefix context changed: expected \"feil: \", source has \"\\nINF: \"");
	assert_where(&f, &f.d.recs[1], "codings/I1.json", "segment I1-001",
	             "suffix context changed: expected \"\\nINT: Og s\xc3\xa5!\", "
	             "source has \"\\nINT: Og s\xc3\xa5?\"");
	assert_true(seg(&f.s, "I1-001")->anchored); /* still anchored */
	fx_free(&f);
}

static void test_context_by_code_points(void **state)
{
	(void)state;
	struct fx f;
	/* the source's context is shown with as many code points as the
	 * expected one has (5 here, in 8 bytes) */
	static const struct unit_file over[] = {
		{"codings/I1.json", CODINGS("I1",
		 "    { \"id\": \"I1-001\", \"start\": 31, \"end\": 71,\n"
		 "      \"exact\": \"Vi m\xc3\xa5tte liksom l\xc3\xa6re oss \xc3\xa5 sp\xc3\xb8rre f\xc3\xb8rst.\",\n"
		 "      \"prefix\": \"\xc3\xa6\xc3\xb8\xc3\xa5: \", \"suffix\": \"\xc3\xa6\xc3\xb8\",\n"
		 "      \"codes\": [\"a1\"] }")},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "context-changed context-changed reanchor-would");
	assert_where(&f, &f.d.recs[0], "codings/I1.json", "segment I1-001",
	             "prefix context changed: expected \"\xc3\xa6\xc3\xb8\xc3\xa5: \", "
	             "source has \"INF: \"");
	assert_where(&f, &f.d.recs[1], "codings/I1.json", "segment I1-001",
	             "suffix context changed: expected \"\xc3\xa6\xc3\xb8\", "
	             "source has \"\\nI\"");
	fx_free(&f);
}

static void test_context_at_edges(void **state)
{
	(void)state;
	struct fx f;
	/* context longer than what is there, at the start and the end */
	static const struct unit_file over[] = {
		{"codings/I1.json", CODINGS("I1",
		 "    { \"id\": \"I1-001\", \"start\": 0, \"end\": 3, \"exact\": \"INT\",\n"
		 "      \"prefix\": \"x\", \"codes\": [\"a\"] },\n"
		 "    { \"id\": \"I1-002\", \"start\": 110, \"end\": 116, \"exact\": \"r jeg.\",\n"
		 "      \"suffix\": \"\\n\\n\", \"codes\": [\"a\"] }")},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "context-changed reanchor-would context-changed reanchor-would");
	assert_where(&f, &f.d.recs[0], "codings/I1.json", "segment I1-001",
	             "prefix context changed: expected \"x\", source has \"\"");
	assert_where(&f, &f.d.recs[2], "codings/I1.json", "segment I1-002",
	             "suffix context changed: expected \"\\n\\n\", source has \"\\n\"");
	fx_free(&f);
}

/* ---- JSON syntax, fields, types ------------------------------------------------------ */

static void test_json_syntax(void **state)
{
	(void)state;
	struct fx f;
	/* a missing comma: reported where the next key starts */
	static const struct unit_file over[] = {
		{"codings/D1.json",
		 "{\n"
		 "  \"format\": \"sitat-codings/1\",\n"
		 "  \"source\": \"D1\"\n"
		 "  \"unit\": \"codepoint-nfc\",\n"
		 "  \"segments\": []\n"
		 "}\n"},
		{NULL, NULL},
	};
	fx_load(&f, over);
	/* (the file is there: D1 is not also reported as having no codings) */
	unit_assert_diags(&f.d, "json-syntax");
	const struct diag_rec *r = &f.d.recs[0];
	assert_where(&f, r, "codings/D1.json", NULL,
	             "JSON syntax error near '\"unit\": \"cod\xe2\x80\xa6'");
	assert_int_equal(r->line, 4);
	assert_int_equal(r->col, 3);
	/* the source is still there, only its codings are lost */
	assert_int_equal(f.s.nsources, 2);
	assert_int_equal(f.s.nsegs, 3);
	fx_free(&f);
}

struct syntax_case {
	const char *json;
	size_t line, col;
	const char *msg;
};

static void check_syntax(const struct syntax_case *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct fx f;
		struct unit_file over[] = {{"codings/D1.json", t[i].json}, {NULL, NULL}};
		fx_load(&f, over);
		unit_assert_diags(&f.d, "json-syntax");
		if (f.d.recs[0].line != t[i].line || f.d.recs[0].col != t[i].col)
			print_error("case %zu: got %zu:%zu %s\n", i, f.d.recs[0].line,
			            f.d.recs[0].col, f.d.recs[0].msg);
		assert_int_equal(f.d.recs[0].line, t[i].line);
		assert_int_equal(f.d.recs[0].col, t[i].col);
		assert_string_equal(f.d.recs[0].msg, t[i].msg);
		fx_free(&f);
	}
}

static void test_json_syntax_positions(void **state)
{
	(void)state;
	static const struct syntax_case t[] = {
		/* a bad value after multibyte text: columns are code points */
		{"{ \"format\": \"sitat-codings/1\", \"source\": \"\xc3\xa6\xc3\xb8\", \"unit\": tru }\n",
		 1, 56, "JSON syntax error near 'tru }\\n'"},
		/* something after the value */
		{"{}\n{}\n", 2, 1, "JSON syntax error near '{}\\n'"},
		/* a missing colon, a missing comma in an array */
		{"{\"a\" 1}\n", 1, 6, "JSON syntax error near '1}\\n'"},
		{"{\"a\": [1 2]}\n", 1, 10, "JSON syntax error near '2]}\\n'"},
		/* a trailing comma in an array: at the ] */
		{"{\"a\": [1, 2,]}\n", 1, 13, "JSON syntax error near ']}\\n'"},
		/* a missing value */
		{"{\n  \"a\": }\n", 2, 8, "JSON syntax error near '}\\n'"},
		/* nothing but a cut-off object */
		{"{", 1, 2, "JSON syntax error near end of file"},
	};
	check_syntax(t, sizeof t / sizeof t[0]);
}

static void test_json_syntax_key_position(void **state)
{
	(void)state;
	/* Regression (fixed): json.c json_load reported the position cJSON
	 * gives in its error pointer, which is one character too far whenever
	 * an object key fails to parse (cJSON's parse_string sets the offset
	 * to the byte after the one that is not a '"').  A trailing comma in
	 * an object, "{\n  \"format\": \"sitat-codings/1\",\n}\n": expected
	 * 3:1 near '}\n', got 3:2 near '\n'; a non-string key "{ 5: 1 }":
	 * expected 1:3 near '5: 1 }', got 1:4 near ': 1 }'.  (In an array the
	 * same trailing comma is reported at the ] itself.) */
	static const struct syntax_case t[] = {
		{"{\n  \"format\": \"sitat-codings/1\",\n}\n", 3, 1,
		 "JSON syntax error near '}\\n'"},
		{"{ 5: 1 }\n", 1, 3, "JSON syntax error near '5: 1 }\\n'"},
	};
	check_syntax(t, sizeof t / sizeof t[0]);
}

static void test_empty_and_bad_text_json(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"codings/D1.json", ""},
		{"codings/I1.json", "\xef\xbb\xbf{}\n"},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "empty-file bom");
	assert_int_equal(f.d.recs[0].line, 0);
	assert_int_equal(f.d.recs[1].line, 1);
	assert_int_equal(f.d.recs[1].col, 1);
	fx_free(&f);
}

static void test_missing_fields(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"sources/I1.json",
		 "{\n  \"format\": \"sitat-source/1\",\n  \"id\": \"I1\",\n"
		 "  \"kind\": \"interview\",\n  \"text\": \"I1.txt\"\n}\n"},
		{"codings/D1.json", CODINGS("D1",
		 "    { \"id\": \"D1-001\", \"end\": 46, \"exact\": \"Alle\", \"codes\": [\"a\"] },\n"
		 "    { \"id\": \"D1-002\", \"start\": 61, \"end\": 73, \"codes\": [\"a\"] },\n"
		 "    { \"id\": \"D1-003\", \"start\": 74, \"end\": 90, \"exact\": \"Siste side, \xc3\xa6\xc3\xb8\xc3\xa5.\" },\n"
		 "    { \"start\": 74, \"end\": 90, \"exact\": \"x\", \"codes\": [\"a\"] },\n"
		 "    { \"id\": \"D1-005\", \"start\": 80, \"end\": 81, \"exact\": \"\", \"codes\": [\"a\"] }")},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "missing-field missing-field missing-field "
	                  "missing-field missing-field empty-value");
	assert_where(&f, &f.d.recs[0], "sources/I1.json", "source I1",
	             "missing required field 'label'");
	assert_where(&f, &f.d.recs[1], "codings/D1.json", "segment D1-001",
	             "missing required field 'start'");
	assert_where(&f, &f.d.recs[2], "codings/D1.json", "segment D1-002",
	             "missing required field 'exact'");
	assert_where(&f, &f.d.recs[3], "codings/D1.json", "segment D1-003",
	             "missing required field 'codes'");
	assert_where(&f, &f.d.recs[4], "codings/D1.json", "segments[3]",
	             "missing required field 'id'");
	assert_where(&f, &f.d.recs[5], "codings/D1.json", "segment D1-005",
	             "field 'exact' must not be empty");
	/* the label falls back to the id */
	assert_string_equal(f.s.sources[1].label, "I1");
	fx_free(&f);
}

static void test_missing_project_fields(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"project.json",
		 "{ \"format\": \"sitat-store/1\", \"title\": \"T\",\n"
		 "  \"research_questions\": [\n"
		 "  { \"id\": \"rq1\", \"label\": \"L\", \"question\": \"Q\" },\n"
		 "  { \"id\": \"rq2\", \"label\": \"L\", \"question\": \"Q\" } ] }\n"},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "missing-field missing-field");
	assert_where(&f, &f.d.recs[0], "project.json", "project",
	             "missing required field 'author'");
	assert_where(&f, &f.d.recs[1], "project.json", "project",
	             "missing required field 'language'");
	fx_free(&f);
}

static void test_wrong_types(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"sources/I1.json",
		 "{\n  \"format\": \"sitat-source/1\",\n  \"id\": \"I1\",\n"
		 "  \"kind\": \"interview\",\n  \"label\": 5,\n"
		 "  \"attributes\": [],\n  \"text\": \"I1.txt\"\n}\n"},
		{"codings/D1.json", CODINGS("D1",
		 "    { \"id\": \"D1-001\", \"start\": \"24\", \"end\": 46, \"exact\": \"x\", \"codes\": [\"a\"] },\n"
		 "    { \"id\": \"D1-002\", \"start\": -1, \"end\": 73, \"exact\": \"x\", \"codes\": [\"a\"] },\n"
		 "    { \"id\": \"D1-003\", \"start\": 74, \"end\": 90.5, \"exact\": \"x\", \"codes\": [\"a\"] },\n"
		 "    { \"id\": \"D1-004\", \"start\": 74, \"end\": 90, \"exact\": \"Siste side, \xc3\xa6\xc3\xb8\xc3\xa5.\", \"codes\": \"a\" },\n"
		 "    { \"id\": \"D1-006\", \"start\": 74, \"end\": 90, \"exact\": \"Siste side, \xc3\xa6\xc3\xb8\xc3\xa5.\", \"codes\": [7] },\n"
		 "    \"D1-007\"")},
		{"codings/I1.json", "[]\n"},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "wrong-type wrong-type wrong-type wrong-type "
	                  "wrong-type wrong-type wrong-type wrong-type wrong-type");
	assert_where(&f, &f.d.recs[0], "sources/I1.json", "source I1",
	             "field 'label' must be a string");
	assert_where(&f, &f.d.recs[1], "sources/I1.json", "source I1",
	             "field 'attributes' must be an object");
	assert_where(&f, &f.d.recs[2], "codings/D1.json", "segment D1-001",
	             "field 'start' must be a non-negative integer");
	assert_where(&f, &f.d.recs[3], "codings/D1.json", "segment D1-002",
	             "field 'start' must be a non-negative integer");
	assert_where(&f, &f.d.recs[4], "codings/D1.json", "segment D1-003",
	             "field 'end' must be a non-negative integer");
	assert_where(&f, &f.d.recs[5], "codings/D1.json", "segment D1-004",
	             "field 'codes' must be an array");
	assert_where(&f, &f.d.recs[6], "codings/D1.json", "segment D1-006",
	             "field 'codes[]' must be a string");
	assert_where(&f, &f.d.recs[7], "codings/D1.json", "segments[5]",
	             "field 'segments[]' must be an object");
	assert_where(&f, &f.d.recs[8], "codings/I1.json", "codings I1",
	             "field '(top level)' must be an object");
	fx_free(&f);
}

static void test_bad_strings(void **state)
{
	(void)state;
	struct fx f;
	/* control characters and non-NFC text inside JSON strings */
	static const struct unit_file over[] = {
		{"codings/D1.json", CODINGS("D1",
		 SEG("D1-001", 24, 46, "Alle skal med.\\fSide to", "\"a\"") ",\n"
		 "    { \"id\": \"D1-002\", \"start\": 61, \"end\": 73, \"exact\": \"Det er nytt.\",\n"
		 "      \"memo\": \"bl\\u0007\", \"codes\": [\"b\"] },\n"
		 "    { \"id\": \"D1-003\", \"start\": 74, \"end\": 90, \"exact\": \"Siste side, \xc3\xa6\xc3\xb8\xc3\xa5.\",\n"
		 "      \"memo\": \"bla\\u030a\", \"codes\": [\"a1\"] }")},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "control-char not-nfc");
	/* an escaped control character is reported at its line and column */
	assert_where(&f, &f.d.recs[0], "codings/D1.json", NULL,
	             "control character U+0007 not allowed");
	assert_int_equal(f.d.recs[0].line, 8);
	assert_int_equal(f.d.recs[0].col, 18);
	assert_where(&f, &f.d.recs[1], "codings/D1.json", "segment D1-003, field 'memo'",
	             NULL);
	assert_null(seg(&f.s, "D1-002")->memo);
	fx_free(&f);
}

static void test_bad_unicode_escape(void **state)
{
	(void)state;
	/* Regression (found by tests/fuzz/fuzz_json.c): a \u escape with a
	 * digit that is not hex is decoded by cJSON as a NUL, which cut the
	 * string ("Informant 1\u00e x" was quoted as "Informant 1") with no
	 * error: json.c read the escape as U+00E0.  Now it is the NUL it
	 * becomes, and the file is refused. */
	struct fx f;
	static const struct unit_file over[] = {
		EDIT("sources/I1.json", "\"Informant 1\"", "\"Informant 1\\u00e x\""),
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "control-char checks-skipped");
	assert_where(&f, &f.d.recs[0], "sources/I1.json", NULL,
	             "control character U+0000 not allowed");
	assert_int_equal(f.d.recs[0].line, 5);
	assert_int_equal(f.d.recs[0].col, 24);
	assert_int_equal(f.s.nsources, 1); /* only D1 */
	fx_free(&f);
}

static void test_bad_values(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"project.json",
		 "{ \"format\": \"sitat-store/2\", \"title\": \"T\", \"author\": \"A\",\n"
		 "  \"language\": \"nb NO\", \"research_questions\": [\n"
		 "  { \"id\": \"rq1\", \"label\": \"L\", \"question\": \"Q\" },\n"
		 "  { \"id\": \"rq2\", \"label\": \"L\", \"question\": \"Q\" },\n"
		 "  { \"id\": \"Rq3\", \"label\": \"L\", \"question\": \"Q\" } ] }\n"},
		ADD_CODES(",\n"
		 "    { \"id\": \"c\", \"name\": \"C\", \"rq\": [\"rq1\"], \"color\": \"red\" },\n"
		 "    { \"id\": \"D\", \"name\": \"D\", \"rq\": [\"rq1\"] },\n"
		 "    { \"id\": \"e\", \"name\": \"E\", \"rq\": [] }"),
		{"sources/I1.json",
		 "{\n  \"format\": \"sitat-source/1\",\n  \"id\": \"I1\",\n"
		 "  \"kind\": \"podcast\",\n  \"label\": \"x\",\n  \"text\": \"I1.txt\"\n}\n"},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "format bad-value bad-id bad-color bad-id code-unmapped "
	                  "bad-value checks-skipped");
	assert_where(&f, &f.d.recs[0], "project.json", "project",
	             "unknown format 'sitat-store/2' (expected 'sitat-store/1')");
	assert_where(&f, &f.d.recs[1], "project.json", "project",
	             "field 'language' has invalid value 'nb NO' (expected a BCP 47 tag such as nb or en)");
	assert_where(&f, &f.d.recs[2], "project.json", "research question",
	             "invalid research question id 'Rq3' (allowed: [a-z][a-z0-9]*)");
	assert_where(&f, &f.d.recs[3], "codebook.json", "code c",
	             "invalid colour 'red' (expected #rrggbb)");
	assert_where(&f, &f.d.recs[4], "codebook.json", "codes[6]",
	             "invalid code id 'D' (allowed: [a-z0-9][a-z0-9.-]*)");
	assert_where(&f, &f.d.recs[5], "codebook.json", "code e",
	             "code 'e' serves no research question: give it an \"rq\" in codebook.json "
	             "(or map it when importing: sitat import --rq e=rq1)");
	assert_where(&f, &f.d.recs[6], "sources/I1.json", "source I1",
	             "field 'kind' has invalid value 'podcast' (expected interview or document)");
	/* the rejected source's text is not a stray, its codings not checked */
	assert_where(&f, &f.d.recs[7], "codings/I1.json", "codings I1",
	             "its segments not checked (sources/I1.json could not be loaded)");
	fx_free(&f);
}

static void test_ids_and_files(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"sources/I2.json",
		 "{\n  \"format\": \"sitat-source/1\",\n  \"id\": \"I1\",\n"
		 "  \"kind\": \"interview\",\n  \"label\": \"x\",\n  \"text\": \"I1.txt\"\n}\n"},
		{"sources/I3.json",
		 "{\n  \"format\": \"sitat-source/1\",\n  \"id\": \"I3\",\n"
		 "  \"kind\": \"interview\",\n  \"label\": \"x\",\n  \"text\": \"../project.json\"\n}\n"},
		{"sources/I4.json",
		 "{\n  \"format\": \"sitat-source/1\",\n  \"id\": \"I4\",\n"
		 "  \"kind\": \"interview\",\n  \"label\": \"x\",\n  \"text\": \"I4.txt\"\n}\n"},
		{"codings/D1.json", CODINGS("D2", "")},
		{"codings/I1.json", CODINGS("I1", SEG("D1-001", 24, 46, "x", "\"a\"") ",\n"
		                             SEG("I1-01", 24, 46, "x", "\"a\""))},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "file-id-mismatch bad-value missing-text file-id-mismatch "
	                  "segment-id-prefix segment-id-prefix no-codings");
	assert_where(&f, &f.d.recs[0], "sources/I2.json", "source I2",
	             "id 'I1' does not match the file name (expected 'I2')");
	assert_where(&f, &f.d.recs[1], "sources/I3.json", "source I3",
	             "field 'text' has invalid value '../project.json' (expected a file "
	             "name in sources/ (letters, digits, . _ -))");
	assert_where(&f, &f.d.recs[2], "sources/I4.json", "source I4",
	             "text file 'I4.txt' cannot be read: No such file or directory");
	assert_where(&f, &f.d.recs[3], "codings/D1.json", "codings D1",
	             "id 'D2' does not match the file name (expected 'D1')");
	assert_where(&f, &f.d.recs[4], "codings/I1.json", "segments[0]",
	             "segment id 'D1-001' must be 'I1-' followed by 3 or more digits");
	assert_where(&f, &f.d.recs[5], "codings/I1.json", "segments[1]",
	             "segment id 'I1-01' must be 'I1-' followed by 3 or more digits");
	fx_free(&f);
}

static void test_bad_dates(void **state)
{
	(void)state;
	static const char *const good[] = {"2022", "2022-03", "2022-03-14",
		"1999-12-31", "2000-01-01", "2024-02-29", "2000-02-29", "2022-04-30",
		"2022-02", NULL};
	static const char *const bad[] = {"22", "2022-13", "2022-00", "2022-03-32",
		"2022-03-00", "2022/03/14", "2022-3-14", "20220314", "2022-03-1x",
		"2022-", "x022", "2022-03-14T10:00",
		/* not in the calendar */
		"2022-02-29", "1900-02-29", "2022-04-31", "2022-06-31", "2022-02-30",
		NULL};
	for (int pass = 0; pass < 2; pass++) {
		for (const char *const *p = pass ? bad : good; *p; p++) {
			char *json = xasprintf("\"%s\"", *p);
			struct unit_file over[] = {
				EDIT("sources/I1.json", "\"2022-03-14\"", json), {NULL, NULL, NULL}};
			struct fx f;
			fx_load(&f, over);
			if (pass) {
				unit_assert_diags(&f.d, "bad-date");
				char *m = xasprintf("invalid date '%s' (expected YYYY, "
				                    "YYYY-MM or YYYY-MM-DD)", *p);
				assert_where(&f, &f.d.recs[0], "sources/I1.json", "source I1", m);
				free(m);
			} else {
				if (f.d.n)
					print_error("date %s: %s\n", *p, f.d.recs[0].msg);
				unit_assert_diags(&f.d, "");
				assert_string_equal(f.s.sources[1].date, *p);
			}
			fx_free(&f);
			free(json);
		}
	}
}

/* ---- pages and documents ---------------------------------------------------------------- */

/* A document's pages live in its text: a FORM FEED separates one page from
 * the next, and sources/D1.json lists one label per page. */

/* The text of D1 with no form feed (an LF in place of each) */
#define D1_NO_FF EDIT("sources/D1.txt", "med.\fSide", "med.\nSide"), \
	EDIT("sources/D1.txt", "nytt.\fSiste", "nytt.\nSiste")
/* and codings that quote no form feed */
#define D1_CODINGS_NO_FF {"codings/D1.json", CODINGS("D1", \
	SEG("D1-002", 61, 73, "Det er nytt.", "\"b\""))}

/* D1 with these pages (JSON) and the other changes in more (up to 4, or
 * NULL); the diagnostics expected, and where and what the first says. */
static void check_pages(const char *pages, const struct unit_file *more,
                        const char *diags, const char *where, const char *msg)
{
	struct unit_file over[6] = {EDIT("sources/D1.json", D1_PAGES, pages)};
	for (size_t i = 0; more && more[i].path; i++) {
		assert_true(i < 4);
		over[i + 1] = more[i];
	}
	struct fx f;
	fx_load(&f, over);
	unit_assert_diags(&f.d, diags);
	if (where)
		assert_where(&f, &f.d.recs[0], "sources/D1.json", where, msg);
	fx_free(&f);
}

#define MORE(...) ((const struct unit_file[]){__VA_ARGS__, {NULL, NULL, NULL}})
#define L1 "{ \"label\": \"1\" }"
#define PAGE_COUNT(pages, ff, labels) \
	"the text has " pages " (" ff ") but 'pages' lists " labels ": give one " \
	"label per page (a form feed starts the next page)"

static void test_pages_count(void **state)
{
	(void)state;
	const char *w = "source D1";
	check_pages(D1_PAGES, NULL, "", NULL, NULL);
	check_pages("[ " L1 ", " L1 " ]", NULL, "page-count", w,
	            PAGE_COUNT("3 pages", "2 form feeds", "2 labels"));
	check_pages("[ " L1 ", " L1 ", " L1 ", " L1 " ]", NULL, "page-count", w,
	            PAGE_COUNT("3 pages", "2 form feeds", "4 labels"));
	/* the singulars */
	check_pages("[ " L1 " ]", MORE(EDIT("sources/D1.txt", "nytt.\fSiste", "nytt.\nSiste")),
	            "page-count", w, PAGE_COUNT("2 pages", "1 form feed", "1 label"));
	/* the form feeds forgotten: one page, three labels */
	check_pages(D1_PAGES, MORE(D1_NO_FF, D1_CODINGS_NO_FF), "page-count", w,
	            PAGE_COUNT("1 page", "0 form feeds", "3 labels"));
	/* a text of one page needs no form feed */
	check_pages("[ " L1 " ]", MORE(D1_NO_FF, D1_CODINGS_NO_FF), "", NULL, NULL);
	/* a form feed at the very end starts an empty last page */
	check_pages(D1_PAGES, MORE(EDIT("sources/D1.txt", "\xc3\xa5.\n", "\xc3\xa5.\n\f")),
	            "page-count", w, PAGE_COUNT("4 pages", "3 form feeds", "3 labels"));
	check_pages("[ " L1 ", " L1 ", " L1 ", " L1 " ]",
	            MORE(EDIT("sources/D1.txt", "\xc3\xa5.\n", "\xc3\xa5.\n\f")), "", NULL, NULL);
	/* the page table is checked against the text only when both loaded */
	check_pages("[ " L1 " ]", MORE({"sources/D1.txt", ""}), "empty-file", NULL, NULL);
}

static void test_pages_mismatch_cites_no_page(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		EDIT("sources/D1.json", D1_PAGES, "[ " L1 ", " L1 " ]"),
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "page-count");
	assert_int_equal(f.s.sources[0].npages, 0);
	/* the anchors still hold, but no page is cited (never a wrong one) */
	assert_true(seg(&f.s, "D1-003")->anchored);
	assert_int_equal(seg(&f.s, "D1-003")->page_from, NONE);
	assert_int_equal(seg(&f.s, "D1-003")->page_to, NONE);
	fx_free(&f);
}

static void test_pages_line_refused(void **state)
{
	(void)state;
	const char *w0 = "source D1, pages[0]";
	const char *msg = "pages are no longer given by line (a table that drifts when "
		"the text is edited): remove every 'line', put a form feed (U+000C) before "
		"the first character of each page after the first in the text, then run "
		"'sitat reanchor'";
	/* the old form: a line table, no form feeds; one error says how to
	 * migrate (not a page-count error as well) */
	const char *old = "[ { \"label\": \"1\", \"line\": 1 }, { \"label\": \"2\", \"line\": 3 }, "
		"{ \"label\": \"iv\", \"line\": 5 } ]";
	check_pages(old, MORE(D1_NO_FF, D1_CODINGS_NO_FF), "page-line", w0, msg);
	/* half migrated: form feeds in the text, a line left in the table */
	check_pages("[ " L1 ", { \"label\": \"2\", \"line\": 3 }, " L1 " ]", NULL, "page-line",
	            "source D1, pages[1]", msg);
	/* a line of any type */
	check_pages("[ { \"label\": \"1\", \"line\": \"1\" } ]", MORE(D1_NO_FF, D1_CODINGS_NO_FF),
	            "page-line", w0, msg);
	check_pages("[ { \"line\": 1 } ]", MORE(D1_NO_FF, D1_CODINGS_NO_FF),
	            "missing-field page-line", w0, "missing required field 'label'");

	struct fx f;
	static const struct unit_file over[] = {
		EDIT("sources/D1.json", D1_PAGES, "[ { \"label\": \"1\", \"line\": 1 } ]"),
		D1_NO_FF, D1_CODINGS_NO_FF,
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "page-line");
	assert_int_equal(f.s.sources[0].npages, 0);
	assert_int_equal(seg(&f.s, "D1-002")->page_from, NONE);
	fx_free(&f);
}

static void test_pages_types(void **state)
{
	(void)state;
	const char *w = "source D1", *w0 = "source D1, pages[0]";
	check_pages("[ { \"label\": 1 } ]", NULL, "wrong-type", w0,
	            "field 'label' must be a string");
	check_pages("[ 1 ]", NULL, "wrong-type", w0, "field 'pages[]' must be an object");
	check_pages("[]", NULL, "missing-pages", w,
	            "document has no 'pages' (the label of each page, which its text "
	            "separates with form feeds; needed to cite it)");
	check_pages("{}", NULL, "wrong-type missing-pages", w, "field 'pages' must be an array");
}

/* The pdftotext form: each page after the first starts with the form feed,
 * after the previous page's last LF. */
static void test_pages_pdftotext_form(void **state)
{
	(void)state;
	struct fx f;
	/* 0 Kommunen skal samskape.\n 24 Alle skal med.\n 39 \f 40 Side to
	 * begynner her.\n 62 Det er nytt.\n 75 \f 76 Siste side, æøå.\n */
	static const struct unit_file over[] = {
		EDIT("sources/D1.txt", "med.\fSide", "med.\n\fSide"),
		EDIT("sources/D1.txt", "nytt.\fSiste", "nytt.\n\fSiste"),
		{"codings/D1.json", CODINGS("D1",
		 SEG("D1-001", 24, 47, "Alle skal med.\\n\\fSide to", "\"a\"") ",\n"
		 SEG("D1-002", 40, 61, "Side to begynner her.", "\"a\"") ",\n"
		 SEG("D1-003", 62, 75, "Det er nytt.\\n", "\"a\"") ",\n"
		 SEG("D1-004", 62, 76, "Det er nytt.\\n\\f", "\"a\"") ",\n"
		 SEG("D1-005", 76, 92, "Siste side, \xc3\xa6\xc3\xb8\xc3\xa5.", "\"a\""))},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "");
	const struct source *d1 = &f.s.sources[0];
	assert_int_equal(d1->text.nlines, 5);
	assert_int_equal(d1->pages[1].start, 40);
	assert_int_equal(d1->pages[1].line, 3);
	assert_int_equal(d1->pages[2].start, 76);
	assert_int_equal(d1->pages[2].line, 5);
	static const struct {
		const char *id;
		size_t page_from, page_to;
	} t[] = {
		{"D1-001", 0, 1}, /* across the break */
		{"D1-002", 1, 1}, /* the first character of a page */
		{"D1-003", 1, 1}, /* up to the LF before the form feed */
		{"D1-004", 1, 1}, /* the form feed ends its page */
		{"D1-005", 2, 2}, /* after two form feeds, a multi-byte page */
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		const struct segment *g = seg(&f.s, t[i].id);
		assert_true(g->anchored);
		assert_int_equal(g->page_from, t[i].page_from);
		assert_int_equal(g->page_to, t[i].page_to);
	}
	fx_free(&f);
}

/* An edit of the text moves the pages with it: a paragraph inserted on
 * page 1 moves the quotes after it (their anchors moved by hand here) and
 * their pages stay right; a form feed moved moves the page of a quote. */
static void test_pages_follow_edits(void **state)
{
	(void)state;
	struct fx f;
	/* 21 code points inserted on page 1 */
	static const struct unit_file para[] = {
		EDIT("sources/D1.txt", "Kommunen skal samskape.\n",
		     "Kommunen skal samskape.\nEt nytt avsnitt her.\n"),
		{"codings/D1.json", CODINGS("D1",
		 SEG("D1-002", 82, 94, "Det er nytt.", "\"a\"") ",\n"
		 SEG("D1-003", 95, 111, "Siste side, \xc3\xa6\xc3\xb8\xc3\xa5.", "\"a\""))},
		{NULL, NULL},
	};
	fx_load(&f, para);
	unit_assert_diags(&f.d, "");
	assert_int_equal(f.s.sources[0].pages[1].start, 60);
	assert_int_equal(seg(&f.s, "D1-002")->page_from, 1);
	assert_int_equal(seg(&f.s, "D1-003")->page_from, 2);
	fx_free(&f);

	/* the second form feed moved before "Det er nytt." (offsets kept) */
	static const struct unit_file ff[] = {
		EDIT("sources/D1.txt", "her.\nDet er nytt.\fSiste", "her.\fDet er nytt.\nSiste"),
		{NULL, NULL},
	};
	fx_load(&f, ff);
	unit_assert_diags(&f.d, "");
	assert_int_equal(f.s.sources[0].pages[2].start, 61);
	assert_int_equal(seg(&f.s, "D1-004")->page_to, 1);  /* "Side to begynner her." */
	assert_int_equal(seg(&f.s, "D1-002")->page_from, 2); /* was on page 2, now iv */
	assert_int_equal(seg(&f.s, "D1-003")->page_from, 2);
	fx_free(&f);
}

/* FORM FEED is a page break in a document's text only: in a transcript (or
 * any other text file) it is a control character. */
static void test_formfeed_interview(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		EDIT("sources/I1.txt", "INT: Og s", "\fINT: Og s"),
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "control-char");
	char *p = fx_path(&f, "sources/I1.txt");
	assert_string_equal(f.d.recs[0].file, p);
	free(p);
	assert_string_equal(f.d.recs[0].msg, "control character U+000C not allowed");
	assert_int_equal(f.d.recs[0].line, 3);
	assert_int_equal(f.d.recs[0].col, 1);
	assert_false(f.s.sources[1].text_ok);
	fx_free(&f);

	/* a raw form feed in a JSON file is one too; an escaped one in a
	 * string is allowed (a quote across a page break) */
	static const struct unit_file raw[] = {
		EDIT("codebook.json", "\"Toppen\"", "\"Top\fpen\""),
		{NULL, NULL},
	};
	fx_load(&f, raw);
	unit_assert_diags(&f.d, "control-char checks-skipped");
	fx_free(&f);
	static const struct unit_file esc[] = {
		EDIT("codebook.json", "\"Toppen\"", "\"Top\\fpen\""),
		{NULL, NULL},
	};
	fx_load(&f, esc);
	unit_assert_diags(&f.d, "");
	assert_string_equal(f.s.codes[2].description, "Top\fpen");
	fx_free(&f);
}

static void test_document_bib_pages(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file none[] = {
		EDIT("sources/D1.json", D1_BIB_LINE, ""),
		EDIT("sources/D1.json", "  \"pages\": " D1_PAGES ",\n", ""),
		{NULL, NULL},
	};
	fx_load(&f, none);
	unit_assert_diags(&f.d, "missing-bib missing-pages");
	assert_where(&f, &f.d.recs[0], "sources/D1.json", "source D1",
	             "document needs 'bibkey' or 'bib' (and not both)");
	assert_where(&f, &f.d.recs[1], "sources/D1.json", "source D1",
	             "document has no 'pages' (the label of each page, which its text "
	             "separates with form feeds; needed to cite it)");
	/* without pages, the document's segments have no page */
	assert_int_equal(seg(&f.s, "D1-001")->page_from, NONE);
	fx_free(&f);

	static const struct unit_file both[] = {
		EDIT("sources/D1.json", D1_BIB_LINE, "  \"bibkey\": \"doe2020\",\n" D1_BIB_LINE),
		{NULL, NULL},
	};
	fx_load(&f, both);
	unit_assert_diags(&f.d, "missing-bib");
	fx_free(&f);

	static const struct unit_file key[] = {
		EDIT("sources/D1.json", D1_BIB_LINE, "  \"bibkey\": \"doe_2020:a\",\n"),
		{NULL, NULL},
	};
	fx_load(&f, key);
	unit_assert_diags(&f.d, "");
	assert_string_equal(f.s.sources[0].bibkey, "doe_2020:a");
	assert_null(f.s.sources[0].bibtype);
	fx_free(&f);

	static const struct unit_file badkey[] = {
		EDIT("sources/D1.json", D1_BIB_LINE, "  \"bibkey\": \"doe 2020\",\n"),
		{NULL, NULL},
	};
	fx_load(&f, badkey);
	unit_assert_diags(&f.d, "bad-value");
	assert_where(&f, &f.d.recs[0], "sources/D1.json", "source D1",
	             "field 'bibkey' has invalid value 'doe 2020' (expected a biblatex "
	             "key (letters, digits, _ - : .))");
	fx_free(&f);

	static const struct unit_file badtype[] = {
		EDIT("sources/D1.json", D1_BIB,
		     "{ \"type\": \"thesis\", \"title\": \"T\", \"isbn\": \"1\" }"),
		{NULL, NULL},
	};
	fx_load(&f, badtype);
	unit_assert_diags(&f.d, "unknown-key bad-value");
	assert_where(&f, &f.d.recs[0], "sources/D1.json", "source D1, bib",
	             "unknown key 'isbn' (ignored)");
	assert_where(&f, &f.d.recs[1], "sources/D1.json", "source D1, bib",
	             "field 'type' has invalid value 'thesis' (expected report, misc, "
	             "book, article or online)");
	assert_string_equal(f.s.sources[0].bibtype, "misc");
	fx_free(&f);
}

/* ---- warnings ---------------------------------------------------------------------------- */

static void test_unknown_keys(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"project.json",
		 "{ \"format\": \"sitat-store/1\", \"title\": \"T\", \"author\": \"A\",\n"
		 "  \"language\": \"nb\", \"extra\": 1, \"research_questions\": [\n"
		 "  { \"id\": \"rq1\", \"label\": \"L\", \"question\": \"Q\", \"note\": \"n\" },\n"
		 "  { \"id\": \"rq2\", \"label\": \"L\", \"question\": \"Q\" } ] }\n"},
		I1_ADD("  \"pages\": [ { \"label\": \"1\" } ],\n"),
		{"codings/D1.json", CODINGS("D1",
		 "    { \"id\": \"D1-001\", \"start\": 24, \"end\": 46, \"exact\": \"Alle skal med.\\fSide to\",\n"
		 "      \"codes\": [\"a\"], \"kommentar\": \"x\" }")},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "unknown-key unknown-key unknown-key unknown-key");
	assert_int_equal(f.d.errors, 0);
	assert_int_equal(f.d.warnings, 4);
	assert_where(&f, &f.d.recs[0], "project.json", "project",
	             "unknown key 'extra' (ignored)");
	assert_where(&f, &f.d.recs[1], "project.json", "research_questions[0]",
	             "unknown key 'note' (ignored)");
	assert_where(&f, &f.d.recs[2], "sources/I1.json", "source I1",
	             "unknown key 'pages (interviews are cited by line)' (ignored)");
	assert_where(&f, &f.d.recs[3], "codings/D1.json", "segment D1-001",
	             "unknown key 'kommentar' (ignored)");
	fx_free(&f);
}

static void test_other_warnings(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"codings/I1.json", CODINGS("I1",
		 SEG("I1-003", 65, 72, "f\xc3\xb8rst.\\n", "\"a2\"") ",\n"
		 SEG("I1-001", 31, 71, "Vi m\xc3\xa5tte liksom l\xc3\xa6re oss \xc3\xa5 sp\xc3\xb8rre f\xc3\xb8rst.",
		     "\"a1\""))},
		{"codings/D1.json", NULL},
		{"sources/notater.md", "stray\n"},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "stray-file segment-order no-codings");
	assert_int_equal(f.d.errors, 0);
	assert_where(&f, &f.d.recs[0], "sources/notater.md", NULL,
	             "file is not referenced by any source or coding");
	assert_where(&f, &f.d.recs[1], "codings/I1.json", "segment I1-001",
	             "segment is not sorted by start position");
	assert_where(&f, &f.d.recs[2], "sources/D1.json", "source",
	             "source 'D1' has no codings file");
	fx_free(&f);
}

static void test_source_text_problems(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		I1_TXT_BEFORE("INT: Hei.\r\n"),
		{"sources/D1.txt", ""},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "empty-file crlf");
	char *p = fx_path(&f, "sources/I1.txt");
	assert_string_equal(f.d.recs[1].file, p);
	free(p);
	assert_int_equal(f.d.recs[1].line, 1);
	assert_int_equal(f.d.recs[1].col, 10);
	/* no anchor checks on a text that did not load */
	assert_false(f.s.sources[1].text_ok);
	assert_false(seg(&f.s, "I1-001")->anchored);
	fx_free(&f);
}

static void test_attributes(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"sources/I1.json", "{\n  \"format\": \"sitat-source/1\",\n  \"id\": \"I1\",\n"
		 "  \"kind\": \"interview\",\n  \"label\": \"Informant 1\",\n"
		 "  \"attributes\": { \"role\": \"leder\", \"alder\": 42, \"role\": \"annen\",\n"
		 "    \"x\": \"bl\\u0007\", \"sektor\": \"Helse\" },\n"
		 "  \"text\": \"I1.txt\"\n}\n"},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "control-char wrong-type duplicate-key");
	/* an escaped control character is reported at its line and column */
	assert_where(&f, &f.d.recs[0], "sources/I1.json", NULL,
	             "control character U+0007 not allowed");
	assert_int_equal(f.d.recs[0].line, 7);
	assert_where(&f, &f.d.recs[1], "sources/I1.json", "source I1, attributes",
	             "field 'alder' must be a string");
	assert_where(&f, &f.d.recs[2], "sources/I1.json", "source I1, attributes",
	             "duplicate key 'role'");
	/* the first value of a key is kept; bad values are left out */
	const struct source *i1 = &f.s.sources[1];
	assert_int_equal(i1->nattrs, 2);
	assert_string_equal(i1->attrs[0].key, "role");
	assert_string_equal(i1->attrs[0].val, "leder");
	assert_string_equal(i1->attrs[1].key, "sektor");
	assert_string_equal(i1->role, "leder");
	fx_free(&f);
}

static void test_repeated_code(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"codings/D1.json", CODINGS("D1",
		 SEG("D1-001", 24, 46, "Alle skal med.\\fSide to", "\"a\", \"b\", \"a\", \"b\""))},
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "");
	const struct segment *g = seg(&f.s, "D1-001");
	assert_int_equal(g->ncodes, 2); /* each code once */
	assert_int_equal(g->codes[0], 2);
	assert_int_equal(g->codes[1], 1);
	fx_free(&f);
}

static void test_source_text_tab(void **state)
{
	(void)state;
	/* Regression: evidence/README.md ("Text rules (every file)") allows
	 * TAB in every text file; sources/ID.txt used to be read with TAB
	 * reported as a control character. */
	struct fx f;
	static const struct unit_file over[] = {
		I1_TXT_AFTER("INF:\tJa.\n"),
		{NULL, NULL},
	};
	fx_load(&f, over);
	unit_assert_diags(&f.d, "");
	assert_true(f.s.sources[1].text_ok);
	assert_true(seg(&f.s, "I1-002")->anchored);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_counts),
		cmocka_unit_test(test_valid_sources),
		cmocka_unit_test(test_valid_code_tree),
		cmocka_unit_test(test_valid_locators),
		cmocka_unit_test(test_never_writes),
		cmocka_unit_test(test_not_a_store),
		cmocka_unit_test(test_duplicate_ids),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_unknown_refs),
		cmocka_unit_test(test_cycle),
		cmocka_unit_test(test_anchor_moved),
		cmocka_unit_test(test_anchor_ambiguous_and_gone),
		cmocka_unit_test(test_anchor_range),
		cmocka_unit_test(test_anchor_at_text_end),
		cmocka_unit_test(test_context_changed),
		cmocka_unit_test(test_context_by_code_points),
		cmocka_unit_test(test_context_at_edges),
		cmocka_unit_test(test_json_syntax),
		cmocka_unit_test(test_json_syntax_positions),
		cmocka_unit_test(test_json_syntax_key_position),
		cmocka_unit_test(test_empty_and_bad_text_json),
		cmocka_unit_test(test_missing_fields),
		cmocka_unit_test(test_missing_project_fields),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_bad_strings),
		cmocka_unit_test(test_bad_unicode_escape),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_ids_and_files),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_pages_count),
		cmocka_unit_test(test_pages_mismatch_cites_no_page),
		cmocka_unit_test(test_pages_line_refused),
		cmocka_unit_test(test_pages_types),
		cmocka_unit_test(test_pages_pdftotext_form),
		cmocka_unit_test(test_pages_follow_edits),
		cmocka_unit_test(test_formfeed_interview),
		cmocka_unit_test(test_document_bib_pages),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_other_warnings),
		cmocka_unit_test(test_source_text_problems),
		cmocka_unit_test(test_attributes),
		cmocka_unit_test(test_repeated_code),
		cmocka_unit_test(test_source_text_tab),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
