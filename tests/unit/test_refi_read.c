/* test_refi_read.c - the REFI-QDA reader (io/refi.h): small archives
 * written here with libzip, one per vendor convention the reader must
 * take (Sources/ or sources/ with a .root, stored or deflated,
 * plainTextPath with or without internal://, PlainTextContent, the XML
 * under another name, GUIDs in braces and upper case, elements without
 * namespace, selections without Coding, unnamed Cases, sources that are
 * not text) and one per refusal (not a zip, no project XML, XML not well
 * formed, a DOCTYPE, bad positions, unknown or wrong references,
 * duplicate GUIDs, paths and entry names leaving the archive, entries
 * past a limit or inflating past their header), with the message each
 * gives; codebooks (.qdc); and the three NVivo exports in ../shared/qdpx
 * when present. */
#include "unit.h"

#include <zip.h>

#include "core/store.h"
#include "io/refi.h"

#define G(n) "00000000-0000-4000-8000-0000000000" n /* a GUID from two digits */

struct entry {
	const char *name;
	const char *data; /* NULL: a directory */
	size_t len;       /* 0: strlen(data) */
	bool stored;
};

static char *tmp;

static int setup(void **state)
{
	(void)state;
	tmp = unit_tmpdir();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unit_rmtree(tmp);
	free(tmp);
	return 0;
}

/* tmp/name as a zip of the entries (up to a NULL name); returns the path
 * (caller frees). */
static char *mkzip(const char *name, const struct entry *e)
{
	char *path = path_join(tmp, name);
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (; e->name; e++) {
		if (!e->data) {
			assert_true(zip_dir_add(za, e->name, ZIP_FL_ENC_UTF_8) >= 0);
			continue;
		}
		size_t n = e->len ? e->len : strlen(e->data);
		zip_source_t *s = zip_source_buffer(za, e->data, n, 0);
		assert_non_null(s);
		zip_int64_t i = zip_file_add(za, e->name, s, ZIP_FL_ENC_UTF_8);
		assert_true(i >= 0);
		assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)i,
		                 e->stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0), 0);
	}
	assert_int_equal(zip_close(za), 0);
	return path;
}

/* A project XML: the Project element around body. */
static char *project(const char *attrs, const char *body)
{
	return xasprintf("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	                 "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"P\" %s>\n%s</Project>\n",
	                 attrs, body);
}

/* One TextSource with text from internal://s.txt and the given children. */
static char *one_source(const char *sels)
{
	return xasprintf("<Users><User guid=\"" G("01") "\" name=\"Ann\"/></Users>\n"
	                 "<CodeBook><Codes><Code guid=\"" G("10") "\" name=\"c\" isCodable=\"true\"/>"
	                 "</Codes></CodeBook>\n"
	                 "<Sources><TextSource guid=\"" G("20") "\" name=\"S\" "
	                 "plainTextPath=\"internal://s.txt\">\n%s</TextSource></Sources>\n", sels);
}

/* Read a zip of project.qde = xml and Sources/s.txt = text; returns
 * refi_read's status, with the diagnostics in d (caller frees). */
static int read_one(const char *xml, const char *text, struct refi_project *p, struct diag *d)
{
	struct entry e[] = {{"project.qde", xml, 0, false}, {"Sources/s.txt", text, 0, false},
		{NULL, NULL, 0, false}};
	char *path = mkzip("t.qdpx", e);
	diag_init(d, NULL);
	int st = refi_read(p, path, false, d);
	free(path);
	return st;
}

/* The message of the only diagnostic of d (with file and line checked). */
static void assert_one(const struct diag *d, enum diag_id id, size_t line, const char *msg)
{
	if (d->n != 1) {
		char *names = unit_diag_names(d);
		fail_msg("expected one '%s', got: %s (%s)", diag_table[id].name, names,
		         d->n ? d->recs[0].msg : "");
	}
	assert_string_equal(diag_table[d->recs[0].id].name, diag_table[id].name);
	assert_string_equal(d->recs[0].msg, msg);
	if (line != (size_t)-1)
		assert_int_equal(d->recs[0].line, line);
}

/* A selection error in a one-source project: the message expected. */
static void sel_refused(const char *sel, enum diag_id id, size_t line, const char *msg)
{
	char *body = one_source(sel), *xml = project("", body);
	struct refi_project p;
	struct diag d;
	assert_int_equal(read_one(xml, "abc def\n", &p, &d), -1);
	assert_one(&d, id, line, msg);
	assert_null(p.sources);
	assert_int_equal(p.nsources, 0);
	diag_free(&d);
	free(body), free(xml);
}

static void test_nvivo_like(void **state)
{
	(void)state;
	const char *text = "\xEF\xBB\xBFOne \xF0\x9F\x98\x80 two\r\nthree\r\n";
	char *xml = project("origin=\"NVivo for Windows 12.6\" creatingUserGUID=\"" G("01") "\"",
	    "  <Users>\n    <User guid=\"" G("01") "\" name=\"Ann\" />\n"
	    "    <User guid=\"" G("02") "\" />\n  </Users>\n"
	    "  <CodeBook>\n    <Codes>\n"
	    "      <Code guid=\"" G("10") "\" name=\"Top\" isCodable=\"false\" color=\"#A0b\">\n"
	    "        <Description>About &amp; more</Description>\n"
	    "        <Code guid=\"" G("11") "\" name=\"Child\" isCodable=\"true\" color=\"#112233\">\n"
	    "          <Code guid=\"" G("12") "\" name=\"Grand\" isCodable=\"true\"/>\n"
	    "        </Code>\n      </Code>\n"
	    "      <Code guid=\"" G("13") "\" name=\"Other\" isCodable=\"true\"><Description /></Code>\n"
	    "    </Codes>\n  </CodeBook>\n"
	    "  <Variables><Variable guid=\"" G("30") "\" name=\"Age\" typeOfVariable=\"Integer\">"
	    "<Description>years</Description></Variable>"
	    "<Variable guid=\"" G("31") "\" name=\"Role\" typeOfVariable=\"Text\"/></Variables>\n"
	    "  <Cases><Case guid=\"" G("40") "\" name=\"Case 1\"><VariableValue><VariableRef "
	    "targetGUID=\"" G("30") "\"/><IntegerValue>42</IntegerValue></VariableValue>"
	    "<SourceRef targetGUID=\"" G("20") "\"/></Case></Cases>\n"
	    "  <Sources>\n"
	    "    <TextSource guid=\"" G("20") "\" name=\"Interview A\" "
	    "plainTextPath=\"internal://s.txt\" creatingUser=\"" G("01") "\">\n"
	    "      <Description />\n"
	    "      <PlainTextSelection guid=\"" G("50") "\" name=\"\" startPosition=\"0\" "
	    "endPosition=\"3\" creatingUser=\"" G("01") "\">\n"
	    "        <Description />\n"
	    "        <Coding guid=\"" G("60") "\" creatingUser=\"" G("02") "\">\n"
	    "          <CodeRef targetGUID=\"" G("11") "\" />\n"
	    "          <NoteRef targetGUID=\"" G("71") "\" />\n"
	    "        </Coding>\n"
	    "        <NoteRef targetGUID=\"" G("70") "\" />\n"
	    "      </PlainTextSelection>\n"
	    "      <PlainTextSelection guid=\"" G("51") "\" name=\"second\" startPosition=\"7\" "
	    "endPosition=\"10\">\n"
	    "        <Description>why</Description>\n"
	    "        <Coding guid=\"" G("61") "\"><CodeRef targetGUID=\"" G("12") "\"/></Coding>\n"
	    "        <Coding guid=\"" G("62") "\"><CodeRef targetGUID=\"" G("13") "\"/></Coding>\n"
	    "      </PlainTextSelection>\n"
	    "      <VariableValue><VariableRef targetGUID=\"" G("31") "\"/><TextValue>teacher"
	    "</TextValue></VariableValue>\n"
	    "      <NoteRef targetGUID=\"" G("70") "\" />\n"
	    "    </TextSource>\n  </Sources>\n"
	    "  <Notes><Note guid=\"" G("70") "\" name=\"memo\"><PlainTextContent>A memo.</PlainTextContent>"
	    "</Note><Note guid=\"" G("71") "\" name=\"n2\" plainTextPath=\"internal://n.txt\"/></Notes>\n"
	    "  <Sets><Set guid=\"" G("80") "\" name=\"rq1: x\"><Description>Q?</Description>"
	    "<MemberCode targetGUID=\"" G("10") "\"/><MemberSource targetGUID=\"" G("20") "\"/>"
	    "</Set></Sets>\n");
	struct entry e[] = {{"project.qde", xml, 0, false}, {"Sources/s.txt", text, 0, false},
		{"Sources/s.docx", "PK", 0, false}, {"Sources/n.txt", "\xEF\xBB\xBFNote text", 0, true},
		{NULL, NULL, 0, false}};
	char *path = mkzip("nvivo.qdpx", e);
	struct refi_project p;
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(refi_read(&p, path, false, &d), 0);
	unit_assert_diags(&d, "");
	assert_string_equal(p.file, path);
	assert_string_equal(p.xml_entry, "project.qde");
	assert_string_equal(p.name, "P");
	assert_string_equal(p.origin, "NVivo for Windows 12.6");
	assert_string_equal(p.creating_user, G("01"));
	assert_int_equal(p.nusers, 2);
	assert_string_equal(p.users[0].name, "Ann");
	assert_null(p.users[1].name);
	/* codes depth first, parents by index */
	assert_int_equal(p.ncodes, 4);
	assert_string_equal(p.codes[0].name, "Top");
	assert_false(p.codes[0].codable);
	assert_string_equal(p.codes[0].color, "#AA00bb");
	assert_string_equal(p.codes[0].description, "About & more");
	assert_int_equal(p.codes[0].parent, NONE);
	assert_string_equal(p.codes[1].name, "Child");
	assert_int_equal(p.codes[1].parent, 0);
	assert_string_equal(p.codes[1].color, "#112233");
	assert_int_equal(p.codes[2].parent, 1);
	assert_null(p.codes[2].color);
	assert_int_equal(p.codes[3].parent, NONE);
	assert_null(p.codes[3].description);
	assert_int_equal(p.codes[3].line, 15);
	/* variables and cases */
	assert_int_equal(p.nvars, 2);
	assert_int_equal(p.vars[0].type, REFI_INTEGER);
	assert_string_equal(p.vars[0].description, "years");
	assert_int_equal(p.ncases, 1);
	assert_string_equal(p.cases[0].name, "Case 1");
	assert_int_equal(p.cases[0].nvalues, 1);
	assert_int_equal(p.cases[0].values[0].var, 0);
	assert_string_equal(p.cases[0].values[0].value, "42");
	assert_int_equal(p.cases[0].nsources, 1);
	assert_int_equal(p.cases[0].sources[0], 0);
	/* the source: text as it is, BOM and CRLF kept */
	assert_int_equal(p.nsources, 1);
	assert_int_equal(p.nother, 0);
	struct refi_source *s = &p.sources[0];
	assert_string_equal(s->name, "Interview A");
	assert_null(s->description);
	assert_string_equal(s->entry, "Sources/s.txt");
	assert_int_equal(s->text_len, strlen(text));
	assert_memory_equal(s->text, text, strlen(text));
	assert_int_equal(s->nvalues, 1);
	assert_int_equal(s->values[0].var, 1);
	assert_string_equal(s->values[0].value, "teacher");
	assert_int_equal(s->nnotes, 1);
	assert_int_equal(s->notes[0], 0);
	/* its selections */
	assert_int_equal(s->nsels, 2);
	struct refi_sel *a = &s->sels[0], *b = &s->sels[1];
	assert_string_equal(a->guid, G("50"));
	assert_null(a->name);
	assert_null(a->description);
	assert_int_equal(a->start, 0);
	assert_int_equal(a->end, 3);
	assert_int_equal(a->user, 0);
	assert_int_equal(a->ncodes, 1);
	assert_int_equal(a->codes[0], 1);
	assert_int_equal(a->coders[0], 1);
	assert_int_equal(a->nnotes, 2);
	assert_int_equal(a->notes[0], 0); /* its own NoteRef first, then its Coding's */
	assert_int_equal(a->notes[1], 1);
	assert_int_equal(a->line, 23);
	assert_string_equal(b->name, "second");
	assert_string_equal(b->description, "why");
	assert_int_equal(b->user, NONE);
	assert_int_equal(b->ncodes, 2);
	assert_int_equal(b->codes[0], 2);
	assert_int_equal(b->codes[1], 3);
	assert_int_equal(b->coders[0], NONE);
	assert_int_equal(b->nnotes, 0);
	/* notes: PlainTextContent, or an entry without its BOM */
	assert_int_equal(p.nnotes, 2);
	assert_string_equal(p.notes[0].name, "memo");
	assert_string_equal(p.notes[0].text, "A memo.");
	assert_string_equal(p.notes[1].text, "Note text");
	/* sets */
	assert_int_equal(p.nsets, 1);
	assert_string_equal(p.sets[0].name, "rq1: x");
	assert_string_equal(p.sets[0].description, "Q?");
	assert_int_equal(p.sets[0].ncodes, 1);
	assert_int_equal(p.sets[0].codes[0], 0);
	assert_int_equal(p.sets[0].nsources, 1);
	assert_null(p.sidecar);
	refi_free(&p);
	assert_null(p.sources);
	diag_free(&d);
	free(xml), free(path);
}

/* NVivo for Mac: sources/ in lower case, an empty .root, entries stored. */
static void test_mac_lower_sources_stored(void **state)
{
	(void)state;
	char *body = one_source("<PlainTextSelection guid=\"" G("50") "\" startPosition=\"1\" "
	                        "endPosition=\"2\"><Coding guid=\"" G("60") "\"><CodeRef targetGUID=\""
	                        G("10") "\"/></Coding></PlainTextSelection>");
	char *xml = project("origin=\"NVivo for Mac 12.7.0\"", body);
	struct entry e[] = {{"sources/", NULL, 0, false}, {"sources/s.txt", "mac text\n", 0, true},
		{"sources/.root", "", 0, true}, {"project.qde", xml, 0, true}, {NULL, NULL, 0, false}};
	char *path = mkzip("mac.qdpx", e);
	struct refi_project p;
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(refi_read(&p, path, false, &d), 0);
	unit_assert_diags(&d, "");
	assert_string_equal(p.sources[0].entry, "sources/s.txt");
	assert_string_equal(p.sources[0].text, "mac text\n");
	assert_int_equal(p.sources[0].sels[0].codes[0], 0);
	refi_free(&p);
	diag_free(&d);
	free(body), free(xml), free(path);
}

/* plainTextPath without internal:// (qc), with or without sources/, the
 * directory in another case, an entry named with a backslash;
 * PlainTextContent instead of a path. */
static void test_paths_and_content(void **state)
{
	(void)state;
	char *xml = project("origin=\"qc\"",
	    "<Sources>"
	    "<TextSource guid=\"" G("20") "\" plainTextPath=\"a.txt\"/>"
	    "<TextSource guid=\"" G("21") "\" plainTextPath=\"sources/b.txt\"/>"
	    "<TextSource guid=\"" G("22") "\" plainTextPath=\"INTERNAL://c.txt\"/>"
	    "<TextSource guid=\"" G("23") "\"><PlainTextContent>inline &lt;text&gt;</PlainTextContent>"
	    "<PlainTextSelection guid=\"" G("50") "\" startPosition=\"0\" endPosition=\"6\"/>"
	    "</TextSource>"
	    "<TextSource guid=\"" G("24") "\" plainTextPath=\"root.txt\"/>"
	    "<TextSource guid=\"" G("25") "\" plainTextPath=\"internal://w.txt\"/>"
	    "</Sources>");
	struct entry e[] = {{"project.qde", xml, 0, false}, {"sources/a.txt", "A", 0, false},
		{"Sources/b.txt", "B", 0, false}, {"SOURCES/c.txt", "C", 0, false},
		{"root.txt", "R", 0, false}, {"Sources\\w.txt", "W", 0, false}, {NULL, NULL, 0, false}};
	char *path = mkzip("qc.qdpx", e);
	struct refi_project p;
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(refi_read(&p, path, false, &d), 0);
	unit_assert_diags(&d, "");
	assert_int_equal(p.nsources, 6);
	assert_string_equal(p.sources[0].text, "A");
	assert_string_equal(p.sources[1].text, "B");
	assert_string_equal(p.sources[1].entry, "Sources/b.txt");
	assert_string_equal(p.sources[2].text, "C");
	assert_string_equal(p.sources[3].text, "inline <text>");
	assert_null(p.sources[3].entry);
	assert_null(p.sources[3].name);
	assert_int_equal(p.sources[3].sels[0].ncodes, 0); /* MAXQDA: no Coding */
	assert_string_equal(p.sources[4].text, "R");
	assert_string_equal(p.sources[5].text, "W"); /* a zip made on Windows */
	assert_string_equal(p.sources[5].entry, "Sources\\w.txt");
	refi_free(&p);
	diag_free(&d);
	free(xml), free(path);
}

/* ATLAS.ti 26 on macOS: the XML named after the project; GUIDs in braces
 * and upper case; elements without the namespace; unnamed Cases; a PDF
 * source counted, and a Case's SourceRef to it dropped; a sidecar. */
static void test_atlas_name_braces_nons(void **state)
{
	(void)state;
	const char *xml = "<?xml version=\"1.0\"?>\n<Project name=\"My study\" origin=\"ATLAS.ti\">"
	    "<CodeBook><Codes><Code guid=\"{0000000A-0000-4000-8000-0000000000AB}\" name=\"c\" "
	    "isCodable=\"1\"/></Codes></CodeBook>"
	    "<Cases><Case guid=\"" G("40") "\"><SourceRef targetGUID=\"" G("21") "\"/>"
	    "<SourceRef targetGUID=\"{" G("20") "}\"/></Case></Cases>"
	    "<Sources><PDFSource guid=\"" G("21") "\" path=\"internal://x.pdf\"/>"
	    "<TextSource guid=\"" G("20") "\"><PlainTextContent>t</PlainTextContent>"
	    "<PlainTextSelection guid=\" " G("50") " \" startPosition=\" 0\" endPosition=\"+1\">"
	    "<Coding guid=\"" G("60") "\"><CodeRef targetGUID=\"0000000a-0000-4000-8000-0000000000ab\"/>"
	    "</Coding></PlainTextSelection></TextSource></Sources></Project>";
	struct entry e[] = {{"My study.qde", xml, 0, false}, {"sitat.json", "{\"format\": 1}", 0, false},
		{"sources/x.pdf", "%PDF", 0, true}, {NULL, NULL, 0, false}};
	char *path = mkzip("atlas.qdpx", e);
	struct refi_project p;
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(refi_read(&p, path, false, &d), 0);
	unit_assert_diags(&d, "");
	assert_string_equal(p.xml_entry, "My study.qde");
	assert_string_equal(p.codes[0].guid, "0000000a-0000-4000-8000-0000000000ab");
	assert_true(p.codes[0].codable);
	assert_null(p.cases[0].name);
	assert_int_equal(p.cases[0].nsources, 1);
	assert_int_equal(p.cases[0].sources[0], 0);
	assert_int_equal(p.nother, 1);
	assert_int_equal(p.nsources, 1);
	assert_string_equal(p.sources[0].sels[0].guid, G("50"));
	assert_int_equal(p.sources[0].sels[0].end, 1);
	assert_int_equal(p.sources[0].sels[0].codes[0], 0);
	assert_int_equal(p.sidecar_len, 13);
	assert_string_equal(p.sidecar, "{\"format\": 1}");
	refi_free(&p);
	diag_free(&d);
	free(path);
}

static void test_not_zip_no_xml(void **state)
{
	(void)state;
	struct refi_project p;
	struct diag d;
	char *path = path_join(tmp, "plain.qdpx");
	unit_write(tmp, "plain.qdpx", "<Project/>");
	diag_init(&d, NULL);
	assert_int_equal(refi_read(&p, path, false, &d), -1);
	assert_one(&d, D_REFI_NOT_ZIP, 0, "not a REFI-QDA project (.qdpx): Not a zip archive");
	assert_string_equal(d.recs[0].file, path);
	diag_free(&d);
	free(path);

	diag_init(&d, NULL);
	path = path_join(tmp, "absent.qdpx");
	assert_int_equal(refi_read(&p, path, false, &d), -1);
	assert_int_equal(unit_diag_count(&d, D_REFI_OPEN), 1);
	diag_free(&d);
	free(path);

	struct entry none[] = {{"x.txt", "x", 0, false}, {NULL, NULL, 0, false}};
	path = mkzip("none.qdpx", none);
	diag_init(&d, NULL);
	assert_int_equal(refi_read(&p, path, false, &d), -1);
	assert_one(&d, D_REFI_NO_XML, 0,
	           "no project XML in the archive: no project.qde and no other .qde entry");
	diag_free(&d);
	free(path);

	struct entry two[] = {{"a.qde", "<Project/>", 0, false}, {"b.QDE", "<Project/>", 0, false},
		{NULL, NULL, 0, false}};
	path = mkzip("two.qdpx", two);
	diag_init(&d, NULL);
	assert_int_equal(refi_read(&p, path, false, &d), -1);
	assert_one(&d, D_REFI_NO_XML, 0, "no project XML in the archive: no project.qde, and 2 "
	           ".qde entries (a.qde, b.QDE): which one is the project is not known");
	diag_free(&d);
	free(path);
}

static void test_bad_xml(void **state)
{
	(void)state;
	struct refi_project p;
	struct diag d;
	assert_int_equal(read_one("<Project name=\"x\">\n<Users>\n</Project>\n", "", &p, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(diag_table[d.recs[0].id].name, "refi-xml");
	assert_true(strncmp(d.recs[0].msg, "XML not well formed: line 3: ", 29) == 0);
	assert_true(unit_ends_with(d.recs[0].file, "/t.qdpx:project.qde"));
	diag_free(&d);
}

static void test_doctype_root(void **state)
{
	(void)state;
	struct refi_project p;
	struct diag d;
	assert_int_equal(read_one("<?xml version=\"1.0\"?>\n<!DOCTYPE Project [<!ENTITY a \"aaaa\">]>\n"
	                          "<Project name=\"&a;\"/>\n", "", &p, &d), -1);
	assert_one(&d, D_REFI_DTD, 2, "the XML has a document type declaration (<!DOCTYPE "
	           "Project>): REFI-QDA has none, and sitat expands no entities");
	diag_free(&d);
	/* a billion laughs: refused (by libxml2 or for its DOCTYPE), never expanded */
	struct buf lol;
	buf_init(&lol);
	buf_puts(&lol, "<?xml version=\"1.0\"?>\n<!DOCTYPE Project [<!ENTITY l0 \"lol\">");
	for (int i = 1; i < 10; i++) {
		buf_printf(&lol, "<!ENTITY l%d \"", i);
		for (int k = 0; k < 10; k++)
			buf_printf(&lol, "&l%d;", i - 1);
		buf_puts(&lol, "\">");
	}
	buf_puts(&lol, "]>\n<Project name=\"&l9;\"><Description>&l9;</Description></Project>\n");
	assert_int_equal(read_one(lol.data, "", &p, &d), -1);
	assert_int_equal(d.n, 1);
	assert_true(d.recs[0].id == D_REFI_XML || d.recs[0].id == D_REFI_DTD);
	diag_free(&d);
	buf_free(&lol);
	assert_int_equal(read_one("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"/>", "", &p, &d), -1);
	assert_one(&d, D_REFI_ROOT, 1, "the root element is <CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">, "
	           "not <Project> "
	           "(urn:QDA-XML:project:1.0)");
	diag_free(&d);
	assert_int_equal(read_one("<x:Project xmlns:x=\"urn:other\" name=\"P\"/>", "", &p, &d), -1);
	assert_one(&d, D_REFI_ROOT, 1, "the root element is <Project xmlns=\"urn:other\">, not "
	           "<Project> (urn:QDA-XML:project:1.0)");
	diag_free(&d);
}

#define SEL(attrs, body) "<PlainTextSelection guid=\"" G("50") "\" " attrs ">" body \
	"</PlainTextSelection>"
#define CODING(target) "<Coding guid=\"" G("60") "\"><CodeRef targetGUID=\"" target "\"/></Coding>"

static void test_positions(void **state)
{
	(void)state;
	sel_refused(SEL("startPosition=\"5\" endPosition=\"2\"", CODING(G("10"))), D_REFI_RANGE, 6,
	            "PlainTextSelection guid=" G("50") ": startPosition 5 is after endPosition 2");
	sel_refused(SEL("startPosition=\"-1\" endPosition=\"2\"", ""), D_REFI_POSITION, 6,
	            "PlainTextSelection guid=" G("50") ": startPosition=\"-1\" is not a position "
	            "(a whole number from 0)");
	sel_refused(SEL("startPosition=\"1\" endPosition=\"2.5\"", ""), D_REFI_POSITION, 6,
	            "PlainTextSelection guid=" G("50") ": endPosition=\"2.5\" is not a position "
	            "(a whole number from 0)");
	sel_refused(SEL("startPosition=\"1\" endPosition=\"99999999999999999999\"", ""),
	            D_REFI_POSITION, 6, "PlainTextSelection guid=" G("50") ": endPosition="
	            "\"99999999999999999999\" is not a position (a whole number from 0)");
	sel_refused(SEL("startPosition=\"1\"", ""), D_REFI_MISSING, 6,
	            "PlainTextSelection guid=" G("50") ": the endPosition attribute is missing");
	/* past line 65535 (libxml2 keeps big line numbers only when asked) */
	struct buf far;
	buf_init(&far);
	for (int i = 0; i < 70000; i++)
		buf_putc(&far, '\n');
	buf_puts(&far, SEL("startPosition=\"5\" endPosition=\"2\"", ""));
	sel_refused(far.data, D_REFI_RANGE, 70006, "PlainTextSelection guid=" G("50")
	            ": startPosition 5 is after endPosition 2");
	far.len = 70000;
	buf_puts(&far, SEL("startPosition=\"5\" endPosition=\"x\"", "\n<Description>d</Description>"));
	sel_refused(far.data, D_REFI_POSITION, 70006, "PlainTextSelection guid=" G("50")
	            ": endPosition=\"x\" is not a position (a whole number from 0)");
	buf_free(&far);
	/* zero-length selections are the importer's to skip */
	char *body = one_source(SEL("startPosition=\"3\" endPosition=\"3\"", "")), *xml = project("", body);
	struct refi_project p;
	struct diag d;
	assert_int_equal(read_one(xml, "abc def\n", &p, &d), 0);
	assert_int_equal(p.sources[0].sels[0].start, 3);
	assert_int_equal(p.sources[0].sels[0].end, 3);
	refi_free(&p);
	diag_free(&d);
	free(body), free(xml);
}

static void test_references(void **state)
{
	(void)state;
	sel_refused(SEL("startPosition=\"0\" endPosition=\"1\"", CODING(G("99"))), D_REFI_UNKNOWN_GUID,
	            6, "PlainTextSelection guid=" G("50") ": CodeRef targetGUID=\"" G("99") "\" names "
	            "no Code of the file");
	sel_refused(SEL("startPosition=\"0\" endPosition=\"1\"", CODING(G("01"))), D_REFI_REF_KIND,
	            6, "PlainTextSelection guid=" G("50") ": CodeRef targetGUID=\"" G("01") "\" names "
	            "a User, not a Code");
	sel_refused(SEL("startPosition=\"0\" endPosition=\"1\" creatingUser=\"" G("98") "\"", ""),
	            D_REFI_UNKNOWN_GUID, 6, "PlainTextSelection guid=" G("50") ": creatingUser=\""
	            G("98") "\" names no User of the file");
	sel_refused(SEL("startPosition=\"0\" endPosition=\"1\"", "<NoteRef targetGUID=\"" G("97") "\"/>"),
	            D_REFI_UNKNOWN_GUID, 6, "PlainTextSelection guid=" G("50") ": NoteRef targetGUID=\""
	            G("97") "\" names no Note of the file");
	sel_refused(SEL("startPosition=\"0\" endPosition=\"1\"", "<Coding guid=\"" G("60") "\"/>"),
	            D_REFI_MISSING, 6, "PlainTextSelection guid=" G("50") ": the CodeRef of a Coding "
	            "is missing");
	sel_refused(SEL("startPosition=\"0\" endPosition=\"1\"", CODING("not-a-guid")), D_REFI_GUID, 6,
	            "PlainTextSelection guid=" G("50") ": CodeRef targetGUID=\"not-a-guid\" is not a GUID");
	sel_refused("<PlainTextSelection startPosition=\"0\" endPosition=\"1\"/>", D_REFI_MISSING, 6,
	            "PlainTextSelection: the guid attribute is missing");
	sel_refused("<PlainTextSelection guid=\"x\" startPosition=\"0\" endPosition=\"1\"/>",
	            D_REFI_GUID, 6, "PlainTextSelection: guid=\"x\" is not a GUID");
	/* a GUID given to two elements */
	sel_refused("<PlainTextSelection guid=\"" G("10") "\" startPosition=\"0\" endPosition=\"1\"/>",
	            D_REFI_DUP_GUID, 6, "PlainTextSelection guid=" G("10") ": its GUID is also that "
	            "of the Code on line 4");
	sel_refused(SEL("startPosition=\"0\" endPosition=\"1\"", "") "\n"
	            SEL("startPosition=\"0\" endPosition=\"1\"", ""), D_REFI_DUP_GUID, 7,
	            "PlainTextSelection guid=" G("50") ": its GUID is also that of the "
	            "PlainTextSelection on line 6");
}

/* Values that are not what the schema allows, each reported; every
 * problem of a file is reported, in order, not only the first. */
static void test_values(void **state)
{
	(void)state;
	struct buf deep;
	buf_init(&deep);
	for (int i = 0; i < 101; i++)
		buf_printf(&deep, "<Code guid=\"00000000-0000-4000-8000-%012d\" name=\"d\" "
		           "isCodable=\"true\">", 100 + i);
	for (int i = 0; i < 101; i++)
		buf_puts(&deep, "</Code>");
	char *body = xasprintf(
	    "<CodeBook><Codes><Code guid=\"" G("10") "\" name=\"c\" isCodable=\"yes\"/>\n"
	    "<Code guid=\"" G("11") "\" isCodable=\"true\"/>\n%s</Codes></CodeBook>\n"
	    "<Variables><Variable guid=\"" G("30") "\" name=\"v\" typeOfVariable=\"Number\"/>"
	    "</Variables>\n"
	    "<Cases><Case guid=\"" G("40") "\"><VariableValue><TextValue>x</TextValue>"
	    "</VariableValue></Case></Cases>\n", deep.data);
	char *xml = project("", body);
	struct refi_project p;
	struct diag d;
	assert_int_equal(read_one(xml, "", &p, &d), -1);
	unit_assert_diags(&d, "refi-value refi-missing refi-too-deep refi-value refi-missing");
	assert_string_equal(d.recs[0].msg, "Code guid=" G("10") ": isCodable=\"yes\" is not true or "
	                    "false");
	assert_string_equal(d.recs[1].msg, "Code guid=" G("11") ": the name attribute is missing");
	assert_string_equal(d.recs[2].msg, "Code guid=00000000-0000-4000-8000-000000000200: codes "
	                    "nested more than 100 deep");
	assert_string_equal(d.recs[3].msg, "Variable guid=" G("30") ": typeOfVariable=\"Number\" is "
	                    "not Text, Boolean, Integer, Float, Date or DateTime");
	assert_string_equal(d.recs[4].msg, "Case guid=" G("40") ": the VariableRef of a "
	                    "VariableValue is missing");
	assert_int_equal(d.recs[4].line, 7);
	diag_free(&d);
	buf_free(&deep);
	free(body), free(xml);
}

static void test_more_problems(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < 30; i++)
		buf_printf(&b, "<PlainTextSelection guid=\"" G("%02d") "\" startPosition=\"9\" "
		           "endPosition=\"1\"/>\n", i + 50);
	char *body = one_source(b.data), *xml = project("", body);
	struct refi_project p;
	struct diag d;
	assert_int_equal(read_one(xml, "abc def\n", &p, &d), -1);
	assert_int_equal(d.n, 21);
	assert_int_equal(d.errors, 20);
	assert_int_equal(unit_diag_count(&d, D_REFI_MORE), 1);
	assert_string_equal(d.recs[20].msg, "more problems not listed (the reader stops after 20)");
	diag_free(&d);
	buf_free(&b);
	free(body), free(xml);
}

/* plainTextPath: what leaves the archive is refused, element and
 * attribute named; a missing entry; a source without text. */
static void path_refused(const char *path, enum diag_id id, const char *msg)
{
	char *body = xasprintf("<Sources><TextSource guid=\"" G("20") "\" "
	                       "plainTextPath=\"%s\"/></Sources>", path);
	char *xml = project("", body);
	free(body);
	struct refi_project p;
	struct diag d;
	assert_int_equal(read_one(xml, "x", &p, &d), -1);
	assert_one(&d, id, 3, msg);
	diag_free(&d);
	free(xml);
}

static void test_paths_refused(void **state)
{
	(void)state;
	path_refused("internal://../x", D_REFI_PATH, "TextSource guid=" G("20") ": plainTextPath="
	             "\"internal://../x\" goes up with '..': it leaves the archive");
	path_refused("a/../../x", D_REFI_PATH, "TextSource guid=" G("20") ": plainTextPath="
	             "\"a/../../x\" goes up with '..': it leaves the archive");
	path_refused("/etc/passwd", D_REFI_PATH, "TextSource guid=" G("20") ": plainTextPath="
	             "\"/etc/passwd\" is an absolute path: it leaves the archive");
	path_refused("internal:///etc/passwd", D_REFI_PATH, "TextSource guid=" G("20")
	             ": plainTextPath=\"internal:///etc/passwd\" is an absolute path: it leaves the "
	             "archive");
	path_refused("C:x.txt", D_REFI_PATH, "TextSource guid=" G("20") ": plainTextPath=\"C:x.txt\" "
	             "names a drive: it leaves the archive");
	path_refused("a\\s.txt", D_REFI_PATH, "TextSource guid=" G("20") ": plainTextPath="
	             "\"a\\s.txt\" has a backslash: sitat reads only paths inside the archive, with '/'");
	path_refused("relative://s.txt", D_REFI_PATH, "TextSource guid=" G("20") ": plainTextPath="
	             "\"relative://s.txt\" is outside the archive: sitat reads only internal:// paths");
	path_refused("absolute:///home/s.txt", D_REFI_PATH, "TextSource guid=" G("20")
	             ": plainTextPath=\"absolute:///home/s.txt\" is outside the archive: sitat reads "
	             "only internal:// paths");
	path_refused("internal://t.txt", D_REFI_NO_ENTRY, "TextSource guid=" G("20") ": plainTextPath="
	             "\"internal://t.txt\": the archive has no entry Sources/t.txt");
	char *xml = project("", "<Sources><TextSource guid=\"" G("20") "\" name=\"n\"/></Sources>");
	struct refi_project p;
	struct diag d;
	assert_int_equal(read_one(xml, "x", &p, &d), -1);
	assert_one(&d, D_REFI_NO_TEXT, 3, "TextSource guid=" G("20") ": neither plainTextPath nor "
	           "PlainTextContent: the source has no text");
	assert_true(unit_ends_with(d.recs[0].file, "/t.qdpx:project.qde"));
	diag_free(&d);
	free(xml);
}

/* An entry whose name would leave the folder the archive is unpacked in
 * (a zip slip): refused although nothing refers to it. */
static void test_entry_names_refused(void **state)
{
	(void)state;
	static const struct {
		const char *name, *msg;
	} cases[] = {
		{"../evil.txt", "the archive has an entry named \"../evil.txt\", which goes up with "
		 "'..': it leaves the archive"},
		{"Sources/../../evil.txt", "the archive has an entry named \"Sources/../../evil.txt\", "
		 "which goes up with '..': it leaves the archive"},
		{"..\\evil.txt", "the archive has an entry named \"..\\evil.txt\", which goes up "
		 "with '..': it leaves the archive"},
		{"/etc/evil", "the archive has an entry named \"/etc/evil\", which is an absolute "
		 "path: it leaves the archive"},
		{"C:\\evil", "the archive has an entry named \"C:\\evil\", which names a drive: it "
		 "leaves the archive"},
	};
	char *body = one_source(""), *xml = project("", body);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct entry e[] = {{"project.qde", xml, 0, false}, {"Sources/s.txt", "t", 0, false},
			{cases[i].name, "x", 0, false}, {NULL, NULL, 0, false}};
		char *path = mkzip("slip.qdpx", e);
		struct refi_project p;
		struct diag d;
		diag_init(&d, NULL);
		assert_int_equal(refi_read(&p, path, false, &d), -1);
		assert_one(&d, D_REFI_ENTRY_NAME, 0, cases[i].msg);
		assert_string_equal(d.recs[0].file, path);
		diag_free(&d);
		free(path);
	}
	free(body), free(xml);
}

/* An entry past a limit as its header says (the sidecar, 64 MiB), and
 * one whose data inflates past what its header says (sizes patched). */
static void test_limits(void **state)
{
	(void)state;
	size_t big = ((size_t)64 << 20) + 1;
	char *zeros = xcalloc(big, 1);
	char *xml = project("", "");
	struct entry e[] = {{"project.qde", xml, 0, false}, {"sitat.json", zeros, big, false},
		{NULL, NULL, 0, false}};
	char *path = mkzip("big.qdpx", e);
	free(zeros);
	struct refi_project p;
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(refi_read(&p, path, false, &d), -1);
	assert_one(&d, D_REFI_TOO_LARGE, 0, "sitat.json: larger than the limit of 64 MiB (as its "
	           "header says)");
	diag_free(&d);
	free(path);

	/* a deflated text of 4096 bytes whose headers say 16 */
	char *text = xmalloc(4096);
	memset(text, 'a', 4096);
	char *body = one_source(""), *xml2 = project("", body);
	struct entry l[] = {{"project.qde", xml2, 0, true}, {"Sources/s.txt", text, 4096, false},
		{NULL, NULL, 0, false}};
	path = mkzip("lie.qdpx", l);
	char *data;
	size_t len;
	assert_int_equal(read_file(path, &data, &len), 0);
	for (size_t i = 0; i + 46 <= len; i++) {
		if (!memcmp(data + i, "PK\3\4", 4) && !memcmp(data + i + 30, "Sources/s.txt", 13))
			memcpy(data + i + 22, "\x10\0\0\0", 4);
		if (!memcmp(data + i, "PK\1\2", 4) && !memcmp(data + i + 46, "Sources/s.txt", 13))
			memcpy(data + i + 24, "\x10\0\0\0", 4);
	}
	unit_write_bytes(tmp, "lie.qdpx", data, len);
	diag_init(&d, NULL);
	assert_int_equal(refi_read(&p, path, false, &d), -1);
	assert_int_equal(d.errors, 1);
	assert_int_equal(unit_diag_count(&d, D_REFI_ENTRY), 1);
	assert_true(strncmp(d.recs[0].msg, "TextSource guid=" G("20") ": Sources/s.txt: cannot read "
	                    "the entry: ", 67) == 0);
	diag_free(&d);
	free(data), free(text), free(path), free(body), free(xml), free(xml2);
}

/* A .qdc: a CodeBook, a Project read for its codes, or an archive. */
static void test_codebook(void **state)
{
	(void)state;
	unit_write(tmp, "c.qdc", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	           "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"MAXQDA 2022\">\n"
	           "<Codes><Code guid=\"" G("10") "\" name=\"a\" isCodable=\"true\" color=\"#zzz\">"
	           "<Code guid=\"" G("11") "\" name=\"b\" isCodable=\"true\"/></Code></Codes>\n"
	           "<Sets><Set guid=\"" G("80") "\" name=\"s\"><MemberCode targetGUID=\"" G("11") "\"/>"
	           "</Set></Sets></CodeBook>\n");
	char *path = path_join(tmp, "c.qdc");
	struct refi_project p;
	struct diag d;
	diag_init(&d, NULL);
	assert_int_equal(refi_read(&p, path, true, &d), 0);
	assert_one(&d, D_REFI_COLOR, 3, "Code guid=" G("10") ": color=\"#zzz\" is not #rrggbb or "
	           "#rgb (the code gets no colour)");
	assert_string_equal(d.recs[0].file, path);
	assert_null(p.xml_entry);
	assert_null(p.name);
	assert_string_equal(p.origin, "MAXQDA 2022");
	assert_int_equal(p.ncodes, 2);
	assert_null(p.codes[0].color);
	assert_int_equal(p.codes[1].parent, 0);
	assert_int_equal(p.sets[0].codes[0], 1);
	refi_free(&p);
	diag_free(&d);

	/* a Project as a codebook: the codes only (its broken sources unread) */
	unit_write(tmp, "p.qdc", "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\">"
	           "<CodeBook><Codes><Code guid=\"" G("10") "\" name=\"a\" isCodable=\"true\"/>"
	           "</Codes></CodeBook><Sources><TextSource guid=\"bad\"/></Sources></Project>");
	free(path);
	path = path_join(tmp, "p.qdc");
	diag_init(&d, NULL);
	assert_int_equal(refi_read(&p, path, true, &d), 0);
	unit_assert_diags(&d, "");
	assert_int_equal(p.ncodes, 1);
	assert_int_equal(p.nsources, 0);
	refi_free(&p);
	diag_free(&d);
	free(path);

	/* an archive read as a codebook */
	char *body = one_source(""), *xml = project("", body);
	struct entry e[] = {{"project.qde", xml, 0, false}, {NULL, NULL, 0, false}};
	path = mkzip("cb.qdpx", e);
	diag_init(&d, NULL);
	assert_int_equal(refi_read(&p, path, true, &d), 0);
	unit_assert_diags(&d, "");
	assert_int_equal(p.ncodes, 1);
	assert_int_equal(p.nsources, 0);
	assert_string_equal(p.xml_entry, "project.qde");
	refi_free(&p);
	diag_free(&d);
	free(path), free(body), free(xml);

	/* a codebook that is not one */
	unit_write(tmp, "n.qdc", "<Other/>");
	path = path_join(tmp, "n.qdc");
	diag_init(&d, NULL);
	assert_int_equal(refi_read(&p, path, true, &d), -1);
	assert_one(&d, D_REFI_ROOT, 1, "the root element is <Other>, not <CodeBook> "
	           "(urn:QDA-XML:codebook:1.0) or <Project>");
	diag_free(&d);
	free(path);
}

/* The three NVivo exports of ../shared/qdpx (README there): sources,
 * codes and their depth, selections. */
static void test_shared_nvivo(void **state)
{
	(void)state;
	static const struct {
		const char *file, *dir;
		size_t sources, coded, codes, depth, sels;
	} want[] = {
		{"nvivo12-oltas0517.qdpx", "Sources/", 2, 1, 152, 4, 303},
		{"nvivo12-oltas0611.qdpx", "Sources/", 1, 1, 60, 3, 97},
		{"nvivomac12-oltas17june.qdpx", "sources/", 2, 1, 152, 4, 297},
	};
	struct stat sb;
	if (stat("../shared/qdpx", &sb) < 0) {
		fprintf(stderr, "test_refi_read: ../shared/qdpx is absent: the NVivo files are "
		        "not read (skipped)\n");
		skip();
	}
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		char *path = xasprintf("../shared/qdpx/%s", want[i].file);
		struct refi_project p;
		struct diag d;
		diag_init(&d, stderr);
		assert_int_equal(refi_read(&p, path, false, &d), 0);
		assert_int_equal(d.n, 0);
		assert_int_equal(p.nsources, want[i].sources);
		assert_int_equal(p.ncodes, want[i].codes);
		size_t sels = 0, coded = 0, depth = 0;
		for (size_t s = 0; s < p.nsources; s++) {
			sels += p.sources[s].nsels;
			coded += p.sources[s].nsels > 0;
			assert_true(strncmp(p.sources[s].entry, want[i].dir, 8) == 0);
			assert_true(unit_ends_with(p.sources[s].entry, ".txt"));
			for (size_t k = 0; k < p.sources[s].nsels; k++)
				assert_int_equal(p.sources[s].sels[k].ncodes, 1);
		}
		for (size_t k = 0; k < p.ncodes; k++) {
			size_t n = 1;
			for (size_t q = p.codes[k].parent; q != NONE; q = p.codes[q].parent)
				n++;
			depth = n > depth ? n : depth;
		}
		assert_int_equal(coded, want[i].coded);
		assert_int_equal(sels, want[i].sels);
		assert_int_equal(depth, want[i].depth);
		assert_true(strstr(p.origin, "NVivo") != NULL);
		fprintf(stderr, "test_refi_read: %s: %zu sources (%zu coded), %zu codes (depth %zu), "
		        "%zu selections\n", want[i].file, p.nsources, coded, p.ncodes, depth, sels);
		refi_free(&p);
		diag_free(&d);
		free(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nvivo_like),
		cmocka_unit_test(test_mac_lower_sources_stored),
		cmocka_unit_test(test_paths_and_content),
		cmocka_unit_test(test_atlas_name_braces_nons),
		cmocka_unit_test(test_not_zip_no_xml),
		cmocka_unit_test(test_bad_xml),
		cmocka_unit_test(test_doctype_root),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_more_problems),
		cmocka_unit_test(test_paths_refused),
		cmocka_unit_test(test_entry_names_refused),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_codebook),
		cmocka_unit_test(test_shared_nvivo),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
