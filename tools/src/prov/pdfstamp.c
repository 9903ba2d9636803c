/* pdfstamp.c - the stamp inside a PDF, and SHA-256 of files. */
#define _GNU_SOURCE /* memmem */
#include "prov/pdfstamp.h"
#include "core/infile.h"
#include "core/util.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Copy the value of key= from line into out.  ids: hex digits, optionally
 * after one leading 'w' (a working-tree content id); words: a-z.  A value
 * of another shape, or too long, leaves out empty; "-" means absent. */
static void field(const char *line, const char *key, char *out, size_t n,
                  bool id)
{
	out[0] = '\0';
	size_t kl = strlen(key);
	for (const char *p = line; (p = strstr(p, key)); p += kl) {
		if ((p != line && p[-1] != ' ') || p[kl] != '=')
			continue;
		const char *v = p + kl + 1;
		size_t len = strcspn(v, " ");
		if (len >= n || (len == 1 && v[0] == '-'))
			return;
		for (size_t i = 0; i < len; i++) {
			char c = v[i];
			bool ok = id ? ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
			                (i == 0 && c == 'w'))
			             : (c >= 'a' && c <= 'z');
			if (!ok)
				return;
		}
		memcpy(out, v, len);
		out[len] = '\0';
		return;
	}
}

/* The value of the info dictionary's key in data: the bytes between "(" and
 * ")" after key, which may be followed by white space (pdfTeX and LuaTeX
 * write "/Key (value)", xdvipdfmx "/Key(value)").  *n is its length; NULL
 * when the key is absent, its value is not a string or longer than max. */
static const char *info_string(const char *data, size_t len, const char *key,
                               size_t max, size_t *n)
{
	size_t kl = strlen(key);
	for (const char *p = data; (p = memmem(p, len - (size_t)(p - data), key, kl));
	     p += kl) {
		const char *v = p + kl, *end = data + len;
		while (v < end && (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n'))
			v++;
		if (v == end || *v != '(')
			continue;
		const char *close = memchr(v, ')', (size_t)(end - v));
		if (!close || (size_t)(close - v - 1) > max)
			return NULL;
		*n = (size_t)(close - v - 1);
		return v + 1;
	}
	return NULL;
}

/* The engine that wrote the PDF, from its /Producer: pdfTeX-1.40.24,
 * LuaTeX-1.15.0 (LuaHBTeX), xdvipdfmx (20211117). */
static void producer_engine(const char *data, size_t len, char *out, size_t size)
{
	static const struct { const char *prefix, *engine; } known[] = {
		{"pdfTeX", "pdflatex"}, {"LuaTeX", "lualatex"}, {"LuaHBTeX", "lualatex"},
		{"xdvipdfmx", "xelatex"},
	};
	size_t n;
	const char *v = info_string(data, len, "/Producer", 200, &n);
	out[0] = '\0';
	for (size_t i = 0; v && i < sizeof known / sizeof known[0]; i++) {
		size_t pl = strlen(known[i].prefix);
		if (n >= pl && !memcmp(v, known[i].prefix, pl)) {
			snprintf(out, size, "%s", known[i].engine);
			return;
		}
	}
}

/* /SitatInputs (sitat.sty): 32 upper-case hex digits, else "". */
static void inputs_digest(const char *data, size_t len, char out[33])
{
	size_t n;
	const char *v = info_string(data, len, "/SitatInputs", 40, &n);
	out[0] = '\0';
	if (!v || n != 32)
		return;
	for (size_t i = 0; i < 32; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'A' && v[i] <= 'F')))
			return;
	memcpy(out, v, 32);
	out[32] = '\0';
}

int pdf_stamp_read(const char *path, struct pdf_stamp *out)
{
	char *data;
	size_t len, n;
	memset(out, 0, sizeof *out);
	if (read_file(path, &data, &len) < 0)
		return -1;
	static const char magic[] = "sitat-stamp/1 ";
	const char *v = data;
	while ((v = info_string(v, len - (size_t)(v - data), "/SitatStamp", 400, &n)) &&
	       (n < sizeof magic - 1 || memcmp(v, magic, sizeof magic - 1)))
		v += n; /* another string under that key: not ours */
	if (!v) {
		free(data);
		return -2;
	}
	/* from the space before the first field */
	char *line = xstrndup(v + sizeof magic - 2, n - (sizeof magic - 2));
	field(line, "state", out->state, sizeof out->state, false);
	field(line, "commit", out->commit, sizeof out->commit, true);
	field(line, "evidence", out->area[0], sizeof out->area[0], true);
	field(line, "bib", out->area[1], sizeof out->area[1], true);
	field(line, "thesis", out->area[2], sizeof out->area[2], true);
	free(line);
	producer_engine(data, len, out->engine, sizeof out->engine);
	inputs_digest(data, len, out->inputs);
	free(data);
	return out->state[0] ? 0 : -2;
}

static int digest_file(const char *path, const EVP_MD *md_type, char *out,
                       unsigned max, bool upper)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	size_t n;
	int ok = ctx && EVP_DigestInit_ex(ctx, md_type, NULL);
	while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
		ok = EVP_DigestUpdate(ctx, buf, n);
	ok = ok && !ferror(f) && EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	fclose(f);
	if (!ok) {
		errno = EIO;
		return -1;
	}
	for (unsigned i = 0; i < mdlen && i < max; i++)
		snprintf(out + 2 * i, 3, upper ? "%02X" : "%02x", md[i]);
	return 0;
}

int sha256_file(const char *path, char out[65])
{
	return digest_file(path, EVP_sha256(), out, 32, false);
}

int md5_file(const char *path, char out[33])
{
	return digest_file(path, EVP_md5(), out, 16, true);
}
