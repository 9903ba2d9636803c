/* wrap.c - hard-wrapping at word boundaries in place (wrap.h). */
#include "core/wrap.h"

#include <stdbool.h>

size_t wrap_text(char *s, size_t n, size_t width)
{
	size_t breaks = 0, col = 0, last_col = 0;
	bool have_last = false;
	size_t last = 0; /* byte of the last space of the line */
	if (width == 0)
		width = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) == 0x80)
			continue; /* inside a code point */
		if (c == '\n' || c == '\f') {
			col = 0, have_last = false;
			continue;
		}
		if (c == ' ') {
			if (col >= width) {
				/* the line is full: break here */
				s[i] = '\n';
				breaks++;
				col = 0, have_last = false;
				continue;
			}
			last = i, last_col = col, have_last = true;
			col++;
			continue;
		}
		col++;
		if (col > width && have_last) {
			s[last] = '\n';
			breaks++;
			col -= last_col + 1;
			have_last = false;
		}
	}
	return breaks;
}
