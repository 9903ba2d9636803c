/* normalize.c - decoding, line ends, NFC and the position map of a text
 * as it arrives (normalize.h). */
#include "core/normalize.h"
#include "core/util.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NORM_MAX_BAD 20

void norm_free(struct norm *n)
{
	free(n->data);
	free(n->map);
	memset(n, 0, sizeof *n);
}

/* The state of one pass over the UTF-8 input. */
struct pass {
	const struct norm_opts *o;
	const char *file;
	struct diag *d;
	size_t bad;              /* problems seen */
	size_t line, col;        /* of the input code point being read */
	struct buf out;          /* the output so far */
	size_t out_cp;           /* its code points */
	size_t *map;             /* map[input cp] */
	size_t n_in, cap_map;
	struct buf chunk;        /* the sequence NFC may change, not yet output */
	size_t chunk_in, chunk_ncp; /* its first input index and code points */
	bool chunk_check;        /* it must go through NFC */
	size_t nfc;
};

static bool report(struct pass *p)
{
	return ++p->bad <= NORM_MAX_BAD;
}

static void map_set(struct pass *p, size_t in, size_t out)
{
	if (!p->o->want_map)
		return;
	while (p->cap_map <= in + 1) {
		size_t n = p->cap_map;
		ARRAY_GROW(p->map, n, p->cap_map);
	}
	p->map[in] = out;
}

/* The second parts of canonical pairs that have combining class 0 (so
 * they would otherwise look like a safe boundary): Hangul vowels and
 * trailing consonants, and some vowel signs of Indic and other scripts
 * (Unicode 14/15). */
static bool pair_second(utf8proc_int32_t c)
{
	static const utf8proc_int32_t v[] = {
		0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0BBE, 0x0BD7, 0x0CC2,
		0x0CD5, 0x0CD6, 0x0D3E, 0x0D57, 0x0DCF, 0x0DDF, 0x0FB5, 0x0FB7,
		0x102E, 0x1B35, 0x11127, 0x1133E, 0x11357, 0x114B0, 0x114BA,
		0x114BD, 0x115AF, 0x11930,
	};
	if ((c >= 0x1161 && c <= 0x1175) || (c >= 0x11A8 && c <= 0x11C2))
		return true;
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		if (v[i] == c)
			return true;
	return false;
}

/* Has c a canonical decomposition? */
static bool decomposes(const utf8proc_property_t *pr)
{
	return pr->decomp_seqindex != UINT16_MAX && pr->decomp_type == 0;
}

/* May a sequence start at c: NFC neither reorders c with what precedes
 * it nor composes it with that, nor does c's own decomposition reach
 * back?  Below U+0300 always (core/text.c: nfc_inert). */
static bool boundary(utf8proc_int32_t c, bool *check)
{
	*check = false;
	if (c < 0x300)
		return true;
	const utf8proc_property_t *pr = utf8proc_get_property(c);
	if (pr->combining_class != 0 || decomposes(pr) || pair_second(c)) {
		*check = true;
		return false;
	}
	return true;
}

/* Output the pending sequence: as it is, or its NFC. */
static void flush(struct pass *p)
{
	if (!p->chunk_ncp)
		return;
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t r = -1;
	if (p->chunk_check)
		r = utf8proc_map((const utf8proc_uint8_t *)p->chunk.data,
		                 (utf8proc_ssize_t)p->chunk.len, &dst,
		                 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (r < 0 || ((size_t)r == p->chunk.len && !memcmp(dst, p->chunk.data, p->chunk.len))) {
		for (size_t k = 0; k < p->chunk_ncp; k++)
			map_set(p, p->chunk_in + k, p->out_cp + k);
		buf_add(&p->out, p->chunk.data, p->chunk.len);
		p->out_cp += p->chunk_ncp;
	} else {
		size_t m = 0;
		for (utf8proc_ssize_t k = 0; k < r; k++)
			m += (dst[k] & 0xC0) != 0x80;
		for (size_t k = 0; k < p->chunk_ncp; k++)
			map_set(p, p->chunk_in + k, p->out_cp);
		buf_add(&p->out, dst, (size_t)r);
		p->out_cp += m;
		p->nfc += m;
	}
	free(dst);
	p->chunk.len = 0;
	p->chunk_ncp = 0;
	p->chunk_check = false;
}

/* One decoded code point (a CR already made LF). */
static void put_cp(struct pass *p, utf8proc_int32_t c)
{
	bool check;
	if (boundary(c, &check)) {
		flush(p);
		p->chunk_in = p->n_in;
		/* a single code point changes only when it decomposes */
		if (c >= 0x300 && !p->chunk_check)
			p->chunk_check = decomposes(utf8proc_get_property(c));
	} else if (!p->chunk_ncp) {
		p->chunk_in = p->n_in;
	}
	p->chunk_check |= check;
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t k = utf8proc_encode_char(c, u);
	buf_add(&p->chunk, u, (size_t)k);
	p->chunk_ncp++;
	p->n_in++;
}

static bool control(const struct pass *p, utf8proc_int32_t c)
{
	if (c == '\n' || c == '\t' || (c == '\f' && p->o->allow_ff))
		return false;
	return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

/* The pass over UTF-8 bytes s (no BOM). */
static void scan(struct pass *p, const unsigned char *s, size_t n, struct norm *res)
{
	p->line = 1, p->col = 1;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k;
		if (s[i] < 0x80) {
			c = s[i], k = 1;
		} else {
			k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &c);
			if (k < 0 || (c >= 0xD800 && c <= 0xDFFF)) {
				if (report(p))
					diag_at(p->d, D_ADD_UTF8, p->file, p->line, p->col, s[i]);
				i++, p->col++;
				continue;
			}
		}
		i += (size_t)k;
		if (c == '\r') {
			if (i < n && s[i] == '\n') {
				/* the CR of a CRLF is dropped: it maps to the LF */
				flush(p);
				map_set(p, p->n_in, p->out_cp);
				p->n_in++;
				res->crlf++;
				continue;
			}
			res->cr++;
			c = '\n';
		}
		if (c == 0xFEFF && p->out_cp == 0 && !p->chunk_ncp) {
			/* another byte order mark at the start: dropped too */
			map_set(p, p->n_in, 0);
			p->n_in++;
			res->bom = true;
			p->col++;
			continue;
		}
		if (control(p, c) && report(p)) {
			const char *ff = p->o->allow_ff ? ", LF and FORM FEED" : " and LF";
			diag_at(p->d, D_ADD_CONTROL, p->file, p->line, p->col, (unsigned)c,
			        p->o->what ? p->o->what : "a text", ff);
		}
		put_cp(p, c);
		if (c == '\n')
			p->line++, p->col = 1;
		else
			p->col++;
	}
	flush(p);
	map_set(p, p->n_in, p->out_cp);
}

/* UTF-16 (without its BOM) to UTF-8; lone surrogates and an odd byte are
 * reported at their line and column. */
static void from_utf16(struct pass *p, const unsigned char *s, size_t n, bool be,
                       struct buf *u8)
{
	size_t line = 1, col = 1;
	for (size_t i = 0; i + 1 < n; i += 2) {
		uint32_t c = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
		if (c >= 0xD800 && c <= 0xDBFF && i + 3 < n) {
			uint32_t c2 = be ? (uint32_t)(s[i + 2] << 8 | s[i + 3])
			                 : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
			if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
				c = 0x10000 + ((c - 0xD800) << 10) + (c2 - 0xDC00);
				i += 2;
			}
		}
		if (c >= 0xD800 && c <= 0xDFFF) {
			if (report(p)) {
				char *why = xasprintf("a lone surrogate 0x%04X", (unsigned)c);
				diag_at(p->d, D_ADD_UTF16, p->file, line, col, why);
				free(why);
			}
			col++;
			continue;
		}
		utf8proc_uint8_t u[4];
		utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)c, u);
		buf_add(u8, u, (size_t)k);
		if (c == '\n')
			line++, col = 1;
		else
			col++;
	}
	if (n % 2 && report(p))
		diag_at(p->d, D_ADD_UTF16, p->file, line, col, "an odd number of bytes (the last one is cut)");
}

/* Line and column (bytes) of offset off. */
static void byte_pos(const char *s, size_t off, size_t *line, size_t *col)
{
	*line = 1, *col = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n')
			(*line)++, *col = 1;
		else
			(*col)++;
	}
}

/* A legacy encoding through iconv. */
static int from_iconv(struct pass *p, const char *enc, const char *s, size_t n,
                      struct buf *u8)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	if (cd == (iconv_t)-1) {
		diag_at(p->d, D_ADD_ENCODING, p->file, 0, 0, enc,
		        "iconv does not know this encoding (see 'iconv -l')");
		p->bad++;
		return -1;
	}
	char *in = (char *)s;
	size_t left = n;
	while (left > 0) {
		char tmp[8192], *o = tmp;
		size_t room = sizeof tmp;
		size_t r = iconv(cd, &in, &left, &o, &room);
		buf_add(u8, tmp, (size_t)(o - tmp));
		if (r == (size_t)-1 && errno != E2BIG) {
			size_t line, col;
			byte_pos(s, (size_t)(in - s), &line, &col);
			char *why = xasprintf("byte 0x%02X is not a character of %s%s",
			                      (unsigned char)*in, enc,
			                      errno == EINVAL ? " (the file ends inside a character)" : "");
			if (report(p))
				diag_at(p->d, D_ADD_ENCODING, p->file, line, col, enc, why);
			free(why);
			in++, left--;
		}
	}
	iconv_close(cd);
	return 0;
}

int normalize(struct norm *res, const char *in, size_t len,
              const struct norm_opts *o, const char *file, struct diag *d)
{
	memset(res, 0, sizeof *res);
	struct pass p = {.o = o, .file = file, .d = d};
	buf_init(&p.out);
	buf_init(&p.chunk);
	const unsigned char *s = (const unsigned char *)in;
	struct buf u8;
	buf_init(&u8);
	const unsigned char *text = s;
	size_t tn = len;
	if (o->encoding) {
		res->encoding = o->encoding;
		if (from_iconv(&p, o->encoding, in, len, &u8) == 0) {
			text = (const unsigned char *)u8.data;
			tn = u8.len;
		} else {
			tn = 0;
		}
		if (tn >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
			text += 3, tn -= 3, res->bom = true;
	} else if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		bool be = s[0] == 0xFE;
		res->encoding = be ? "UTF-16BE" : "UTF-16LE";
		res->bom = true;
		from_utf16(&p, s + 2, len - 2, be, &u8);
		text = (const unsigned char *)u8.data;
		tn = u8.len;
	} else {
		res->encoding = "UTF-8";
		if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
			text += 3, tn -= 3, res->bom = true;
	}
	if (tn)
		scan(&p, text, tn, res);
	else
		map_set(&p, 0, 0);
	buf_free(&u8);
	buf_free(&p.chunk);
	if (p.bad > NORM_MAX_BAD)
		diag_at(d, D_TEXT_MORE, file, 0, 0, p.bad - NORM_MAX_BAD);
	if (p.bad) {
		const char *enc = res->encoding;
		buf_free(&p.out);
		free(p.map);
		memset(res, 0, sizeof *res);
		res->encoding = enc;
		return -1;
	}
	if (!p.out.data)
		buf_add(&p.out, "", 0);
	res->data = buf_detach(&p.out, &res->len);
	res->ncp = p.out_cp;
	res->map = p.map;
	res->n_in = p.n_in;
	res->nfc = p.nfc;
	return 0;
}
