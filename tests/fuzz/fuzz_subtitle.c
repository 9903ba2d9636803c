/* fuzz_subtitle.c - libFuzzer target: io/subtitle.h on WebVTT or SRT
 * (byte 0: bit 0 WebVTT, bit 1 timestamps), given as core/normalize.h
 * makes it (the input is normalised first; inputs it refuses are
 * skipped).  Oracles: no crash or hang; every diagnostic printable; an
 * accepted file gives valid UTF-8 without CR or controls but LF and TAB, turns one blank line apart
 * (never two blank lines in a row, never a leading one), and every
 * speaker name non-empty and without a line feed; with timestamps each
 * turn has "[hh:mm:ss] "; a refusal says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/normalize.h"
#include "io/subtitle.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	bool vtt = data[0] & 1, stamps = data[0] & 2;
	struct norm_opts o = {.what = "an interview"};
	struct diag d;
	diag_init(&d, NULL);
	struct norm r;
	if (normalize(&r, (const char *)data + 1, size - 1, &o, "f.vtt", &d) < 0) {
		diag_free(&d);
		return 0;
	}
	struct buf out;
	buf_init(&out);
	struct sub_speakers sp = {0};
	int st = subtitle_text(r.data, r.len, vtt, stamps, "f.vtt", &out, &sp, &d);
	fuzz_check_diags(&d);
	if (st == 0) {
		fuzz_assert(d.n == 0);
		const char *s = out.data ? out.data : "";
		/* a name may start with U+FEFF: cmd_add normalises the turns again */
		size_t skip = out.len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
		fuzz_assert(fuzz_valid_text(s + skip, out.len - skip, true, true));
		fuzz_assert(!strchr(s, '\r'));
		fuzz_assert(!strstr(s, "\n\n\n"));
		fuzz_assert(!out.len || s[0] != '\n');
		for (size_t i = 0; i < sp.n; i++)
			fuzz_assert(sp.v[i][0] && !strchr(sp.v[i], '\n'));
		if (stamps && out.len)
			fuzz_assert(strstr(s, "] ") != NULL);
	} else {
		fuzz_assert(d.errors > 0);
	}
	sub_speakers_free(&sp);
	buf_free(&out);
	norm_free(&r);
	diag_free(&d);
	return 0;
}
