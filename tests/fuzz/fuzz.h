/* fuzz.h - what the libFuzzer targets of tests/fuzz share: a
 * NUL-terminated copy of the input, an independent UTF-8 check, and the
 * check that every diagnostic a parser produced is printable (valid UTF-8,
 * no control characters: a message about hostile input must not carry
 * that input's bytes to a terminal or into --json).  A failed check calls
 * fuzz_fail, which prints what failed and aborts: libFuzzer saves the
 * input as crash-*. */
#ifndef SITAT_FUZZ_H
#define SITAT_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/diag.h"
#include "core/util.h"

/* The oracles are not what is being fuzzed: no coverage or comparison
 * tracing in them (it slowed the targets and steered the mutations
 * towards the oracle's own branches). */
#define FUZZ_ORACLE __attribute__((no_sanitize("coverage")))

#define fuzz_fail(...)                                              \
	do {                                                            \
		fprintf(stderr, "fuzz check failed (%s:%d): ", __FILE__,    \
		        __LINE__);                                          \
		fprintf(stderr, __VA_ARGS__);                               \
		fputc('\n', stderr);                                        \
		abort();                                                    \
	} while (0)
#define fuzz_assert(cond)                                           \
	do {                                                            \
		if (!(cond))                                                \
			fuzz_fail("%s", #cond);                                 \
	} while (0)

/* data as a NUL-terminated string of n bytes (caller frees). */
static inline char *fuzz_str(const uint8_t *data, size_t n)
{
	char *s = xmalloc(n + 1);
	if (n)
		memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

/* Length of the UTF-8 sequence at s[i] (n bytes in all) and its code
 * point, or 0 when it is not valid UTF-8 (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF).  Written apart from utf8proc
 * on purpose: an oracle that shares the code under test proves little. */
FUZZ_ORACLE static inline size_t fuzz_utf8(const unsigned char *s, size_t n, size_t i,
                               uint32_t *cp)
{
	unsigned char c = s[i];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (i + len > n)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i + k] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

/* A C0 or C1 control character, or DEL. */
FUZZ_ORACLE static inline bool fuzz_is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

/* true when s (n bytes) is valid UTF-8 with no control character other
 * than those in allow (e.g. "\n"). */
FUZZ_ORACLE static inline bool fuzz_printable(const char *s, size_t n, const char *allow)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t m = fuzz_utf8(u, n, i, &c);
		if (!m)
			return false;
		if (fuzz_is_control(c) && !(c && c < 0x80 && strchr(allow, (int)c)))
			return false;
		i += m;
	}
	return true;
}

/* NFC, by utf8proc (the one thing the text oracles borrow). */
FUZZ_ORACLE static inline bool fuzz_is_nfc(const char *s, size_t n)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
	                                  &dst, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	bool same = r >= 0 && (size_t)r == n && !memcmp(dst, s, n);
	free(dst);
	return same;
}

/* A text the store takes: UTF-8 without BOM, CR and control characters
 * other than LF (and TAB when tabs, FORM FEED when formfeed: a document's
 * text), in NFC (nfc: fuzz_is_nfc of it). */
FUZZ_ORACLE static inline bool fuzz_valid_text_ff(const char *s, size_t n,
                                                  bool tabs, bool formfeed, bool nfc)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return false;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t m = fuzz_utf8(u, n, i, &c);
		if (!m || (fuzz_is_control(c) && c != '\n' && !(c == '\t' && tabs) &&
		           !(c == '\f' && formfeed)))
			return false;
		i += m;
	}
	return nfc;
}

FUZZ_ORACLE static inline bool fuzz_valid_text(const char *s, size_t n,
                                               bool tabs, bool nfc)
{
	return fuzz_valid_text_ff(s, n, tabs, false, nfc);
}

/* Every record of d: a known id, printable file, where and message. */
FUZZ_ORACLE static inline void fuzz_check_diags(const struct diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag_rec *r = &d->recs[i];
		fuzz_assert(r->id < D__COUNT);
		fuzz_assert(r->msg != NULL);
		if (!fuzz_printable(r->msg, strlen(r->msg), ""))
			fuzz_fail("diagnostic '%s' is not printable: %s",
			          diag_table[r->id].name, r->msg);
		if (r->where && !fuzz_printable(r->where, strlen(r->where), ""))
			fuzz_fail("diagnostic '%s': where is not printable: %s",
			          diag_table[r->id].name, r->where);
		if (r->file)
			fuzz_assert(fuzz_printable(r->file, strlen(r->file), ""));
	}
}

#endif
