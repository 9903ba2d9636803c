/* pdfstamp.h - reading the sitat stamp back from a built PDF, and hashing
 * files (SHA-256, OpenSSL). */
#ifndef SITAT_PDFSTAMP_H
#define SITAT_PDFSTAMP_H

#include <stdbool.h>

/* The stamp as the PDF carries it in its info dictionary (/SitatStamp):
 * "sitat-stamp/1 state=clean commit=<id> evidence=<id> bib=<id> thesis=<id>".
 * Fields are "" when absent or "-".  The key may be followed by white space
 * (xdvipdfmx writes "/SitatStamp(...)"). */
struct pdf_stamp {
	char state[16];
	char commit[41];
	char area[3][42]; /* evidence, bib, thesis: tree id or w<content id> */
	char engine[16];  /* pdflatex, xelatex or lualatex, from /Producer; "" */
	char inputs[33];  /* /SitatInputs: the MD5 of sitat.sty's list of the
	                   * TeX inputs (32 upper-case hex digits), or "" */
};

/* Read the stamp (and /SitatInputs) from the PDF at path.  Returns 0, -1 when the file cannot
 * be read (errno), -2 when it has no sitat stamp. */
int pdf_stamp_read(const char *path, struct pdf_stamp *out);

/* SHA-256 of a file as 64 hex digits.  Returns 0 or -1 (errno). */
int sha256_file(const char *path, char out[65]);
/* MD5 of a file as 32 upper-case hex digits, as pdfTeX's \pdf@filemdfivesum gives
 * it (for sitat.sty's check of the stamp, not for security).  Returns 0
 * or -1 (errno). */
int md5_file(const char *path, char out[33]);

#endif
