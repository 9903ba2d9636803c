/* subtitle.h - WebVTT and SubRip (SRT) files from transcription software
 * turned into speaker turns. */
#ifndef SITAT_SUBTITLE_H
#define SITAT_SUBTITLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/util.h"

/* The speakers found (each name once, in order of appearance); the
 * caller frees them with sub_speakers_free. */
struct sub_speakers {
	char **v;
	size_t n, cap;
};
void sub_speakers_free(struct sub_speakers *sp);

/* Read the cues of s (n bytes of UTF-8 with LF line ends, as
 * core/normalize.h makes them; vtt: WebVTT, else SRT) and append the
 * turns to out, one paragraph each, separated by a blank line:
 *
 *   NAME: [hh:mm:ss] text of the cues of the turn
 *
 * A cue's speaker is its WebVTT voice span (<v NAME>, <v.class NAME>),
 * else a label at the start of its text (core/speaker.h: "NAME: ..."),
 * else the speaker of the cue before (a cue without one continues the
 * turn).  Consecutive cues of one speaker are one turn; the lines of a
 * cue are joined with a space.  The timestamp is the start of the turn's
 * first cue, in whole seconds; without timestamps it is left out.  Tags
 * (<i>, <b>, <c.x>, <00:01.000>, <font ...>) and SRT's {\...} overrides
 * are removed; WebVTT's character references (&amp; &lt; &gt; &nbsp;
 * &lrm; &rlm; &#NN; &#xHH;) are decoded (&lrm; &rlm; dropped).  NOTE,
 * STYLE and REGION blocks are skipped.  Each speaker name is added to
 * speakers, so the caller can insist that every one is mapped.
 * Returns 0, or -1 after reporting a malformed file (a WebVTT file that
 * does not start with WEBVTT, a cue timing that cannot be read) to d at
 * file:line:col. */
int subtitle_text(const char *s, size_t n, bool vtt, bool timestamps, const char *file,
                  struct buf *out, struct sub_speakers *speakers, struct diag *d);

#endif
