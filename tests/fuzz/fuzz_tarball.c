/* fuzz_tarball.c - libFuzzer target: io/tarball.h's reader, which takes
 * the examiner's bundle, an untrusted file.  The input is the archive
 * (gzip-compressed or not), read with small limits.  Oracles: no crash,
 * hang or leak; every diagnostic printable; a refusal leaves the list
 * empty and says why; an accepted list holds only safe names (relative,
 * UTF-8, no empty, "." or ".." component, no control character), no name
 * twice, within the limits; written again (tar_write) and read back, it
 * gives the same entries. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/tarball.h"
#include "fuzz.h"

FUZZ_ORACLE static void check_name(const char *n)
{
	size_t len = strlen(n);
	fuzz_assert(len > 0 && n[0] != '/' && n[len - 1] != '/');
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t m = fuzz_utf8((const unsigned char *)n, len, i, &c);
		fuzz_assert(m && c >= 0x20 && c != 0x7F && c != '\\');
		i += m;
	}
	for (const char *c = n; *c;) {
		size_t k = strcspn(c, "/");
		fuzz_assert(k > 0);
		fuzz_assert(!(k == 1 && c[0] == '.') && !(k == 2 && c[0] == '.' && c[1] == '.'));
		c += k + (c[k] == '/');
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	static const struct tar_limits lim = {64, 1u << 20, 4u << 20};
	struct diag d;
	struct tar_list l;
	diag_init(&d, NULL);
	int st = tar_read(&l, (const char *)data, size, "f.bundle", &lim, &d);
	fuzz_check_diags(&d);
	if (st < 0) {
		fuzz_assert(d.errors > 0 && l.n == 0);
	} else {
		fuzz_assert(d.errors == 0 && l.n <= lim.entries);
		size_t total = 0;
		for (size_t i = 0; i < l.n; i++) {
			check_name(l.v[i].name);
			fuzz_assert(l.v[i].len <= lim.entry_bytes);
			total += l.v[i].len;
			for (size_t k = 0; k < i; k++)
				fuzz_assert(strcmp(l.v[i].name, l.v[k].name));
		}
		fuzz_assert(total <= lim.total_bytes);
		/* written and read back: the same entries, sorted */
		struct buf out;
		struct tar_list again;
		buf_init(&out);
		fuzz_assert(tar_write(&l, 0, &out, "f.bundle", &d) == 0);
		fuzz_assert(tar_read(&again, out.data, out.len, "f.bundle", &lim, &d) == 0);
		fuzz_assert(again.n == l.n);
		for (size_t i = 0; i < l.n; i++) {
			fuzz_assert(!strcmp(again.v[i].name, l.v[i].name));
			fuzz_assert(again.v[i].len == l.v[i].len && again.v[i].exec == l.v[i].exec);
			fuzz_assert(!memcmp(again.v[i].data, l.v[i].data, l.v[i].len));
		}
		tar_list_free(&again);
		buf_free(&out);
	}
	tar_list_free(&l);
	diag_free(&d);
	return 0;
}
