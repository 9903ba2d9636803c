/* qdpxfloor.c - the floor for the REFI-QDA rows of sitat's benchmarks
 * (issue 12): open a .qdpx with libzip, inflate every entry into memory,
 * and parse its project XML (project.qde, or the one .qde) with libxml2
 * into a tree (xmlReadMemory, the reader's options: no network, no
 * entities, no DTD); nothing else.  sitat import does this and more, and
 * sitat export writes what this reads, so both are compared with it.
 *
 *   cc -O2 -o build/bench/qdpxfloor tests/bench/qdpxfloor.c \
 *       $(pkg-config --cflags --libs libzip libxml-2.0)
 *   build/bench/qdpxfloor FILE.qdpx
 *
 * Prints the entries, the inflated bytes and the XML's elements. */
#define _POSIX_C_SOURCE 200809L

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static void die(const char *file, const char *what)
{
	fprintf(stderr, "qdpxfloor: %s: %s\n", file, what);
	exit(2);
}

static size_t count(xmlNode *n)
{
	size_t k = 0;
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			k += 1 + count(n->children);
	return k;
}

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && strcmp(s + n - m, suf) == 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: qdpxfloor FILE.qdpx\n");
		return 2;
	}
	int err = 0;
	zip_t *z = zip_open(argv[1], ZIP_RDONLY, &err);
	if (!z)
		die(argv[1], "cannot open as a zip archive");
	zip_int64_t n = zip_get_num_entries(z, 0);
	char *xml = NULL;
	size_t xml_len = 0, total = 0;
	int xml_named = 0;
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) < 0)
			die(argv[1], zip_strerror(z));
		zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
		if (!f)
			die(st.name, zip_strerror(z));
		size_t cap = (st.valid & ZIP_STAT_SIZE) ? (size_t)st.size + 1 : 1 << 16, len = 0;
		char *buf = malloc(cap);
		if (!buf)
			die(st.name, "out of memory");
		for (;;) {
			if (len + 1 >= cap) {
				cap *= 2;
				if (!(buf = realloc(buf, cap)))
					die(st.name, "out of memory");
			}
			zip_int64_t r = zip_fread(f, buf + len, cap - 1 - len);
			if (r < 0)
				die(st.name, zip_file_strerror(f));
			if (r == 0)
				break;
			len += (size_t)r;
		}
		zip_fclose(f);
		buf[len] = 0;
		total += len;
		int named = strcmp(st.name, "project.qde") == 0;
		if ((named || (ends_with(st.name, ".qde") && !xml_named)) && (!xml || named)) {
			free(xml);
			xml = buf;
			xml_len = len;
			xml_named = named;
		} else {
			free(buf);
		}
	}
	if (!xml)
		die(argv[1], "no project XML");
	xmlDoc *doc = xmlReadMemory(xml, (int)xml_len, "project.qde", NULL, XML_PARSE_NONET);
	if (!doc)
		die(argv[1], "the project XML is not well formed");
	size_t elems = count(xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	free(xml);
	zip_close(z);
	printf("%lld entries, %zu bytes inflated, %zu elements\n", (long long)n, total, elems);
	return 0;
}
