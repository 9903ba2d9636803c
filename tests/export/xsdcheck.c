/* xsdcheck.c - validate a REFI-QDA XML file against an XML schema with
 * libxml2 (tests/export/run.sh).
 *
 *   xsdcheck SCHEMA.xsd FILE   FILE: a .qde or .qdc, or a .qdpx (its
 *                              project.qde is read with libzip)
 *   xsdcheck - FILE            only check that FILE is well-formed XML
 *
 * Prints libxml2's messages on stderr and "FILE: valid" on stdout.  Exit
 * 0 valid, 1 invalid (or not well-formed), 2 usage or a file that cannot
 * be read. */
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static char *read_all(const char *file, size_t *len)
{
	FILE *f = fopen(file, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0, got;
	char *b = malloc(cap);
	while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			b = realloc(b, cap *= 2);
	}
	fclose(f);
	*len = n;
	return b;
}

/* project.qde of the zip FILE (caller frees), or NULL after a message. */
static char *read_qde(const char *file, size_t *len)
{
	int err = 0;
	zip_t *za = zip_open(file, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (!za) {
		fprintf(stderr, "xsdcheck: %s: not a zip archive (libzip error %d)\n", file, err);
		return NULL;
	}
	zip_stat_t st;
	zip_file_t *f = NULL;
	char *b = NULL;
	if (zip_stat(za, "project.qde", 0, &st) == 0 && (f = zip_fopen(za, "project.qde", 0))) {
		b = malloc(st.size + 1);
		if (b && zip_fread(f, b, st.size) != (zip_int64_t)st.size) {
			free(b);
			b = NULL;
		}
		zip_fclose(f);
		*len = (size_t)st.size;
	}
	if (!b)
		fprintf(stderr, "xsdcheck: %s: no readable project.qde\n", file);
	zip_discard(za);
	return b;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: xsdcheck SCHEMA.xsd|- FILE\n");
		return 2;
	}
	const char *xsd = argv[1], *file = argv[2];
	size_t n = strlen(file), len = 0;
	bool zip = n > 5 && strcmp(file + n - 5, ".qdpx") == 0;
	char *data = zip ? read_qde(file, &len) : read_all(file, &len);
	if (!data) {
		if (!zip)
			fprintf(stderr, "xsdcheck: cannot read %s\n", file);
		return 2;
	}
	xmlDocPtr doc = xmlReadMemory(data, (int)len, file, NULL, XML_PARSE_NONET);
	free(data);
	if (!doc) {
		fprintf(stderr, "xsdcheck: %s: not well-formed XML\n", file);
		return 1;
	}
	int r = 0;
	if (strcmp(xsd, "-") != 0) {
		xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd);
		xmlSchemaPtr schema = pc ? xmlSchemaParse(pc) : NULL;
		if (!schema) {
			fprintf(stderr, "xsdcheck: %s: cannot read the schema\n", xsd);
			r = 2;
		} else {
			xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
			int v = vc ? xmlSchemaValidateDoc(vc, doc) : -1;
			if (v != 0) {
				fprintf(stderr, "xsdcheck: %s: not valid against %s\n", file, xsd);
				r = 1;
			}
			if (vc)
				xmlSchemaFreeValidCtxt(vc);
			xmlSchemaFree(schema);
		}
		if (pc)
			xmlSchemaFreeParserCtxt(pc);
	}
	xmlFreeDoc(doc);
	if (r == 0)
		printf("%s: %s\n", file, strcmp(xsd, "-") ? "valid" : "well-formed");
	return r;
}
