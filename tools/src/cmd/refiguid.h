/* refiguid.h - the GUIDs sitat gives what it exports when the store keeps
 * none (what was not imported): name-based UUIDs (RFC 4122 version 5,
 * SHA-1, OpenSSL) of "KIND:ID" in sitat's own namespace, so the same
 * store exports the same GUIDs every time, and an import recognises the
 * GUID of an entry it exported by recomputing it. */
#ifndef SITAT_REFIGUID_H
#define SITAT_REFIGUID_H

/* Kinds: "code", "source", "segment", "user" (ID: the coder's name),
 * "variable" (an attribute key), "case" (a source id), "note" (a segment
 * id, or "source:ID"), "set" (a research question id), "project". */

/* out: 36 characters and NUL, canonical (core/util.h guid_ok). */
void refi_guid(char out[37], const char *kind, const char *id);

/* The GUID an entry has in an export: its own (kept by an import) or
 * refi_guid(kind, id).  Returns guid or out. */
const char *refi_guid_of(char out[37], const char *guid, const char *kind, const char *id);

#endif
