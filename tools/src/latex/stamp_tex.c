/* stamp_tex.c - stamp.tex: the data version as \\sitat@stamp{key}{value}. */
#include "latex/shared.h"
#include "core/version.h"

#include <stdio.h>
#include <string.h>

static void tex_kv(struct buf *b, const char *key, const char *val)
{
	tex_out(b, TEX_LIT, "\\sitat@stamp{");
	tex_out(b, TEX_ID, key);
	tex_out(b, TEX_LIT, "}{");
	tex_out(b, TEX_VAL, val); /* read back from the PDF: never broken */
	tex_out(b, TEX_LIT, "}\n");
}

void stamp_tex_write(struct buf *b, const struct stamp *st)
{
	char tmp[42], date[32], shortc[8] = "", flags[64] = "";
	tex_header(b, "stamp", NULL);
	snprintf(shortc, sizeof shortc, "%.7s", st->commit);
	stamp_iso_date(date, stamp_epoch(st));
	bool dirty = st->dirty || st->generated_dirty || !st->commit[0];
	for (int a = 0; a < STAMP_AREAS; a++)
		if (st->area[a].dirty) {
			if (flags[0])
				strcat(flags, ",");
			strcat(flags, stamp_area_names[a]);
		}
	const char *state = !st->has_repo ? "norepo" : !st->commit[0] ? "nocommit"
	                    : dirty ? "dirty" : "clean";
	tex_kv(b, "state", state);
	tex_kv(b, "commit", st->commit);
	tex_kv(b, "short", shortc);
	tex_kv(b, "describe", st->describe ? st->describe : "");
	for (int a = 0; a < STAMP_AREAS; a++) {
		const char *v = stamp_area_version(st, a, tmp);
		char key[32], sk[32], sv[9];
		snprintf(key, sizeof key, "%s", stamp_area_names[a]);
		snprintf(sk, sizeof sk, "%sshort", stamp_area_names[a]);
		snprintf(sv, sizeof sv, "%.*s", v[0] == 'w' ? 8 : 7, v);
		tex_kv(b, key, v);
		tex_kv(b, sk, sv);
	}
	if (st->inputs_dirty)
		strcat(flags, flags[0] ? ",inputs" : "inputs");
	if (st->generated_dirty)
		strcat(flags, flags[0] ? ",generated" : "generated");
	tex_kv(b, "dirtyareas", flags);
	if (st->storeid[0]) /* the store's content id, as the generated files carry it */
		tex_kv(b, "storeid", st->storeid);
	/* what LaTeX read last time: sitat.sty compares their MD5 now */
	for (size_t i = 0; i < st->ntex; i++) {
		tex_out(b, TEX_LIT, "\\sitat@stampfile{");
		tex_out(b, TEX_LIT, st->tex[i].path); /* [A-Za-z0-9./_+-] only */
		tex_out(b, TEX_LIT, "}{");
		tex_out(b, TEX_ID, st->tex[i].md5);
		tex_out(b, TEX_LIT, "}\n");
	}
	tex_kv(b, "date", date);
	tex_kv(b, "version", SITAT_VERSION);
	/* one machine-readable line for the PDF's info dictionary */
	struct buf m;
	buf_init(&m);
	buf_printf(&m, "sitat-stamp/1 state=%s commit=%s", state,
	           st->commit[0] ? st->commit : "-");
	for (int a = 0; a < STAMP_AREAS; a++) {
		const char *v = stamp_area_version(st, a, tmp);
		buf_printf(&m, " %s=%s", stamp_area_names[a], v[0] ? v : "-");
	}
	tex_kv(b, "machine", m.data);
	buf_free(&m);
}

void store_id_write(struct buf *b, const char *file, const char *id)
{
	size_t n = strlen(file);
	if (n >= 4 && !strcmp(file + n - 4, ".bib")) {
		tex_out(b, TEX_LIT, "% sitat-store-id: ");
		tex_out(b, TEX_ID, id);
		tex_out(b, TEX_LIT, "\n");
		return;
	}
	tex_out(b, TEX_LIT, "\\sitat@storeid{");
	tex_out(b, TEX_ID, file);
	tex_out(b, TEX_LIT, "}{");
	tex_out(b, TEX_ID, id);
	tex_out(b, TEX_LIT, "}\n");
}
