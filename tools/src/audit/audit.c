/* audit.c - the rules of the claim audit. */
#include "audit/audit.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static bool claim_id_ok(const char *id)
{
	if (!id_chars_ok(id, "-") || id[0] == '-')
		return false;
	for (const char *p = id; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			return false;
	return true;
}

/* Distinct sources of kind k among the segments in list. */
static size_t count_sources(const struct store *s, const size_t *segs,
                            size_t n, enum source_kind k, struct buf *names)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		size_t src = s->segs[segs[i]].src;
		if (s->sources[src].kind != k)
			continue;
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = s->segs[segs[j]].src == src;
		if (seen)
			continue;
		count++;
		if (names) {
			if (names->len)
				buf_puts(names, ", ");
			buf_puts(names, s->sources[src].id);
		}
	}
	return count;
}

static const char *use_where(const struct rec_use *u, char *tmp, size_t n)
{
	if (u->claim)
		snprintf(tmp, n, "claim '%s'", u->claim);
	else
		snprintf(tmp, n, "the text");
	return tmp;
}

/* Every use: known id? anchor still valid? */
static void check_uses(const struct store *s, const struct record *r,
                       struct diag *d, bool *cited, size_t *nerr_claim)
{
	for (size_t i = 0; i < r->nuses; i++) {
		const struct rec_use *u = &r->uses[i];
		char tmp[160];
		size_t g;
		size_t ci = NONE;
		if (u->claim)
			hmap_get(&r->claimmap, u->claim, &ci);
		if (u->unknown || !hmap_get(&s->segmap, u->qid, &g)) {
			diag_at(d, D_QUOTE_UNKNOWN, u->file, u->line, 0,
			        use_where(u, tmp, sizeof tmp), u->qid);
			if (ci != NONE)
				nerr_claim[ci]++;
			continue;
		}
		cited[g] = true;
		if (!s->segs[g].anchored) {
			diag_at(d, D_QUOTE_STALE, u->file, u->line, 0,
			        use_where(u, tmp, sizeof tmp), u->qid,
			        s->sources[s->segs[g].src].codingsfile
			            ? s->sources[s->segs[g].src].codingsfile : "its codings");
			if (ci != NONE)
				nerr_claim[ci]++;
		}
	}
}

static void claim_rules(struct audit *a, const struct store *s,
                        const struct record *r, struct diag *d,
                        const size_t *nerr_claim)
{
	const struct audit_cfg *cfg = &s->audit;
	a->claims = xcalloc(r->nclaims, sizeof *a->claims);
	for (size_t i = 0; i < r->nclaims; i++) {
		const struct rec_claim *c = &r->claims[i];
		struct audit_claim *ac = &a->claims[a->nclaims];
		size_t first;
		hmap_get(&r->claimmap, c->id, &first);
		if (!claim_id_ok(c->id)) {
			diag_at(d, D_CLAIM_ID, c->file, c->line, 0, c->id);
			continue;
		}
		if (first != i) {
			char *at = xasprintf("%s:%zu", r->claims[first].file,
			                     r->claims[first].line);
			diag_at(d, D_CLAIM_DUP, c->file, c->line, 0, c->id, at);
			free(at);
			continue;
		}
		a->nclaims++;
		ac->rec = i;
		ac->rq = NONE;
		ac->level = nerr_claim[i] ? 2 : 0;
		if (c->rq && !hmap_get(&s->rqmap, c->rq, &ac->rq)) {
			diag_at(d, D_CLAIM_RQ, c->file, c->line, 0, c->id, c->rq);
			ac->level = 2;
		}
		/* its distinct known quotes, in order of first use */
		ac->segs = xcalloc(r->nuses, sizeof *ac->segs);
		ac->use = xcalloc(r->nuses, sizeof *ac->use);
		for (size_t k = 0; k < r->nuses; k++) {
			const struct rec_use *u = &r->uses[k];
			size_t g;
			if (!u->claim || strcmp(u->claim, c->id) || u->unknown ||
			    !hmap_get(&s->segmap, u->qid, &g))
				continue;
			bool seen = false;
			for (size_t m = 0; m < ac->nsegs && !seen; m++)
				seen = ac->segs[m] == g;
			if (!seen) {
				ac->segs[ac->nsegs] = g;
				ac->use[ac->nsegs++] = k;
			}
		}
		struct buf names;
		buf_init(&names);
		ac->informants = count_sources(s, ac->segs, ac->nsegs, SRC_INTERVIEW, &names);
		ac->documents = count_sources(s, ac->segs, ac->nsegs, SRC_DOCUMENT, NULL);
		if (ac->nsegs == 0) {
			diag_at(d, D_CLAIM_EMPTY, c->file, c->line, 0, c->id);
			ac->level = 2;
		} else {
			int w = 0;
			if (ac->informants > 0 && ac->informants < cfg->min_informants) {
				diag_at(d, D_TRIANGULATION, c->file, c->line, 0, c->id,
				        ac->informants, ac->informants == 1 ? "" : "s",
				        names.data, cfg->min_informants);
				w = 1;
			}
			if (cfg->mixed_sources && (!ac->informants || !ac->documents)) {
				diag_at(d, D_ONE_KIND, c->file, c->line, 0, c->id,
				        ac->informants ? "interviews" : "documents");
				w = 1;
			}
			if (w && ac->level < 1)
				ac->level = 1;
		}
		buf_free(&names);
	}
}

/* Is code c, or one of its descendants, among the codes of segment g? */
static bool coded_under(const struct store *s, size_t g, size_t c)
{
	for (size_t k = 0; k < s->segs[g].ncodes; k++)
		for (size_t x = s->segs[g].codes[k]; x != NONE; x = s->codes[x].parent)
			if (x == c)
				return true;
	return false;
}

static void store_rules(struct audit *a, const struct store *s,
                        const struct record *r, struct diag *d,
                        const bool *cited)
{
	const struct audit_cfg *cfg = &s->audit;
	char *project = path_join(s->root, "project.json");
	char *codebook = path_join(s->root, "codebook.json");
	/* informant share of all cited quotes */
	size_t *per = xcalloc(s->nsources, sizeof *per);
	for (size_t g = 0; g < s->nsegs; g++)
		if (cited[g]) {
			a->quotes_cited++;
			per[s->segs[g].src]++;
		}
	for (size_t i = 0; i < s->nsources; i++) {
		if (!per[i])
			continue;
		if (s->sources[i].kind == SRC_INTERVIEW)
			a->informants_cited++;
		else
			a->documents_cited++;
		double share = (double)per[i] / (double)a->quotes_cited;
		if (s->sources[i].kind == SRC_INTERVIEW && a->quotes_cited >= 5 &&
		    share > cfg->max_informant_share) {
			char *w = xasprintf("source %s", s->sources[i].id);
			diag_in(d, D_SHARE, s->sources[i].metafile, w, s->sources[i].id,
			        per[i], a->quotes_cited, share * 100,
			        cfg->max_informant_share * 100);
			free(w);
		}
	}
	free(per);
	/* per research question: claims, quotes, informants, documents */
	a->rq_claims = xcalloc(s->nrqs, sizeof *a->rq_claims);
	a->rq_quotes = xcalloc(s->nrqs, sizeof *a->rq_quotes);
	a->rq_informants = xcalloc(s->nrqs, sizeof *a->rq_informants);
	a->rq_documents = xcalloc(s->nrqs, sizeof *a->rq_documents);
	for (size_t q = 0; q < s->nrqs; q++) {
		size_t *segs = xcalloc(s->nsegs ? s->nsegs : 1, sizeof *segs), n = 0;
		bool *in = xcalloc(s->nsegs ? s->nsegs : 1, sizeof *in);
		for (size_t i = 0; i < a->nclaims; i++) {
			const struct audit_claim *ac = &a->claims[i];
			if (ac->rq != q)
				continue;
			a->rq_claims[q]++;
			for (size_t k = 0; k < ac->nsegs; k++)
				if (!in[ac->segs[k]]) {
					in[ac->segs[k]] = true;
					segs[n++] = ac->segs[k];
				}
		}
		a->rq_quotes[q] = n;
		a->rq_informants[q] = count_sources(s, segs, n, SRC_INTERVIEW, NULL);
		a->rq_documents[q] = count_sources(s, segs, n, SRC_DOCUMENT, NULL);
		free(segs);
		free(in);
		char *w = xasprintf("research question %s", s->rqs[q].id);
		if (cfg->rq_without_claim && !a->rq_claims[q])
			diag_in(d, D_RQ_NO_CLAIM, project, w, s->rqs[q].id, s->rqs[q].label);
		free(w);
		if (!cfg->uncited_codes)
			continue;
		for (size_t k = 0; k < s->ncodes; k++) {
			size_t c = s->code_order[k];
			bool serves = false;
			for (size_t m = 0; m < s->codes[c].nrqs; m++)
				serves |= s->codes[c].rqs[m] == q;
			if (!serves)
				continue;
			bool any = false;
			for (size_t g = 0; g < s->nsegs && !any; g++)
				any = cited[g] && coded_under(s, g, c);
			if (!any) {
				char *cw = xasprintf("code %s", s->codes[c].id);
				diag_in(d, D_CODE_UNCITED, codebook, cw, s->rqs[q].id,
				        s->codes[c].id, s->codes[c].name);
				free(cw);
			}
		}
	}
	(void)r;
	free(project);
	free(codebook);
}

void audit_run(struct audit *a, const struct store *s, const struct record *r,
               struct diag *d)
{
	memset(a, 0, sizeof *a);
	bool *cited = xcalloc(s->nsegs ? s->nsegs : 1, sizeof *cited);
	size_t *nerr = xcalloc(r->nclaims ? r->nclaims : 1, sizeof *nerr);
	check_uses(s, r, d, cited, nerr);
	claim_rules(a, s, r, d, nerr);
	store_rules(a, s, r, d, cited);
	free(nerr);
	free(cited);
}

void audit_free(struct audit *a)
{
	for (size_t i = 0; i < a->nclaims; i++) {
		free(a->claims[i].segs);
		free(a->claims[i].use);
	}
	free(a->claims);
	free(a->rq_claims);
	free(a->rq_quotes);
	free(a->rq_informants);
	free(a->rq_documents);
	memset(a, 0, sizeof *a);
}
