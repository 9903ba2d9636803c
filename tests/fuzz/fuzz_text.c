/* fuzz_text.c - libFuzzer target: text_init (UTF-8, BOM, CR, control
 * characters, NFC, position maps) on any bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/text.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char *copy = xmalloc(n + 1);
	memcpy(copy, data, n);
	copy[n] = '\0';
	struct diag d;
	diag_init(&d, NULL);
	struct text t;
	if (text_init(&t, copy, n, "fuzz.txt", true, &d)) {
		/* on valid text the maps must agree with each other */
		for (size_t cp = 0; cp <= t.ncp; cp += 1 + cp / 7) {
			size_t b = text_cp_to_byte(&t, cp);
			if (b > t.len || text_byte_to_cp(&t, b) != cp)
				abort();
			if (text_line_of(&t, b) < 1 || text_line_of(&t, b) > t.nlines + 1)
				abort();
		}
	}
	char *shown = text_show(t.data, t.len, 50);
	free(shown);
	text_free(&t);
	diag_free(&d);
	return 0;
}
