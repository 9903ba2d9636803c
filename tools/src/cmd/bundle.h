/* bundle.h - the examiner's bundle (sitat-bundle/1): one .tar.gz that
 * holds a commit's tree, the git objects that prove its ids, the PDF built
 * from it with its SHA-256, and the manifest (docs/reproducible.md,
 * "The examiner's bundle").  cmd_bundle.c writes it; `sitat reproduce
 * BUNDLE` opens it with bundle_open.
 * Owner: struct bundle owns every member; bundle_close releases them. */
#ifndef SITAT_BUNDLE_H
#define SITAT_BUNDLE_H

#include <stdbool.h>

#include "cmd/texinputs.h"
#include "core/diag.h"

#define BUNDLE_FORMAT "sitat-bundle/1"

struct cJSON;

struct bundle {
	char *path;            /* the bundle file, as given */
	char *tmp;             /* the temporary directory everything is unpacked to */
	char *src;             /* the project checked out at the commit (a git
	                        * repository, HEAD detached there): build it here */
	char *pdf;             /* the bundled PDF */
	char *record;          /* the bundled use record (JOBNAME.sitat), or NULL */
	char commit[41];
	char pdf_sha256[65];   /* as the manifest says, and checked */
	char *engine;          /* the engine the PDF was built with */
	char *sitat_version;   /* the sitat that made it */
	struct texin_list inputs; /* every file LaTeX read (the manifest's) */
	struct cJSON *manifest;   /* the whole manifest */
};

/* Unpack the bundle at path into a new temporary directory and check
 * every id in it against its content before anything is built: the pack's
 * objects (git's indexer recomputes each id), the commit and its tree,
 * every file of the tree against the blob the tree names (and no file
 * more or less), and the PDF against its SHA-256.  Then check the project
 * out at the commit in b->src.  Nothing is fetched: no network.  Returns
 * 0, or -1 after a message in d naming the bundle and the entry (b is
 * then released, its directory removed). */
int bundle_open(struct bundle *b, const char *path, struct diag *d);
/* Release b; remove its temporary directory unless keep. */
void bundle_close(struct bundle *b, bool keep);

#endif
