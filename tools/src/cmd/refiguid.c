/* refiguid.c - name-based GUIDs (see refiguid.h). */
#include "cmd/refiguid.h"

#include <openssl/evp.h>
#include <string.h>

/* sitat's namespace: a fixed random UUID, never to change (every GUID an
 * export gave depends on it). */
static const unsigned char ns[16] = {0x5b, 0x1e, 0x7a, 0x2c, 0x93, 0x4d, 0x4f, 0x61,
                                     0xa8, 0x0e, 0x3c, 0x57, 0xd2, 0x19, 0x6b, 0xf4};

void refi_guid(char out[37], const char *kind, const char *id)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	EVP_DigestInit_ex(c, EVP_sha1(), NULL);
	EVP_DigestUpdate(c, ns, sizeof ns);
	EVP_DigestUpdate(c, kind, strlen(kind));
	EVP_DigestUpdate(c, ":", 1);
	EVP_DigestUpdate(c, id, strlen(id));
	EVP_DigestFinal_ex(c, md, &mdlen);
	EVP_MD_CTX_free(c);
	md[6] = (unsigned char)((md[6] & 0x0f) | 0x50); /* version 5 */
	md[8] = (unsigned char)((md[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	static const char hex[] = "0123456789abcdef";
	char *p = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[md[i] >> 4];
		*p++ = hex[md[i] & 15];
	}
	*p = '\0';
}

const char *refi_guid_of(char out[37], const char *guid, const char *kind, const char *id)
{
	if (guid)
		return guid;
	refi_guid(out, kind, id);
	return out;
}
