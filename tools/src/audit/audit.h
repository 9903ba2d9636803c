/* audit.h - the claim audit: claims in the thesis checked against the
 * quotes they cite and the store (rules and thresholds: evidence/README.md,
 * "audit").  audit_run reports to a diag and fills struct audit, which
 * owns its arrays (audit_free). */
#ifndef SITAT_AUDIT_H
#define SITAT_AUDIT_H

#include "audit/record.h"
#include "core/store.h"

struct audit_claim {
	size_t rec;        /* index into record.claims */
	size_t rq;         /* index into store.rqs, or NONE */
	size_t *segs;      /* distinct cited segments, in order of first use */
	size_t *use;       /* for each, the index of its first use in record.uses */
	size_t nsegs;
	size_t informants; /* distinct interviews among the segments */
	size_t documents;  /* distinct documents */
	int level;         /* 0 ok, 1 warning, 2 error */
};

struct audit {
	struct audit_claim *claims;
	size_t nclaims;
	size_t quotes_cited, informants_cited, documents_cited;
	size_t *rq_claims;  /* per research question: claims */
	size_t *rq_quotes;  /* distinct quotes cited in its claims */
	size_t *rq_informants, *rq_documents;
};

void audit_run(struct audit *a, const struct store *s, const struct record *r,
               struct diag *d);
void audit_free(struct audit *a);

#endif
