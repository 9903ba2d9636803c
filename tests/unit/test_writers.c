/* test_writers.c - the generators' writers on a small store, compared with
 * the exact expected LaTeX / biblatex, and write_if_changed. */
#include "unit.h"
#include "core/infile.h"
#include "core/outfile.h"

#include <fcntl.h>
#include <time.h>

#include "cmd/cmd.h"
#include "core/store.h"

/* Defined in cmd_quotes.c, cmd_tables.c and cmd_bib.c, without a header. */
void quotes_write(struct buf *b, const struct store *s);
void tables_write(struct buf *b, const struct store *s);
void bib_write(struct buf *b, const struct store *s);

/* ---- the fixture --------------------------------------------------------------
 * Sources in store order D1 D2 D3 I1 I2; codebook order annet, dypt (parent
 * tillit), ledelse, tillit (parent ledelse); tree order annet, ledelse,
 * tillit, dypt.  rq1: annet, dypt, ledelse; rq2: ledelse, tillit. */
#define PROJECT(lang)                                                   \
	"{\n  \"format\": \"sitat-store/1\",\n  \"title\": \"T\",\n"        \
	"  \"author\": \"A\",\n  \"language\": \"" lang "\",\n"             \
	"  \"research_questions\": [\n"                                     \
	"    { \"id\": \"rq1\", \"label\": \"Strategi & m\xc3\xa5l\", \"question\": \"Hva er 100%?\" },\n" \
	"    { \"id\": \"rq2\", \"label\": \"Ledelse\", \"question\": \"Hvem leder?\" }\n" \
	"  ]\n}\n"

#define CODEBOOK                                                        \
	"{\n  \"format\": \"sitat-codebook/1\",\n  \"codes\": [\n"          \
	"    { \"id\": \"annet\", \"name\": \"Annet\", \"rq\": [\"rq1\"] },\n" \
	"    { \"id\": \"dypt\", \"name\": \"Dypt\", \"parent\": \"tillit\", \"rq\": [\"rq1\"] },\n" \
	"    { \"id\": \"ledelse\", \"name\": \"Ledelse\", \"rq\": [\"rq1\", \"rq2\"] },\n" \
	"    { \"id\": \"tillit\", \"name\": \"Tillit & tro\", \"parent\": \"ledelse\", \"rq\": [\"rq2\"] }\n" \
	"  ]\n}\n"

#define SOURCE(id, kind, label, rest)                                   \
	"{\n  \"format\": \"sitat-source/1\",\n  \"id\": \"" id "\",\n"     \
	"  \"kind\": \"" kind "\",\n  \"label\": \"" label "\",\n" rest     \
	"  \"text\": \"" id ".txt\"\n}\n"

#define D1_BIB(url)                                                     \
	"  \"bib\": { \"type\": \"report\", \"author\": \"Lillehammer kommune\",\n" \
	"    \"title\": \"Balanse 24: Styringsdokument\", \"year\": \"2020\",\n" \
	"    \"url\": \"" url "\" },\n"
#define D1_REST(url)                                                    \
	"  \"attributes\": { \"role\": \"redakt\xc3\xb8r\" },\n"            \
	"  \"date\": \"2020-10\",\n" D1_BIB(url)                            \
	"  \"pages\": [ { \"label\": \"1\", \"line\": 1 }, { \"label\": \"2\", \"line\": 3 },\n" \
	"    { \"label\": \"iv\", \"line\": 4 } ],\n"
#define D1_META(url) SOURCE("D1", "document", "Styringsdokument {v2} 100%", D1_REST(url))

#define CODINGS(src, segs)                                              \
	"{\n  \"format\": \"sitat-codings/1\",\n  \"source\": \"" src "\",\n" \
	"  \"unit\": \"codepoint-nfc\",\n  \"segments\": [\n" segs "\n  ]\n}\n"
#define SEG(id, start, end, exact, codes)                               \
	"    { \"id\": \"" id "\", \"start\": " #start ", \"end\": " #end   \
	", \"exact\": \"" exact "\", \"codes\": [" codes "] }"

#define I2_CODINGS(codes) CODINGS("I2", SEG("I2-001", 5, 19, "Tillit er alt.", codes))

static const struct unit_file base[] = {
	{"project.json", PROJECT("nb")},
	{"codebook.json", CODEBOOK},
	{"sources/D1.json", D1_META("https://example.org/a_b?x=1&y=2")},
	{"sources/D1.txt", "Side en.\nKommunen skal samskape\nmed alle.\nSide tre.\n"},
	{"sources/D2.json", SOURCE("D2", "document", "Doe-rapporten",
	                           "  \"bibkey\": \"doe2020\",\n"
	                           "  \"pages\": [ { \"label\": \"i\", \"line\": 1 },"
	                           " { \"label\": \"ii\", \"line\": 2 } ],\n")},
	{"sources/D2.txt", "Forord.\nTillit bygges over tid.\n"},
	{"sources/D3.json", SOURCE("D3", "document", "Bok om {ting}",
	                           "  \"date\": \"2019\",\n"
	                           "  \"bib\": { \"type\": \"book\", \"author\": \"Hansen, Kari and Berg, Ola\",\n"
	                           "    \"editor\": \"Norsk Forlag\", \"publisher\": \"Forlaget & Co\" },\n"
	                           "  \"pages\": [ { \"label\": \"1\", \"line\": 1 } ],\n")},
	{"sources/D3.txt", "Innhold.\n"},
	{"sources/I1.json", SOURCE("I1", "interview", "Informant_1 & co",
	                           "  \"attributes\": { \"role\": \"leder\", \"sektor\": \"Helse\" },\n"
	                           "  \"date\": \"2022-02-08\",\n")},
	{"sources/I1.txt",
	 "INT: Hvordan begynte det?\n"
	 "INF: Vi m\xc3\xa5tte l\xc3\xa6re oss \xc3\xa5 sp\xc3\xb8rre f\xc3\xb8rst.\n"
	 "INT: Og s\xc3\xa5?\n"
	 "INF: S\xc3\xa5 ble det \xc2\xab" "bedre\xc2\xbb -- tror jeg.\n"
	 "INF: Det koster 100% & litt til.\n"},
	{"sources/I2.json", SOURCE("I2", "interview", "Informant 2", "")},
	{"sources/I2.txt", "INF: Tillit er alt.\n"},
	{"codings/D1.json", CODINGS("D1", SEG("D1-001", 9, 41,
	                            "Kommunen skal samskape\\nmed alle.", "\"ledelse\""))},
	{"codings/D2.json", CODINGS("D2", SEG("D2-001", 8, 31,
	                            "Tillit bygges over tid.", "\"tillit\""))},
	{"codings/D3.json", CODINGS("D3", "")},
	{"codings/I1.json", CODINGS("I1",
	 SEG("I1-001", 31, 64, "Vi m\xc3\xa5tte l\xc3\xa6re oss \xc3\xa5 sp\xc3\xb8rre f\xc3\xb8rst.",
	     "\"ledelse\", \"tillit\"") ",\n"
	 SEG("I1-002", 70, 113, "Og s\xc3\xa5?\\nINF: S\xc3\xa5 ble det \xc2\xab" "bedre\xc2\xbb -- tror jeg.",
	     "\"ledelse\", \"dypt\"") ",\n"
	 SEG("I1-003", 119, 146, "Det koster 100% & litt til.", "\"ledelse\", \"dypt\""))},
	{"codings/I2.json", I2_CODINGS("\"tillit\"")},
	{NULL, NULL},
};

struct fx {
	char *dir;
	struct store s;
};

static void fx_load(struct fx *f, const struct unit_file *over)
{
	f->dir = unit_store(base, over);
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(store_load(&f->s, f->dir, &d), 0);
	for (size_t i = 0; i < d.n; i++) {
		char *m = diag_format(&d.recs[i]);
		print_error("unexpected: %s\n", m);
		free(m);
	}
	assert_int_equal(d.n, 0);
	diag_free(&d);
}

static void fx_free(struct fx *f)
{
	store_free(&f->s);
	unit_rmtree(f->dir);
	free(f->dir);
}

typedef void writer(struct buf *, const struct store *);

static char *run(writer *w, const struct store *s)
{
	struct buf b;
	buf_init(&b);
	w(&b, s);
	assert_int_equal(strlen(b.data), b.len);
	return buf_detach(&b, NULL);
}

/* ---- quotes -------------------------------------------------------------------- */

static void test_quotes(void **state)
{
	(void)state;
	struct fx f;
	fx_load(&f, NULL);
	char *got = run(quotes_write, &f.s);
	assert_string_equal(got,
	    "% Generated by sitat " SITAT_VERSION " (sitat quotes) from the evidence store. Do not edit.\n"
	    "\\sitatstoreinfo{6}{5}\n"
	    /* documents: page labels, no role (D1 has attributes.role) */
	    "\\sitatdefquote{D1-001}{sitat-D1}{pages}{1}{2}"
	    "{Styringsdokument \\{v2\\} 100\\%}{}{Kommunen skal samskape med alle.}\n"
	    "\\sitatdefquote{D2-001}{doe2020}{pages}{ii}{ii}{Doe-rapporten}{}"
	    "{Tillit bygges over tid.}\n"
	    /* interviews: lines, and the role */
	    "\\sitatdefquote{I1-001}{sitat-I1}{lines}{2}{2}{Informant\\_1 \\& co}{leder}"
	    "{Vi m\xc3\xa5tte l\xc3\xa6re oss \xc3\xa5 sp\xc3\xb8rre f\xc3\xb8rst.}\n"
	    "\\sitatdefquote{I1-002}{sitat-I1}{lines}{3}{4}{Informant\\_1 \\& co}{leder}"
	    "{Og s\xc3\xa5? INF: S\xc3\xa5 ble det \xc2\xab" "bedre\xc2\xbb -{}- tror jeg.}\n"
	    "\\sitatdefquote{I1-003}{sitat-I1}{lines}{5}{5}{Informant\\_1 \\& co}{leder}"
	    "{Det koster 100\\% \\& litt til.}\n"
	    "\\sitatdefquote{I2-001}{sitat-I2}{lines}{1}{1}{Informant 2}{}{Tillit er alt.}\n");
	free(got);
	fx_free(&f);
}

static void test_quotes_bibkey_verbatim(void **state)
{
	(void)state;
	/* Regression: a bibkey may have '_' (the store accepts it), and the
	 * key handed to \cite must be the key in bib/, not doe\_2020. */
	struct fx f;
	static const struct unit_file over[] = {
		{"sources/D2.json", SOURCE("D2", "document", "Doe-rapporten",
		                           "  \"bibkey\": \"doe_2020:x.y-z\",\n"
		                           "  \"pages\": [ { \"label\": \"i\", \"line\": 1 },"
		                           " { \"label\": \"ii\", \"line\": 2 } ],\n")},
		{NULL, NULL},
	};
	fx_load(&f, over);
	char *got = run(quotes_write, &f.s);
	assert_non_null(strstr(got, "\n\\sitatdefquote{D2-001}{doe_2020:x.y-z}{pages}{ii}{ii}"
	                             "{Doe-rapporten}{}{Tillit bygges over tid.}\n"));
	free(got);
	/* and it gets no entry of sitat's own */
	got = run(bib_write, &f.s);
	assert_null(strstr(got, "D2"));
	assert_null(strstr(got, "doe"));
	free(got);
	fx_free(&f);
}

static void test_quotes_empty_store(void **state)
{
	(void)state;
	struct store s;
	memset(&s, 0, sizeof s);
	char *got = run(quotes_write, &s);
	assert_string_equal(got,
	    "% Generated by sitat " SITAT_VERSION " (sitat quotes) from the evidence store. Do not edit.\n"
	    "\\sitatstoreinfo{0}{0}\n");
	free(got);
}

/* ---- tables and matrix ------------------------------------------------------------- */

/* counts include the sub-codes (tillit, dypt): 6 segments, 2 informants,
 * 4 sources; the links are the segments coded with ledelse itself */
#define LEDELSE_ROW(depth)                                              \
	"\\sitatrow{" depth "}{ledelse}{Ledelse}{6}{2}{4}{\\sitatlink{D1-001}\\sitatsep" \
	"\\sitatlink{I1-001}\\sitatsep\\sitatlink{I1-002}\\sitatsep\\sitatlink{I1-003}}%\n"

static const char expected_tables[] =
	"% Generated by sitat " SITAT_VERSION " (sitat tables) from the evidence store. Do not edit.\n"
	"\\sitatdeftable{rq1}{Strategi \\& m\xc3\xa5l}{Hva er 100\\%?}{%\n"
	"\\sitatrow{0}{annet}{Annet}{0}{0}{0}{}%\n"
	LEDELSE_ROW("0")
	/* dypt's parent tillit is not in rq1, its grandparent is: depth 1 */
	"\\sitatrow{1}{dypt}{Dypt}{2}{1}{1}{\\sitatlink{I1-002}\\sitatsep\\sitatlink{I1-003}}%\n"
	"}\n"
	"\\sitatdeftable{rq2}{Ledelse}{Hvem leder?}{%\n"
	LEDELSE_ROW("0")
	/* tillit with its sub-code dypt: 5 segments */
	"\\sitatrow{1}{tillit}{Tillit \\& tro}{5}{2}{3}{\\sitatlink{D2-001}\\sitatsep"
	"\\sitatlink{I1-001}\\sitatsep\\sitatlink{I2-001}}%\n"
	"}\n"
	/* interviews first, then documents; percentages of the largest cell */
	"\\sitatdefmatrix{5}{\\sitatmhead{I1}\\sitatmhead{I2}\\sitatmhead{D1}"
	"\\sitatmhead{D2}\\sitatmhead{D3}}{%\n"
	"\\sitatmrow{0}{Annet}{\\sitatmcell{0}{0}\\sitatmcell{0}{0}\\sitatmcell{0}{0}"
	"\\sitatmcell{0}{0}\\sitatmcell{0}{0}}%\n"
	"\\sitatmrow{0}{Ledelse}{\\sitatmcell{3}{100}\\sitatmcell{0}{0}\\sitatmcell{1}{33}"
	"\\sitatmcell{0}{0}\\sitatmcell{0}{0}}%\n"
	"\\sitatmrow{1}{Tillit \\& tro}{\\sitatmcell{1}{33}\\sitatmcell{1}{33}\\sitatmcell{0}{0}"
	"\\sitatmcell{1}{33}\\sitatmcell{0}{0}}%\n"
	"\\sitatmrow{2}{Dypt}{\\sitatmcell{2}{67}\\sitatmcell{0}{0}\\sitatmcell{0}{0}"
	"\\sitatmcell{0}{0}\\sitatmcell{0}{0}}%\n"
	"}\n";

static void test_tables(void **state)
{
	(void)state;
	struct fx f;
	fx_load(&f, NULL);
	char *got = run(tables_write, &f.s);
	assert_string_equal(got, expected_tables);
	free(got);
	fx_free(&f);
}

static void test_tables_empty_store(void **state)
{
	(void)state;
	struct store s;
	memset(&s, 0, sizeof s);
	char *got = run(tables_write, &s);
	assert_string_equal(got,
	    "% Generated by sitat " SITAT_VERSION " (sitat tables) from the evidence store. Do not edit.\n"
	    "\\sitatdefmatrix{0}{}{%\n}\n");
	free(got);
}

static void test_matrix_repeated_code(void **state)
{
	(void)state;
	/* Regression: a code repeated in a segment's "codes" counts once, in
	 * the tables and in the matrix (the matrix used to count it twice:
	 * \sitatmcell{2}{67} for one segment). */
	struct fx f;
	static const struct unit_file over[] = {
		{"codings/I2.json", I2_CODINGS("\"tillit\", \"tillit\"")},
		{NULL, NULL},
	};
	fx_load(&f, over);
	char *got = run(tables_write, &f.s);
	assert_string_equal(got, expected_tables);
	free(got);
	fx_free(&f);
}

/* ---- bib -------------------------------------------------------------------------------- */

#define INTERVIEW_NB(id, author, title, date)                           \
	"\n@misc{sitat-" id ",\n"                                           \
	"  author = {" author "},\n"                                        \
	"  title = {" title "},\n" date                                     \
	"  type = {Forskningsintervju},\n"                                  \
	"  note = {Transkripsjon i datamaterialet, sitert etter linje},\n"  \
	"  keywords = {sitat,interview},\n"                                 \
	"}\n"

/* D1: corporate author braced twice, fields in the order of the store,
 * the URL verbatim; D2 has a bibkey, so its entry is in bib/, not here;
 * D3: personal names as they are, title and date from the source, braces
 * as \textbraceleft{} / \textbraceright{} (biber would count \{ \}). */
#define EXPECTED_BIB_DOCS \
	"% Generated by sitat " SITAT_VERSION " (sitat bib) from the evidence store. Do not edit.\n" \
	"\n@report{sitat-D1,\n" \
	"  author = {{Lillehammer kommune}},\n" \
	"  title = {Balanse 24: Styringsdokument},\n" \
	"  year = {2020},\n" \
	"  url = {https://example.org/a_b?x=1&y=2},\n" \
	"  keywords = {sitat,document},\n" \
	"}\n" \
	"\n@book{sitat-D3,\n" \
	"  author = {Hansen, Kari and Berg, Ola},\n" \
	"  editor = {{Norsk Forlag}},\n" \
	"  publisher = {Forlaget \\& Co},\n" \
	"  title = {Bok om \\textbraceleft{}ting\\textbraceright{}},\n" \
	"  date = {2019},\n" \
	"  keywords = {sitat,document},\n" \
	"}\n"

static void test_bib(void **state)
{
	(void)state;
	struct fx f;
	fx_load(&f, NULL);
	char *got = run(bib_write, &f.s);
	assert_string_equal(got,
	    EXPECTED_BIB_DOCS
	    INTERVIEW_NB("I1", "{Informant\\_1 \\& co}", "Intervju (leder)",
	                 "  date = {2022-02-08},\n")
	    INTERVIEW_NB("I2", "{Informant 2}", "Intervju", ""));
	free(got);
	fx_free(&f);
}

static void test_bib_english(void **state)
{
	(void)state;
	struct fx f;
	static const struct unit_file over[] = {
		{"project.json", PROJECT("en")},
		{"sources/I2.json", SOURCE("I2", "interview", "Smith, J.",
		                           "  \"attributes\": { \"role\": \"rektor & l\xc3\xa6rer\" },\n")},
		{NULL, NULL},
	};
	fx_load(&f, over);
	char *got = run(bib_write, &f.s);
	const char *i2 = strstr(got, "\n@misc{sitat-I2,\n");
	assert_non_null(i2);
	/* a label with a comma is taken for a personal name */
	assert_string_equal(i2,
	    "\n@misc{sitat-I2,\n"
	    "  author = {Smith, J.},\n"
	    "  title = {Interview (rektor \\& l\xc3\xa6rer)},\n"
	    "  type = {Research interview},\n"
	    "  note = {Transcript in the evidence store, cited by line},\n"
	    "  keywords = {sitat,interview},\n"
	    "}\n");
	free(got);
	fx_free(&f);
}

static void test_bib_norwegian_variants(void **state)
{
	(void)state;
	static const char *const langs[] = {"nn", "no", "nb-NO", NULL};
	for (const char *const *l = langs; *l; l++) {
		char *project = xasprintf(
		    "{\n  \"format\": \"sitat-store/1\",\n  \"title\": \"T\",\n"
		    "  \"author\": \"A\",\n  \"language\": \"%s\",\n"
		    "  \"research_questions\": [\n"
		    "    { \"id\": \"rq1\", \"label\": \"L\", \"question\": \"Q\" },\n"
		    "    { \"id\": \"rq2\", \"label\": \"L\", \"question\": \"Q\" }\n"
		    "  ]\n}\n", *l);
		struct unit_file over[] = {{"project.json", project}, {NULL, NULL}};
		struct fx f;
		fx_load(&f, over);
		char *got = run(bib_write, &f.s);
		assert_non_null(strstr(got, "  title = {Intervju (leder)},\n"));
		assert_null(strstr(got, "Interview"));
		free(got);
		fx_free(&f);
		free(project);
	}
}

static char *bib_for_url(const char *url)
{
	char *meta = xasprintf(
	    "{\n  \"format\": \"sitat-source/1\",\n  \"id\": \"D1\",\n"
	    "  \"kind\": \"document\",\n  \"label\": \"L\",\n"
	    "  \"bib\": { \"type\": \"online\", \"url\": \"%s\" },\n"
	    "  \"pages\": [ { \"label\": \"1\", \"line\": 1 } ],\n"
	    "  \"text\": \"D1.txt\"\n}\n", url);
	struct unit_file over[] = {{"sources/D1.json", meta}, {NULL, NULL}};
	struct fx f;
	fx_load(&f, over);
	char *got = run(bib_write, &f.s);
	fx_free(&f);
	free(meta);
	/* just the entry of D1 */
	const char *e = strstr(got, "\n@online{sitat-D1,\n");
	assert_non_null(e);
	const char *end = strstr(e, "\n}\n");
	assert_non_null(end);
	char *entry = xstrndup(e, (size_t)(end + 3 - e));
	free(got);
	return entry;
}

static void test_bib_url_kept(void **state)
{
	(void)state;
	/* printable ASCII without braces or backslash: verbatim (biber keeps
	 * a URL as it is) */
	static const char *const urls[] = {
		"https://example.org/",
		"http://x.no/a-b_c~d?e=f&g=h;i",
		"https://example.org/100%25",
		"https://example.org/a%b#frag",
		"http://x/$^|<>'\\\"`[]",
		NULL,
	};
	for (const char *const *u = urls; *u; u++) {
		char *got = bib_for_url(*u);
		/* the JSON escape \" above is one " in the URL */
		char *plain = xstrdup(*u);
		char *q = strstr(plain, "\\\"");
		if (q)
			memmove(q, q + 1, strlen(q));
		char *want = xasprintf("\n@online{sitat-D1,\n  url = {%s},\n  title = {L},\n"
		                       "  keywords = {sitat,document},\n}\n", plain);
		assert_string_equal(got, want);
		free(want), free(plain), free(got);
	}
}

static void test_bib_url_encoded(void **state)
{
	(void)state;
	/* anything else is percent-encoded, never dropped, and the entry
	 * stays well formed (regression: such a URL used to become
	 * "url = {}" without the ",\n" after it) */
	static const char *const urls[][2] = {
		{"https://example.org/a b", "https://example.org/a%20b"},
		{"http://x/{y}", "http://x/%7By%7D"},
		{"http://x/}", "http://x/%7D"},
		{"http://x/\\\\input", "http://x/%5Cinput"},
		{"https://bl\xc3\xa5.no/", "https://bl%C3%A5.no/"},
		{"http://x/\\t", "http://x/%09"}, /* the JSON escape: a TAB */
	};
	for (size_t k = 0; k < sizeof urls / sizeof urls[0]; k++) {
		char *got = bib_for_url(urls[k][0]);
		char *want = xasprintf("\n@online{sitat-D1,\n  url = {%s},\n  title = {L},\n"
		                       "  keywords = {sitat,document},\n}\n", urls[k][1]);
		assert_string_equal(got, want);
		free(got);
		free(want);
	}
}

/* ---- write_if_changed -------------------------------------------------------------------- */

static struct timespec mtime_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mtim;
}

static void set_old_mtime(const char *path)
{
	struct timespec ts[2] = {{1000000000, 0}, {1000000000, 0}};
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

static void assert_file(const char *path, const char *data, size_t len)
{
	char *got;
	size_t n;
	assert_int_equal(read_file(path, &got, &n), 0);
	assert_int_equal(n, len);
	assert_memory_equal(got, data, len);
	free(got);
}

static void test_write_if_changed(void **state)
{
	(void)state;
	char *dir = unit_tmpdir();
	char *path = path_join(dir, "quotes.tex");
	char *ls;

	/* a new file */
	assert_int_equal(write_if_changed(path, "abc\n", 4), 1);
	assert_file(path, "abc\n", 4);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	ls = unit_ls(dir);
	assert_string_equal(ls, "quotes.tex\n");
	free(ls);

	/* the same content: not written, mtime untouched */
	set_old_mtime(path);
	assert_int_equal(write_if_changed(path, "abc\n", 4), 0);
	struct timespec t = mtime_of(path);
	assert_int_equal(t.tv_sec, 1000000000);
	assert_int_equal(t.tv_nsec, 0);
	ls = unit_ls(dir);
	assert_string_equal(ls, "quotes.tex\n");
	free(ls);

	/* a change, a prefix of the old content, a longer one: written */
	assert_int_equal(write_if_changed(path, "abd\n", 4), 1);
	assert_file(path, "abd\n", 4);
	assert_int_not_equal(mtime_of(path).tv_sec, 1000000000);
	assert_int_equal(write_if_changed(path, "ab", 2), 1);
	assert_file(path, "ab", 2);
	assert_int_equal(write_if_changed(path, "ab\0cd", 5), 1);
	assert_file(path, "ab\0cd", 5);
	set_old_mtime(path);
	assert_int_equal(write_if_changed(path, "ab\0cd", 5), 0);
	assert_int_equal(mtime_of(path).tv_sec, 1000000000);
	assert_int_equal(write_if_changed(path, "ab\0ce", 5), 1);
	assert_file(path, "ab\0ce", 5);

	/* empty content */
	assert_int_equal(write_if_changed(path, "", 0), 1);
	assert_file(path, "", 0);
	assert_int_equal(write_if_changed(path, "", 0), 0);

	/* never a temporary file left behind */
	ls = unit_ls(dir);
	assert_string_equal(ls, "quotes.tex\n");
	free(ls);

	unit_rmtree(dir);
	free(path);
	free(dir);
}

static void test_write_if_changed_replaces_atomically(void **state)
{
	(void)state;
	char *dir = unit_tmpdir();
	char *path = path_join(dir, "tables.tex");
	assert_int_equal(write_if_changed(path, "old\n", 4), 1);
	/* a reader holding the old file keeps the old content: the new one
	 * is a new file renamed over it, not a rewrite in place */
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct stat before, after;
	assert_int_equal(fstat(fileno(f), &before), 0);
	assert_int_equal(write_if_changed(path, "new content\n", 12), 1);
	char got[16] = {0};
	assert_int_equal(fread(got, 1, sizeof got - 1, f), 4);
	assert_string_equal(got, "old\n");
	fclose(f);
	assert_int_equal(stat(path, &after), 0);
	assert_int_not_equal(before.st_ino, after.st_ino);
	assert_file(path, "new content\n", 12);
	char *ls = unit_ls(dir);
	assert_string_equal(ls, "tables.tex\n");
	free(ls);
	unit_rmtree(dir);
	free(path);
	free(dir);
}

static void test_write_if_changed_error(void **state)
{
	(void)state;
	char *dir = unit_tmpdir();
	char *path = path_join(dir, "nope/quotes.tex");
	assert_int_equal(write_if_changed(path, "x", 1), -1);
	char *ls = unit_ls(dir);
	assert_string_equal(ls, "");
	free(ls);
	unit_rmtree(dir);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_quotes_bibkey_verbatim),
		cmocka_unit_test(test_quotes_empty_store),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_tables_empty_store),
		cmocka_unit_test(test_matrix_repeated_code),
		cmocka_unit_test(test_bib),
		cmocka_unit_test(test_bib_english),
		cmocka_unit_test(test_bib_norwegian_variants),
		cmocka_unit_test(test_bib_url_kept),
		cmocka_unit_test(test_bib_url_encoded),
		cmocka_unit_test(test_write_if_changed),
		cmocka_unit_test(test_write_if_changed_replaces_atomically),
		cmocka_unit_test(test_write_if_changed_error),
	};
	return cmocka_run_group_tests_name("writers", tests, NULL, NULL);
}
